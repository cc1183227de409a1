using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Content;
using StudyBot.Quiz;
using StudyBot.Resources;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Quiz;

public sealed class QuizPackTestsOnSqlite() : QuizPackTests(StorageProvider.Sqlite);

public sealed class QuizPackTestsOnPostgres() : QuizPackTests(StorageProvider.Postgres);

/// <summary>An admin extends or replaces the bank through the same import and export as the themes.</summary>
public abstract class QuizPackTests(StorageProvider provider) : ProviderSuite(provider)
{
    private const string Extra = """
        {"format": "studybot/content-pack@1", "name": "Bộ câu hỏi của chi bộ", "quiz": {
          "sources": [{"id": "QT-1", "kind": "document", "work": "Quy tắc ứng xử của cơ quan", "text": "Tóm tắt quy tắc", "citation": "Quyết định của Giám đốc"}],
          "questions": [{"id": "qt-01", "kind": "truefalse", "category": "conduct", "prompt": "Cán bộ tiếp dân đúng giờ.", "answer": true, "source": "QT-1"}]}}
        """;

    private static async Task<(List<string>? Report, List<ContentError> Errors)> ImportAsync(BotHost bot, string text)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContentPacks>()
            .ImportAsync(scope.ServiceProvider.GetRequiredService<StudyBotDb>(), text, Texts.Vietnamese, null, default);
    }

    [SkippableFact]
    public async Task The_shipped_bank_fills_an_empty_store_an_import_extends_it_and_replace_retires_what_it_leaves_out()
    {
        await using var bot = await StartBot();
        await using (var db = bot.NewDb())
        {
            Assert.Equal(56, await db.Set<QuizQuestion>().CountAsync(q => q.Active));
            Assert.Equal(17, await db.Set<QuizSource>().CountAsync());
        }

        var (report, errors) = await ImportAsync(bot, Extra);
        Assert.Empty(errors);
        Assert.Contains("Câu hỏi: thêm 1, cập nhật 0, thôi dùng 0; nguồn trích dẫn: 18", report!);
        (report, errors) = await ImportAsync(bot, Extra.Replace("\"quiz\": {", "\"quiz\": {\"replace\": true,"));
        Assert.Contains("Câu hỏi: thêm 0, cập nhật 1, thôi dùng 56; nguồn trích dẫn: 18", report!);

        await using (var db = bot.NewDb())
            Assert.Equal(["qt-01"], await db.Set<QuizQuestion>().Where(q => q.Active).Select(q => q.Id).ToListAsync());
        // Practice now draws only from what is in use.
        await bot.SendAsync(People.Says(bot, "an@bhxh.example", "kiểm tra"));
        Assert.Contains("Cán bộ tiếp dân đúng giờ.", CardReader.Visible(bot.Channel.Sent()[^1].Body!["attachments"]![0]!["content"]!));
    }

    [SkippableFact]
    public async Task Export_writes_the_bank_in_the_pack_format_and_it_checks_clean()
    {
        await using var bot = await StartBot();
        await using var scope = bot.Services.CreateAsyncScope();
        var packs = scope.ServiceProvider.GetRequiredService<ContentPacks>();
        var exported = await packs.ExportAsync(scope.ServiceProvider.GetRequiredService<StudyBotDb>(), default);

        var shipped = JsonNode.Parse(ContentPacks.DefaultPackText())!["quiz"]!;
        var quiz = exported["quiz"]!;
        Assert.Equal(56, quiz["questions"]!.AsArray().Count);
        // What went in comes out: the same question, field for field.
        var original = shipped["questions"]!.AsArray().Single(q => q!["id"]!.GetValue<string>() == "dv-37")!;
        var back = quiz["questions"]!.AsArray().Single(q => q!["id"]!.GetValue<string>() == "dv-37")!;
        Assert.True(JsonNode.DeepEquals(original, back), back.ToJsonString());
        var (pack, errors) = packs.Check(exported.ToJsonString(), Texts.Vietnamese);
        Assert.Empty(errors);
        Assert.NotNull(pack);
    }
}
