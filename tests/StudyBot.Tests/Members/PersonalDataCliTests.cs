using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Conduct;
using StudyBot.Conversations;
using StudyBot.Nominations;
using StudyBot.Quiz;
using StudyBot.Reminders;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;
using static StudyBot.Tests.Members.PersonalDataRows;

namespace StudyBot.Tests.Members;

public sealed class PersonalDataCliTestsOnSqlite() : PersonalDataCliTests(StorageProvider.Sqlite);

public sealed class PersonalDataCliTestsOnPostgres() : PersonalDataCliTests(StorageProvider.Postgres);

/// <summary>
/// `member export` and `member erase` run from the shell against the bot's database, as an operator answering a
/// request under Nghị định 13/2023 would: what they print, their exit codes, and what is stored afterwards.
/// </summary>
public abstract class PersonalDataCliTests(StorageProvider provider) : ProviderSuite(provider)
{
    /// <summary>One field of every entry of a list in the export, found by its path ("conduct", "questions").</summary>
    private static string[] Values(JsonNode json, string field, params string[] path)
    {
        var node = path.Aggregate((JsonNode?)json, (at, key) => at?[key]);
        Assert.True(node is JsonArray, $"the export has no list at {string.Join(".", path)}");
        return node!.AsArray().Select(item => item![field]!.ToString()).ToArray();
    }

    [SkippableFact]
    public async Task Export_prints_as_json_the_persons_rows_from_every_feature_and_nobody_elses()
    {
        await using var bot = await StartBot();
        await StoreAsync(bot);

        var run = await BotCommandLine.RunAsync(bot, "member", "export", An.ToUpperInvariant());

        Assert.Equal((0, ""), (run.ExitCode, run.Errors));
        var json = JsonNode.Parse(run.Output)!; // the whole output, so it can be saved to a file as it is
        Assert.Equal((An, "Nguyễn Văn An"), (json["member"]!["upn"]!.GetValue<string>(), json["member"]!["name"]!.GetValue<string>()));
        Assert.Equal(["Chi bộ Thu"], Values(json, "unit", "units"));
        Assert.Equal(["Secretary"], Values(json, "role", "roles"));
        Assert.Equal(["a:" + An], Values(json, "id", "conversations"));
        Assert.Equal(["language.choose"], Values(json, "dialog", "dialogs"));
        Assert.Contains(AuditOutcome.Refused, Values(json, "outcome", "audit"));
        Assert.Equal([RoundTitle], Values(json, "round", "quiz"));
        Assert.Equal(["4"], Values(json, "score", "quiz"));
        Assert.Equal(["ĐC-2026-0001", "ĐC-2026-0002"], Values(json, "reference", "nominations"));
        Assert.Equal(["nominator", "nominee"], Values(json, "role", "nominations"));
        Assert.Equal([AnQuestion], Values(json, "question", "conduct", "questions"));
        Assert.Equal([AnFeedbackQuestion], Values(json, "question", "conduct", "feedback"));
        Assert.Single(Values(json, "at", "reminders", "acknowledgements"));
        Assert.Equal([StoryStatus.Accepted], Values(json, "status", "reminders", "storyTurns"));
        foreach (var other in new[] { Binh, "Trần Thị Bình", "a:" + Binh, BinhQuestion, BinhDeed })
            Assert.DoesNotContain(other, run.Output);
    }

