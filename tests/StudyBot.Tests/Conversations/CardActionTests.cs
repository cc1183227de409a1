using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Conversations;

/// <summary>Card buttons: Action.Execute as an invoke answered inline, and its Action.Submit fallback.</summary>
public sealed class CardActionTestsOnSqlite() : CardActionTests(StorageProvider.Sqlite);

public sealed class CardActionTestsOnPostgres() : CardActionTests(StorageProvider.Postgres);

public abstract class CardActionTests(StorageProvider provider) : ProviderSuite(provider)
{
    [SkippableFact]
    public async Task Execute_on_the_language_button_returns_the_same_card_in_english_inline()
    {
        await using var bot = await StartBot();
        var invoke = Activities.Invoke(bot.Channel.ServiceUrl, "language.set",
            new JsonObject { ["language"] = "en", ["view"] = "welcome" });

        var response = await bot.SendAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Contains("Welcome to StudyBot", CardReader.Visible(body["value"]!));
        Assert.Empty(bot.Channel.Sent());
        await using var db = bot.NewDb();
        Assert.Equal("en", (await db.Set<Member>().SingleAsync()).Language);
    }

    [SkippableFact]
    public async Task Execute_on_show_help_sends_the_help_card_and_answers_with_a_notice()
    {
        await using var bot = await StartBot();
        var response = await bot.SendAsync(Activities.Invoke(bot.Channel.ServiceUrl, "help.show"));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.activity.message", body["type"]!.GetValue<string>());
        Assert.Equal("Đã gửi danh sách lệnh.", body["value"]!.GetValue<string>());
        var sent = Assert.Single(bot.Channel.Sent());
        // An invoke is not a message to reply to: the card goes to the conversation.
        Assert.EndsWith("/activities", sent.Path);
        Assert.Contains("Các lệnh của StudyBot", CardReader.Visible(sent.Body!["attachments"]![0]!["content"]!));
    }

    [SkippableFact]
    public async Task The_submit_fallback_updates_the_card_message_in_place()
    {
        await using var bot = await StartBot();
        var submit = Activities.Base("message", bot.Channel.ServiceUrl);
        submit["replyToId"] = "welcome-card-7";
        submit["value"] = new JsonObject { ["verb"] = "language.set", ["language"] = "en", ["view"] = "help" };

        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(submit)).StatusCode);

        var sent = Assert.Single(bot.Channel.Sent());
        Assert.Equal("PUT", sent.Method);
        Assert.EndsWith("/activities/welcome-card-7", sent.Path);
        Assert.Contains("StudyBot commands", CardReader.Visible(sent.Body!["attachments"]![0]!["content"]!));
    }

    [SkippableFact]
    public async Task An_unknown_verb_is_answered_with_a_way_forward()
    {
        await using var bot = await StartBot();
        var response = await bot.SendAsync(Activities.Invoke(bot.Channel.ServiceUrl, "quiz.answer.v0"));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Thao tác này không còn hiệu lực. Gõ «trợ giúp» để bắt đầu lại.", body["value"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task A_redelivered_invoke_gets_the_same_answer_without_acting_twice()
    {
        await using var bot = await StartBot();
        var invoke = Activities.Invoke(bot.Channel.ServiceUrl, "help.show");
        var first = await (await bot.SendAsync(invoke)).Content.ReadAsStringAsync();
        var second = await (await bot.SendAsync(invoke)).Content.ReadAsStringAsync();

        Assert.Equal(first, second);
        Assert.Single(bot.Channel.Sent());
    }
}
