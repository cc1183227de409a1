using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Agency;
using StudyBot.Members.Import;
using StudyBot.Resources;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Members;

public sealed class ImportTestsOnSqlite() : ImportTests(StorageProvider.Sqlite);

public sealed class ImportTestsOnPostgres() : ImportTests(StorageProvider.Postgres);

/// <summary>Importing the member file: all or nothing, idempotent, keyed by UPN, on both providers.</summary>
public abstract class ImportTests(StorageProvider provider) : ProviderSuite(provider)
{
    private static async Task<(ImportReport? Report, List<ImportError> Errors)> ImportAsync(BotHost bot, string csv, Guid? actor = null)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MemberImport>()
            .RunAsync(new StringReader(csv), Texts.Vietnamese, actor, default);
    }

    /// <summary>Everything the import may touch, as comparable lines.</summary>
    private static async Task<List<string>> SnapshotAsync(BotHost bot)
    {
        await using var db = bot.NewDb();
        var lines = new List<string>();
        lines.AddRange((await db.Set<Member>().ToListAsync()).Select(m => $"M {m.Id} {m.Upn} {m.Name} {m.Email} {m.AadObjectId} {m.IsPartyMember}"));
        lines.AddRange((await db.Set<Unit>().ToListAsync()).Select(u => $"U {u.Id} {u.Name} {u.ParentId}"));
        lines.AddRange((await db.Set<UnitMembership>().ToListAsync()).Select(m => $"UM {m.MemberId} {m.UnitId} {m.Source}"));
        lines.AddRange((await db.Set<RoleAssignment>().ToListAsync()).Select(r => $"R {r.Id} {r.MemberId} {r.Role} {r.UnitId}"));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    [SkippableFact]
    public async Task An_agency_of_2000_people_in_40_cells_imports_and_importing_again_changes_nothing()
    {
        await using var bot = await StartBot();
        var file = MemberFiles.Agency(2000, 40);

        var (first, errors) = await ImportAsync(bot, file);
        Assert.Empty(errors);
        Assert.Equal((2000, 2000, 80, 42), (first!.People, first.Created, first.UnitsCreated, first.RolesAdded));
        var before = await SnapshotAsync(bot);

        var (second, _) = await ImportAsync(bot, file);

        Assert.True(second!.ChangedNothing);
        Assert.Equal(2000, second.Unchanged);
        Assert.Equal(before, await SnapshotAsync(bot));
        await using var db = bot.NewDb();
        var cell = await db.Set<Unit>().SingleAsync(u => u.Name == "Chi bộ 7");
        var office = await db.Set<Unit>().SingleAsync(u => u.Name == "Phòng nghiệp vụ 7");
        Assert.Equal(office.Id, cell.ParentId);
        Assert.Equal(50, await db.Set<UnitMembership>().CountAsync(m => m.UnitId == cell.Id));
    }

    [SkippableFact]
    public async Task One_bad_line_imports_nothing_and_names_the_line()
    {
        await using var bot = await StartBot();
        var lines = MemberFiles.Agency(300, 10).Split('\n').ToList();
        lines[150] = "khong-hop-le,Người Sai,,,Chi bộ 1,có,";

        var (report, errors) = await ImportAsync(bot, string.Join('\n', lines));

        Assert.Null(report);
        var error = Assert.Single(errors);
        Assert.Equal(151, error.Line);
        Assert.Equal(0, await bot.StoredRowsAsync());
        await using var db = bot.NewDb();
        Assert.Equal(0, await db.Set<Unit>().CountAsync());
    }

    [SkippableFact]
    public async Task A_role_in_a_unit_nobody_has_is_an_error_on_its_line()
    {
        await using var bot = await StartBot();
        var (report, errors) = await ImportAsync(bot, $"{MemberFiles.Header}\na@x.vn,An,,,Chi bộ 1,có,bí thư@Chi bộ 9\n");
        Assert.Null(report);
        Assert.Equal((2, "Đơn vị «Chi bộ 9» của vai trò chưa có; thêm đơn vị đó vào cột đơn vị hoặc tạo trước."),
            (errors[0].Line, errors[0].Message));
    }

    [SkippableFact]
    public async Task A_changed_file_updates_people_moves_them_and_changes_only_imported_roles()
    {
        await using var bot = await StartBot();
        await ImportAsync(bot, $"{MemberFiles.Header}\na@x.vn,An,,,Chi bộ 1,không,bí thư@Chi bộ 1\nb@x.vn,Bình,,,Chi bộ 1,có,\n");
        await using (var db = bot.NewDb())
        {
            // A role an admin gave by command must survive a later import.
            var b = await db.Set<Member>().SingleAsync(m => m.Upn == "b@x.vn");
            db.Add(new RoleAssignment { Id = Guid.NewGuid(), MemberId = b.Id, Role = Role.Leader, Source = MembershipSource.Admin });
            await db.SaveChangesAsync();
        }

        var (report, _) = await ImportAsync(bot, $"{MemberFiles.Header}\nA@X.VN,An Nguyễn,,,Chi bộ 2,có,\nb@x.vn,Bình,,,Chi bộ 1,có,\n");

        Assert.Equal((0, 1, 1, 1, 0), (report!.Created, report.Updated, report.Unchanged, report.RolesRemoved, report.RolesAdded));
        await using var check = bot.NewDb();
        var a = await check.Set<Member>().SingleAsync(m => m.Upn == "a@x.vn");
        Assert.Equal(("An Nguyễn", true), (a.Name, a.IsPartyMember));
        var aUnits = await check.Set<UnitMembership>().Where(m => m.MemberId == a.Id)
            .Join(check.Set<Unit>(), m => m.UnitId, u => u.Id, (m, u) => u.Name).ToListAsync();
        Assert.Equal(["Chi bộ 2"], aUnits);
        Assert.Empty(await check.Set<RoleAssignment>().Where(r => r.MemberId == a.Id).ToListAsync());
        Assert.Single(await check.Set<RoleAssignment>().Where(r => r.Role == Role.Leader).ToListAsync());
    }

    [SkippableFact]
    public async Task The_command_line_imports_and_reports_with_an_exit_code()
    {
        await using var bot = await StartBot();
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, MemberFiles.Agency(20, 4));
        var settings = new[] { $"--Storage:Provider={Provider}", $"--ConnectionStrings:StudyBot={bot.ConnectionString}", "--environment=Development" };

        var ok = await StudyBot.Cli.TryRunAsync(["import", "members", file, .. settings]);
        await File.WriteAllTextAsync(file, "upn,ho_ten\nsai,An\n");
        var bad = await StudyBot.Cli.TryRunAsync(["import", "members", file, .. settings]);
        File.Delete(file);

        Assert.Equal((0, 1), (ok, bad));
        await using var db = bot.NewDb();
        Assert.Equal(20, await db.Set<Member>().CountAsync());
    }
}