    [SkippableFact]
    public async Task Erase_anonymises_the_person_removes_their_chats_and_keeps_every_count()
    {
        await using var bot = await StartBot();
        await StoreAsync(bot);
        Guid an;
        await using (var db = bot.NewDb()) an = (await db.Set<Member>().SingleAsync(m => m.Upn == An)).Id;

        var run = await BotCommandLine.RunAsync(bot, "member", "erase", An, "--yes");

        Assert.Equal((0, $"Đã xóa dữ liệu cá nhân của {An}.", ""), (run.ExitCode, run.Output.Trim(), run.Errors));
        await using (var db = bot.NewDb())
        {
            var erased = await db.Set<Member>().SingleAsync(m => m.Id == an);
            Assert.Equal((Member.ErasedName, null, null, null, null), (erased.Name, erased.Upn, erased.Email, erased.AadObjectId, erased.ChannelUserId));
            Assert.NotNull(erased.ErasedAt);
            Assert.False(await db.Set<ConversationRecord>().AnyAsync(c => c.MemberId == an || c.Id == "a:" + An));
            Assert.False(await db.Set<ProcessedActivity>().AnyAsync(p => p.ConversationId == "a:" + An));
            Assert.False(await db.Set<DialogState>().AnyAsync(d => d.UserId == "29:" + An));
            Assert.False(await db.Set<RoleAssignment>().AnyAsync(r => r.MemberId == an));
            // What is counted stays, tied to the anonymous row: the cell's size, the round, the nominations.
            Assert.Equal(3, await db.Set<UnitMembership>().CountAsync());
            Assert.Equal(2, await db.Set<QuizAttempt>().CountAsync());
            Assert.Equal(2, await db.Set<Nomination>().CountAsync(n => n.NominatorId == an || n.NomineeId == an));
            var audit = await db.Set<AuditEntry>().SingleAsync(a => a.Action == "member.erase");
            Assert.Equal((null, an.ToString()), (audit.ActorId, audit.Target));
            // A colleague keeps everything.
            var binh = await db.Set<Member>().SingleAsync(m => m.Upn == Binh);
            Assert.Equal("Trần Thị Bình", binh.Name);
            Assert.True(await db.Set<ConversationRecord>().AnyAsync(c => c.Id == "a:" + Binh));
            Assert.True(await db.Set<DialogState>().AnyAsync(d => d.UserId == "29:" + Binh));
            Assert.True(await db.Set<Escalation>().AnyAsync(e => e.Question == BinhQuestion));
        }

        // The address no longer leads to anyone.
        var again = await BotCommandLine.RunAsync(bot, "member", "export", An);
        Assert.Equal((1, $"Không tìm thấy người có địa chỉ hoặc mã «{An}»."), (again.ExitCode, again.Errors.Trim()));
    }

    [SkippableFact]
    public async Task Erase_without_yes_says_it_cannot_be_undone_and_changes_nothing()
    {
        await using var bot = await StartBot();
        await StoreAsync(bot);

        var run = await BotCommandLine.RunAsync(bot, "member", "erase", An);

        Assert.Equal((2, "", "Xóa dữ liệu không thể hoàn tác. Thêm --yes để xác nhận."), (run.ExitCode, run.Output, run.Errors.Trim()));
        await using var db = bot.NewDb();
        Assert.Equal("Nguyễn Văn An", (await db.Set<Member>().SingleAsync(m => m.Upn == An)).Name);
        Assert.True(await db.Set<ConversationRecord>().AnyAsync(c => c.Id == "a:" + An));
        Assert.False(await db.Set<AuditEntry>().AnyAsync(a => a.Action == "member.erase"));
    }

    [SkippableFact]
    public async Task An_unknown_person_is_named_in_vietnamese_and_nothing_is_exported_or_erased()
    {
        await using var bot = await StartBot();
        await StoreAsync(bot);
        const string nobody = "khong.co@bhxh.example";

        var export = await BotCommandLine.RunAsync(bot, "member", "export", nobody);
        var erase = await BotCommandLine.RunAsync(bot, "member", "erase", nobody, "--yes");

        foreach (var run in new[] { export, erase })
            Assert.Equal((1, "", $"Không tìm thấy người có địa chỉ hoặc mã «{nobody}»."), (run.ExitCode, run.Output, run.Errors.Trim()));
        await using var db = bot.NewDb();
        Assert.False(await db.Set<Member>().AnyAsync(m => m.ErasedAt != null));
        Assert.False(await db.Set<AuditEntry>().AnyAsync(a => a.Action == "member.erase"));
    }
}
