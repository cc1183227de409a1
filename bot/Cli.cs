using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StudyBot.Agency;
using StudyBot.Members.Import;
using StudyBot.Resources;
using StudyBot.Storage;

namespace StudyBot;

/// <summary>
/// Admin tasks from the shell, without starting the service: `dotnet run --project bot -- import members
/// &lt;file&gt;`, `member export &lt;upn&gt;`, `member erase &lt;upn&gt; --yes`. Output is Vietnamese, like the bot's.
/// </summary>
public static class Cli
{
    /// <summary>Runs a command-line task if the arguments name one; null means "start the service".</summary>
    public static async Task<int?> TryRunAsync(string[] args)
    {
        var verbs = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var options = args.Skip(verbs.Length).ToArray();
        if (verbs is ["package-manifest"]) return PackageManifest(options);
        // Checking needs no database: it reads the file (or the shipped pack) and says what is wrong.
        if (verbs is ["content", "check", ..])
        {
            await using var checker = StudyBotApp.Build(options);
            return ContentCheck(checker.Services.GetRequiredService<Content.ContentPacks>(), verbs.Length > 2 ? verbs[2] : null);
        }
        Func<IServiceProvider, Task<int>>? task = verbs switch
        {
            ["import", "members", var file] => sp => ImportAsync(sp, file),
            ["member", "export", var key] => sp => ExportAsync(sp, key),
            ["member", "erase", var key] => sp => EraseAsync(sp, key, options.Contains("--yes")),
            ["content", "import", var file] => sp => ContentImportAsync(sp, file),
            ["content", "export"] => sp => ContentExportAsync(sp, null),
            ["content", "export", var file] => sp => ContentExportAsync(sp, file),
            [] => null,
            _ => _ => Task.FromResult(Usage()),
        };
        if (task is null) return null;
        var settings = options.Where(o => o != "--yes").ToArray();
        await using var app = StudyBotApp.Build(settings);
        await app.Services.PrepareDatabaseAsync(checkSettings: false);
        await using var scope = app.Services.CreateAsyncScope();
        return await task(scope.ServiceProvider);
    }

    private static async Task<int> ImportAsync(IServiceProvider services, string path)
    {
        if (!File.Exists(path)) { Console.Error.WriteLine($"Không tìm thấy tệp «{path}»."); return 2; }
        using var reader = new StreamReader(path, new UTF8Encoding(false));
        var (report, errors) = await services.GetRequiredService<MemberImport>()
            .RunAsync(reader, Texts.Vietnamese, actorId: null, CancellationToken.None);
        var text = MemberImport.Describe(report, errors, Texts.Vietnamese).Replace("\n\n", "\n");
        (report is null ? Console.Error : Console.Out).WriteLine(text);
        return report is null ? 1 : 0;
    }

    private static async Task<int> ExportAsync(IServiceProvider services, string key)
    {
        var db = services.GetRequiredService<StudyBotDb>();
        if (await MemberDirectory.FindAsync(db, key, CancellationToken.None) is not { } member) return NotFound(key);
        var json = await services.GetRequiredService<PersonalData>().ExportAsync(db, member, CancellationToken.None);
        Console.WriteLine(json.ToJsonString(new JsonSerializerOptions(Protocol.WireJson.Options) { WriteIndented = true }));
        return 0;
    }

    private static async Task<int> EraseAsync(IServiceProvider services, string key, bool confirmed)
    {
        if (!confirmed)
        {
            Console.Error.WriteLine("Xóa dữ liệu không thể hoàn tác. Thêm --yes để xác nhận.");
            return 2;
        }
        var db = services.GetRequiredService<StudyBotDb>();
        if (await MemberDirectory.FindAsync(db, key, CancellationToken.None) is not { } member) return NotFound(key);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await services.GetRequiredService<PersonalData>().EraseAsync(db, member, actorId: null, now, CancellationToken.None);
        Console.WriteLine($"Đã xóa dữ liệu cá nhân của {key}.");
        return 0;
    }

