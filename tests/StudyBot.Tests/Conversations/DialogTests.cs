using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Agency;
using StudyBot.Conversations;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Conversations;

/// <summary>A dialog only tests use: it counts the messages a person sends, to make races visible.</summary>
internal sealed class CountingFeature : IFeature
{
    public sealed record Count(int Value);

    public void Register(CommandTable table)
    {
        table.AddCommand("count", turn => { turn.BeginDialog("count", new Count(0)); turn.Reply("0"); return Task.CompletedTask; }, "đếm");
        table.AddDialog("count", turn =>
        {
            var next = turn.DialogData<Count>()!.Value + 1;
            turn.BeginDialog("count", new Count(next));
            turn.Reply(next.ToString());
            return Task.CompletedTask;
        });
        table.AddCommand("boom", _ => throw new InvalidOperationException("a feature bug"), "nổ");
    }
}

public sealed class DialogTestsOnSqlite() : DialogTests(StorageProvider.Sqlite);

public sealed class DialogTestsOnPostgres() : DialogTests(StorageProvider.Postgres);

public abstract class DialogTests(StorageProvider provider) : ProviderSuite(provider)
{
    private Task<BotHost> StartAsync() =>
        StartBot(customize: b => b.Services.AddFeature<CountingFeature>());

    private static string Text(ConnectorCall call) => call.Body!["text"]!.GetValue<string>();

    [SkippableFact]
    public async Task Language_dialog_asks_then_takes_the_answer_and_later_texts_are_english()
    {
        await using var bot = await StartAsync();
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "ngôn ngữ"));
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "en"));
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "hỏi"));

        var sent = bot.Channel.Sent();
        Assert.Equal("Chọn ngôn ngữ: gõ «vi» cho tiếng Việt hoặc «en» cho tiếng Anh.", Text(sent[0]));
        Assert.Equal("Switched to English.", Text(sent[1]));
        Assert.StartsWith("Type \"ask\" and your question", Text(sent[2]));
        await using var db = bot.NewDb();
        Assert.Empty(await db.Set<DialogState>().ToListAsync());
    }

    [SkippableFact]
    public async Task An_unknown_language_is_explained_and_the_question_stays_open()
    {
        await using var bot = await StartAsync();
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "language"));
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "fr"));
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "tiếng Việt"));

        var sent = bot.Channel.Sent();
        Assert.Equal("StudyBot chưa hỗ trợ ngôn ngữ «fr». Vui lòng gõ «vi» hoặc «en».", Text(sent[1]));
        Assert.Equal("Đã chuyển sang tiếng Việt.", Text(sent[2]));
    }

    [SkippableFact]
    public async Task Cancel_leaves_the_dialog()
    {
        await using var bot = await StartAsync();
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "đếm"));
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "huy"));
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "cancel"));

        var sent = bot.Channel.Sent();
        Assert.Equal("Đã hủy thao tác đang làm.", Text(sent[1]));
        Assert.Equal("Không có thao tác nào đang làm.", Text(sent[2]));
    }

    [SkippableFact]
    public async Task In_a_dialog_free_text_starting_with_a_command_word_goes_to_the_dialog()
    {
        await using var bot = await StartAsync();
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "đếm"));
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "nhắc nhở đồng nghiệp nộp hồ sơ"));
        Assert.Equal("1", Text(bot.Channel.Sent()[1]));
    }

    [SkippableFact]
    public async Task Quick_messages_that_collide_are_all_applied_none_lost()
    {
        await using var bot = await StartAsync();
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "đếm"));

        const int messages = 12;
        var responses = await Task.WhenAll(Enumerable.Range(0, messages)
            .Select(i => bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, $"tin {i}"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var db = bot.NewDb();
        var state = await db.Set<DialogState>().SingleAsync();
        Assert.Contains($"\"value\":{messages}", state.Data);
        var counts = bot.Channel.Sent().Skip(1).Select(c => int.Parse(Text(c))).Order().ToList();
        Assert.Equal(Enumerable.Range(1, messages), counts);
    }

    [SkippableFact]
    public async Task A_failed_turn_apologises_in_vietnamese_and_clears_the_broken_dialog()
    {
        await using var bot = await StartAsync();
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "đếm"));
        var response = await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "nổ"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Xin lỗi, StudyBot gặp sự cố khi xử lý yêu cầu này. Vui lòng thử lại sau ít phút.",
            Text(bot.Channel.Sent()[1]));
        await using var db = bot.NewDb();
        Assert.Empty(await db.Set<DialogState>().ToListAsync());
        Assert.Contains(bot.Logs, l => l.StartsWith("Error") && l.Contains("a feature bug"));
        Assert.DoesNotContain("a feature bug", Text(bot.Channel.Sent()[1]));
    }

    [SkippableFact]
    public async Task The_language_choice_is_kept_per_member_and_the_activity_locale_does_not_decide_it()
    {
        await using var bot = await StartAsync();
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "language en"));
        var other = Activities.Message(bot.Channel.ServiceUrl, "ask", userId: "29:user-2", conversationId: "a:other");
        await bot.SendAsync(other); // also en-US locale, but nobody asked for English

        Assert.StartsWith("Gõ «hỏi» rồi câu hỏi", Text(bot.Channel.Sent()[1]));
        await using var db = bot.NewDb();
        Assert.Equal(["en", "vi"], (await db.Set<Member>().Select(m => m.Language).ToListAsync()).Order());
    }
}
