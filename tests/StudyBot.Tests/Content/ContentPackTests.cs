using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Content;
using StudyBot.Conversations;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;
using StudyBot.Themes;

namespace StudyBot.Tests.Content;

public sealed class ContentPackTestsOnSqlite() : ContentPackTests(StorageProvider.Sqlite);

public sealed class ContentPackTestsOnPostgres() : ContentPackTests(StorageProvider.Postgres);

public abstract class ContentPackTests(StorageProvider provider) : ProviderSuite(provider)
{
    private const string Pack2026 = """
        {
          "format": "studybot/content-pack@1",
          "name": "Chuyên đề 2026 của cơ quan",
          "themes": [
            { "years": [2026], "title": "Chuyên đề năm 2026 của cơ quan", "directive": "Chỉ thị 05-CT/TW ngày 15/5/2016",
              "months": [ { "month": 1, "topic": "Quán triệt chuyên đề" } ] }
          ]
        }
        """;

    private string[] Settings(BotHost bot) =>
        [$"--Storage:Provider={Provider}", $"--ConnectionStrings:StudyBot={bot.ConnectionString}", "--environment=Development"];

    [SkippableFact]
    public async Task The_default_pack_fills_an_empty_store_with_the_themes_of_2017_to_2025()
    {
        await using var bot = await StartBot();
        await using var db = bot.NewDb();
        Assert.Equal(Enumerable.Range(2017, 9), await db.Set<StudyTheme>().OrderBy(t => t.Year).Select(t => t.Year).ToListAsync());
        Assert.Single(await db.Set<StudyTheme>().Select(t => t.Title).Where(t => t.Contains("khát vọng")).Distinct().ToListAsync());
    }

    [SkippableFact]
    public async Task Import_then_export_from_the_command_line_round_trips_and_groups_shared_years()
    {
        await using var bot = await StartBot();
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, Pack2026);
        Assert.Equal(0, await StudyBot.Cli.TryRunAsync(["content", "import", file, .. Settings(bot)]));

        Assert.Equal(0, await StudyBot.Cli.TryRunAsync(["content", "export", file, .. Settings(bot)]));
        var exported = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        File.Delete(file);

        var themes = exported["themes"]!.AsArray();
        Assert.Contains(themes, t => t!["years"]!.ToJsonString() == "[2021,2022,2023,2024,2025]");
        var y2026 = themes.Single(t => t!["years"]!.ToJsonString() == "[2026]")!;
        Assert.Equal("Quán triệt chuyên đề", y2026["months"]![0]!["topic"]!.GetValue<string>());
        var (pack, errors) = bot.Services.GetRequiredService<ContentPacks>().Check(exported.ToJsonString(), Resources.Texts.Vietnamese);
        Assert.Empty(errors);
        Assert.NotNull(pack);
    }

    [SkippableFact]
    public async Task A_pack_with_one_error_imports_nothing()
    {
        await using var bot = await StartBot();
        var broken = JsonNode.Parse(Pack2026)!;
        broken["themes"]!.AsArray().Add(new JsonObject { ["years"] = new JsonArray(2027), ["title"] = "Thiếu văn bản chỉ đạo" });
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, broken.ToJsonString());

        Assert.Equal(1, await StudyBot.Cli.TryRunAsync(["content", "import", file, .. Settings(bot)]));
        File.Delete(file);

        await using var db = bot.NewDb();
        Assert.False(await db.Set<StudyTheme>().AnyAsync(t => t.Year == 2026));
    }

    [SkippableFact]
    public async Task The_sample_pack_in_the_repository_passes_the_command_line_check()
    {
        await using var bot = await StartBot();
        var sample = Path.Combine(RepoPaths.Root, "bot", "Content", "sample-pack.json");
        Assert.Equal(0, await StudyBot.Cli.TryRunAsync(["content", "check", sample, "--environment=Development"]));
        Assert.Equal(0, await StudyBot.Cli.TryRunAsync(["content", "check", "--environment=Development"]));
    }

    [SkippableFact]
    public async Task Check_names_the_place_of_every_error_including_broken_json()
    {
        await using var bot = await StartBot();
        var packs = bot.Services.GetRequiredService<ContentPacks>();

        var (_, syntax) = packs.Check("{\n  \"format\": \"studybot/content-pack@1\",\n  \"themes\": [ { \"years\": [2026], }\n", Resources.Texts.Vietnamese);
        Assert.StartsWith("dòng 3, cột", Assert.Single(syntax).Place);

        var (_, errors) = packs.Check("""{"format":"studybot/content-pack@1","themes":[{"years":[2026],"title":"x","directive":"y","link":"http://x","extra":1}]}""",
            Resources.Texts.Vietnamese);
        Assert.Equal(["$.themes[0].extra", "$.themes[0].link"], errors.Select(e => e.Place).Order());
    }

    [SkippableFact]
    public async Task An_admin_sends_a_pack_in_chat_and_the_theme_card_shows_it()
    {
        await using var bot = await StartBot(settings: new Dictionary<string, string> { ["StudyBot:Admins:0"] = "aad-29:user-1" });
        bot.Channel.Files["chuyen-de-2026.json"] = Pack2026;
        var message = Activities.Base("message", bot.Channel.ServiceUrl);
        message["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = FileAttachment.TeamsDownloadInfo, ["name"] = "chuyen-de-2026.json",
            ["content"] = new JsonObject { ["downloadUrl"] = bot.Channel.FileUrl("chuyen-de-2026.json"), ["fileType"] = "json" },
        });

        await bot.SendAsync(message);
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "chủ đề 2026"));

        var sent = bot.Channel.Sent();
        Assert.StartsWith("✅ Đã nhập gói nội dung «chuyen-de-2026.json»:", sent[0].Body!["text"]!.GetValue<string>());
        Assert.Contains("Chuyên đề năm 2026 của cơ quan", CardReader.Visible(sent[1].Body!["attachments"]![0]!["content"]!));
    }
}