    private static int ContentCheck(Content.ContentPacks packs, string? path)
    {
        if (path is not null && !File.Exists(path)) { Console.Error.WriteLine($"Không tìm thấy tệp «{path}»."); return 2; }
        var text = path is null ? Content.ContentPacks.DefaultPackText() : File.ReadAllText(path);
        var (pack, errors) = packs.Check(text, Texts.Vietnamese);
        foreach (var e in errors) Console.WriteLine($"{e.Place}: {e.Message}");
        // For the editors: what each conduct answer rests on, which are the unit's own rules, and their notes; a member
        // sees only the readable citation.
        if (pack?["conduct"]?["entries"] is JsonArray entries)
            foreach (var entry in entries.OfType<JsonObject>())
            {
                var sources = string.Join(", ", (entry["sources"] as JsonArray ?? []).Select(x => x!.GetValue<string>()));
                var rule = entry["unitRule"]?.GetValue<bool>() == true ? " (quy định của đơn vị)" : "";
                var note = entry["note"]?.GetValue<string>() is { Length: > 0 } n ? ": " + n : "";
                Console.WriteLine($"conduct {entry["id"]} [{sources}]{rule}{note}");
            }
        // One line a script can read, whatever the result: what the pack holds and how many errors it has.
        var counts = packs.Count(text);
        int N(string key) => counts.GetValueOrDefault(key);
        Console.WriteLine($"content: excerpts={N("excerpts")} questions={N("questions")} single={N("single")} truefalse={N("truefalse")} " +
                          $"fill={N("fill")} order={N("order")} scenarios={N("scenarios")} conduct={N("conduct")} themes={N("themes")} errors={errors.Count}");
        return pack is null ? 1 : 0;
    }

    private static async Task<int> ContentImportAsync(IServiceProvider services, string path)
    {
        if (!File.Exists(path)) { Console.Error.WriteLine($"Không tìm thấy tệp «{path}»."); return 2; }
        var (report, errors) = await services.GetRequiredService<Content.ContentPacks>().ImportAsync(
            services.GetRequiredService<StudyBotDb>(), await File.ReadAllTextAsync(path), Texts.Vietnamese, null, CancellationToken.None);
        if (report is null) { Console.Error.WriteLine(Content.ContentPacks.Describe(errors, Texts.Vietnamese).Replace("\n\n", "\n")); return 1; }
        Console.WriteLine($"Đã nhập «{path}»: {string.Join("; ", report)}");
        return 0;
    }

    private static async Task<int> ContentExportAsync(IServiceProvider services, string? path)
    {
        var pack = await services.GetRequiredService<Content.ContentPacks>().ExportAsync(services.GetRequiredService<StudyBotDb>(), CancellationToken.None);
        var json = pack.ToJsonString(new JsonSerializerOptions(Protocol.WireJson.Options) { WriteIndented = true });
        if (path is null) Console.WriteLine(json);
        else { await File.WriteAllTextAsync(path, json); Console.WriteLine($"Đã ghi nội dung hiện tại vào «{path}»."); }
        return 0;
    }

    /// <summary>`package-manifest --app-id &lt;guid&gt; [--out &lt;zip&gt;] [--manifest-dir &lt;dir&gt;]`: the upload zip for Teams.</summary>
    private static int PackageManifest(string[] options)
    {
        string? Option(string name) => options.SkipWhile(o => o != name).Skip(1).FirstOrDefault();
        if (!Guid.TryParse(Option("--app-id"), out var appId))
        {
            Console.Error.WriteLine("Cần --app-id là Microsoft App ID (GUID) của bot, ví dụ --app-id 11111111-2222-3333-4444-555555555555.");
            return 2;
        }
        var dir = Option("--manifest-dir") ?? Manifest.ManifestPackage.FindManifestDir();
        if (dir is null || !File.Exists(Path.Combine(dir, "manifest.json")))
        {
            Console.Error.WriteLine("Không tìm thấy thư mục manifest/. Chạy lệnh trong bản sao của kho mã, hoặc thêm --manifest-dir.");
            return 2;
        }
        var output = Option("--out") ?? Path.Combine(dir, "build", "studybot.zip");
        Console.WriteLine($"Đã tạo gói ứng dụng Teams: {Manifest.ManifestPackage.Build(dir, appId, output)}");
        return 0;
    }

    private static int NotFound(string key)
    {
        Console.Error.WriteLine($"Không tìm thấy người có địa chỉ hoặc mã «{key}».");
        return 1;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            Cách dùng:
              dotnet run --project bot -- import members <tệp.csv>
              dotnet run --project bot -- member export <email|UPN|mã AAD>
              dotnet run --project bot -- member erase <email|UPN|mã AAD> --yes
              dotnet run --project bot -- package-manifest --app-id <Microsoft App ID> [--out <tệp.zip>]
              dotnet run --project bot -- content check [tệp.json]
              dotnet run --project bot -- content import <tệp.json>
              dotnet run --project bot -- content export [tệp.json]
            """);
        return 2;
    }
}
