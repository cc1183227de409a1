using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Agency;
using StudyBot.Conversations;
using StudyBot.Conversations.Speed;
using StudyBot.Protocol;
using StudyBot.Resources;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Conversations;

/// <summary>Whole turns over loopback HTTP: what reaches the connector, and what is stored.</summary>
public sealed class TurnTestsOnSqlite() : TurnTests(StorageProvider.Sqlite);

public sealed class TurnTestsOnPostgres() : TurnTests(StorageProvider.Postgres);

public abstract class TurnTests(StorageProvider provider) : ProviderSuite(provider)
{
    private static string CardText(ConnectorCall call) => CardReader.Visible(call.Body!["attachments"]![0]!["content"]!);

    [SkippableFact]
    public async Task Help_command_answers_with_the_help_card_through_the_connector_with_a_token()
    {
        await using var bot = await StartBot();
        var message = Activities.Message(bot.Channel.ServiceUrl, "trợ giúp", id: "msg-1");

        var response = await bot.SendAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(bot.Channel.Sent());
        Assert.Equal("POST", sent.Method);
        Assert.Equal($"/connector/v3/conversations/{Uri.EscapeDataString(Activities.ConversationId)}/activities/msg-1", sent.Path);
        Assert.Equal("Bearer " + ChannelSimulator.IssuedToken, sent.Authorization);
        Assert.Equal("application/vnd.microsoft.card.adaptive", sent.Body!["attachments"]![0]!["contentType"]!.GetValue<string>());
        Assert.Contains("Các lệnh của StudyBot", CardText(sent));
        Assert.Equal(Activities.BotId, sent.Body["from"]!["id"]!.GetValue<string>());
        Assert.Equal("msg-1", sent.Body["replyToId"]!.GetValue<string>());
        // The bot never sets the fields the channel owns.
        Assert.Null(sent.Body["serviceUrl"]);
        Assert.Null(sent.Body["timestamp"]);
    }

    [SkippableFact]
    public async Task The_token_comes_from_the_tenant_with_client_credentials_and_is_reused()
    {
        await using var bot = await StartBot();
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "help"));
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "help"));

        var tokenCall = Assert.Single(bot.Channel.Calls, c => c.Path.EndsWith("/oauth2/v2.0/token"));
        Assert.Equal($"/{BotHost.TenantId}/oauth2/v2.0/token", tokenCall.Path);
        Assert.Equal("client_credentials", tokenCall.Body!["grant_type"]!.GetValue<string>());
        Assert.Equal(BotHost.AppId, tokenCall.Body["client_id"]!.GetValue<string>());
        Assert.Equal("https://api.botframework.com/.default", tokenCall.Body["scope"]!.GetValue<string>());
        Assert.Equal(2, bot.Channel.Sent().Count);
    }

    [SkippableTheory]
    [InlineData("tro giup")]
    [InlineData("TRỢ GIÚP")]
    [InlineData("<at>StudyBot</at> trợ giúp")]
    [InlineData("Help")]
    public async Task Commands_match_without_diacritics_in_any_case_and_after_a_mention(string text)
    {
        await using var bot = await StartBot();
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, text));
        Assert.Contains("Các lệnh của StudyBot", CardText(Assert.Single(bot.Channel.Sent())));
    }

    [SkippableTheory]
    [InlineData("hoi 4 ro la gi")]
    [InlineData("hỏi 4 Rõ là gì")]
    [InlineData("4 ro la gi vay")]
    public async Task A_question_with_or_without_the_command_word_is_answered_from_the_conduct_base(string text)
    {
        await using var bot = await StartBot();
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, text));
        var card = Assert.Single(bot.Channel.Sent()).Body!["attachments"]![0]!["content"]!;
        Assert.Contains("Rõ người – Rõ việc – Rõ trách nhiệm – Rõ kết quả", CardReader.Visible(card));
    }


    [SkippableFact]
    public async Task Install_welcomes_once_even_when_both_update_kinds_arrive_and_stores_the_reference()
    {
        await using var bot = await StartBot();
        await bot.SendAsync(Activities.Installed(bot.Channel.ServiceUrl));
        var added = Activities.Base("conversationUpdate", bot.Channel.ServiceUrl);
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = Activities.BotId });
        await bot.SendAsync(added);

        var welcome = Assert.Single(bot.Channel.Sent());
        Assert.Contains("Chào mừng đến với StudyBot", CardText(welcome));
        Assert.Contains("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", CardText(welcome));

        await using var db = bot.NewDb();
        var conversation = await db.Set<ConversationRecord>().SingleAsync();
        Assert.Equal(bot.Channel.ServiceUrl, conversation.ServiceUrl);
        Assert.Equal(BotHost.TenantId, conversation.TenantId);
        Assert.Equal(Activities.BotId, conversation.BotId);
        var member = await db.Set<Member>().SingleAsync();
        Assert.Equal(member.Id, conversation.MemberId);
        Assert.Equal("Nguyễn Thị Hoa", member.Name);
    }

    [SkippableFact]
    public async Task Removing_the_app_marks_the_member_unreachable_and_writing_again_clears_it()
    {
        await using var bot = await StartBot();
        await bot.SendAsync(Activities.Installed(bot.Channel.ServiceUrl));
        var removed = Activities.Base("installationUpdate", bot.Channel.ServiceUrl);
        removed["action"] = "remove";
        await bot.SendAsync(removed);
        await using (var db = bot.NewDb()) Assert.True((await db.Set<Member>().SingleAsync()).Unreachable);

        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "help"));
        await using (var db = bot.NewDb()) Assert.False((await db.Set<Member>().SingleAsync()).Unreachable);
    }

    [SkippableFact]
    public async Task A_redelivered_activity_is_answered_once_and_changes_nothing_twice()
    {
        await using var bot = await StartBot();
        var message = Activities.Message(bot.Channel.ServiceUrl, "ngôn ngữ en", id: "dup-1");
        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(message)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(message)).StatusCode);

        Assert.Single(bot.Channel.Sent());
        await using var db = bot.NewDb();
        Assert.Single(await db.Set<ProcessedActivity>().ToListAsync());
        Assert.Equal("en", (await db.Set<Member>().SingleAsync()).Language);
    }

    [SkippableFact]
    public async Task A_help_request_delivered_many_times_at_once_is_answered_once()
    {
        await using var bot = await StartBot();
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "trợ giúp", id: "first")); // the member is known
        var baseline = bot.Channel.Sent().Count;

        // Help changes nothing but the de-duplication record, so these copies race in the shared batch of records:
        // some in the same statement, some in the next.
        var message = Activities.Message(bot.Channel.ServiceUrl, "trợ giúp", id: "again");
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            await Task.Delay(i % 3);
            return await bot.SendAsync(message);
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(baseline + 1, bot.Channel.Sent().Count);
        await using var db = bot.NewDb();
        Assert.Equal(["again", "first"], (await db.Set<ProcessedActivity>().Select(p => p.ActivityId).ToListAsync()).Order());
    }

    [SkippableFact]
    public async Task Many_help_requests_at_once_are_each_answered_and_recorded()
    {
        await using var bot = await StartBot();
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "trợ giúp", id: "first"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "trợ giúp", id: $"many-{i}"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(41, bot.Channel.Sent().Count(c => c.Body?["attachments"] is not null));
        await using var db = bot.NewDb();
        var records = await db.Set<ProcessedActivity>().ToListAsync();
        Assert.Equal(41, records.Count);
        Assert.All(records, r => Assert.True(r.ReceivedAt > DateTime.UtcNow.AddMinutes(-5) && r.ReceivedAt < DateTime.UtcNow.AddMinutes(1),
            $"stored time {r.ReceivedAt:o} is not now"));
    }

    [SkippableFact]
    public async Task When_the_connector_fails_the_turn_is_not_acknowledged_and_the_redelivery_sends_the_stored_reply()
    {
        await using var bot = await StartBot();
        await RefusedThenRedeliveredAsync(bot, Activities.Message(bot.Channel.ServiceUrl, "ngôn ngữ en", id: "retry-1"));

        var sent = bot.Channel.Sent();
        Assert.Equal(2, sent.Count);
        Assert.Equal("Switched to English.", sent[1].Body!["text"]!.GetValue<string>());
        await using var db = bot.NewDb();
        Assert.Equal("retry-1", (await db.Set<ProcessedActivity>().SingleAsync()).ActivityId);
        await AssertSentAndDroppedAsync(bot, "retry-1");
    }

    /// <summary>The connector refuses the turn's reply: the turn is not acknowledged, and its redelivery is.</summary>
    private static async Task RefusedThenRedeliveredAsync(BotHost bot, JsonObject message)
    {
        bot.Channel.FailNext(403, code: "BotNotInConversationRoster");
        Assert.Equal(HttpStatusCode.BadGateway, (await bot.SendAsync(message)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(message)).StatusCode);
    }

    /// <summary>The activity's replies are marked sent, and the stored copy of them is dropped.</summary>
    private static async Task AssertSentAndDroppedAsync(BotHost bot, string activityId)
    {
        await using var db = bot.NewDb();
        var record = await db.Set<ProcessedActivity>().SingleAsync(p => p.ActivityId == activityId);
        Assert.NotNull(record.RepliesSentAt);
        Assert.Null(record.PendingReplies);
    }

    [SkippableFact]
    public async Task A_help_reply_the_connector_refused_is_sent_by_the_redelivery()
    {
        await using var bot = await StartBot();
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "trợ giúp", id: "first"));
        await RefusedThenRedeliveredAsync(bot, Activities.Message(bot.Channel.ServiceUrl, "trợ giúp", id: "refused"));

        // The record went in with other turns' records; the redelivery still finds its reply and claims it.
        var sent = bot.Channel.Sent();
        Assert.Equal(3, sent.Count);
        Assert.Equal(sent[0].Body!["attachments"]!.ToJsonString(), sent[2].Body!["attachments"]!.ToJsonString());
        await AssertSentAndDroppedAsync(bot, "refused");
    }

    [SkippableFact]
    public async Task A_batched_record_whose_turn_died_before_sending_is_sent_by_a_redelivery_after_the_lease()
    {
        var clock = new ShiftedClock(DateTimeOffset.UtcNow);
        await using var bot = await StartBot(customize: b => b.Services.AddSingleton<TimeProvider>(clock));
        var inbound = Activities.Message(bot.Channel.ServiceUrl, "trợ giúp", id: "orphan");
        var activity = inbound.Deserialize<Activity>(WireJson.Options)!;
        // What a turn stores before it sends, written by the batch writer as a help turn's is, and then never sent.
        var record = bot.Services.GetRequiredService<ReplySender>().Record(activity,
            [new Outgoing(ReplySender.Message(activity, "Câu trả lời đã lưu", Languages.Vietnamese))], null)!;
        var writer = bot.Services.GetRequiredService<ProcessedWriter>();
        Assert.True(await writer.AddAsync(record));
        Assert.False(await writer.AddAsync(record)); // a second delivery is told the first owns the answer

        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(inbound)).StatusCode);
        Assert.Empty(bot.Channel.Sent()); // the writing turn may still be sending

        clock.JumpTo(DateTimeOffset.UtcNow.AddSeconds(31));
        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(inbound)).StatusCode);
        Assert.Equal("Câu trả lời đã lưu", Assert.Single(bot.Channel.Sent()).Body!["text"]!.GetValue<string>());
        await using var db = bot.NewDb();
        Assert.NotNull((await db.Set<ProcessedActivity>().SingleAsync()).RepliesSentAt);
    }

    [SkippableFact]
    public async Task Handled_activities_are_forgotten_after_the_retention_and_recent_ones_kept()
    {
        await using var bot = await StartBot();
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "ngôn ngữ en", id: "last-week"));
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "trợ giúp", id: "today"));
        await using (var db = bot.NewDb())
            await db.Set<ProcessedActivity>().Where(p => p.ActivityId == "last-week")
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ReceivedAt, DateTime.UtcNow.AddDays(-7).AddMinutes(-1)));

        Assert.Equal(1, await bot.Services.GetRequiredService<ProcessedRetention>().SweepAsync(CancellationToken.None));

        await using (var db = bot.NewDb())
            Assert.Equal(["today"], await db.Set<ProcessedActivity>().Select(p => p.ActivityId).ToListAsync());
        // What the forgotten turn changed stays: only the memory of having handled it goes.
        await using (var db = bot.NewDb()) Assert.Equal(Languages.English, (await db.Set<Member>().SingleAsync()).Language);
        Assert.Equal(0, await bot.Services.GetRequiredService<ProcessedRetention>().SweepAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task A_retention_too_short_for_redeliveries_stops_the_service_at_start()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            StartBot(settings: new Dictionary<string, string> { ["Conversations:ProcessedRetention"] = "00:10:00" }));
        Assert.Contains("Conversations:ProcessedRetention must be at least an hour", error.Message);
    }

    [SkippableFact]
    public async Task Replies_sent_by_their_own_turns_are_marked_sent_in_a_batch_soon_after()
    {
        await using var bot = await StartBot();
        for (var i = 0; i < 5; i++) await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "trợ giúp", id: $"mark-{i}"));

        List<ProcessedActivity> records = [];
        for (var i = 0; i < 50; i++)
        {
            await using var db = bot.NewDb();
            records = await db.Set<ProcessedActivity>().AsNoTracking().ToListAsync();
            if (records.All(r => r.RepliesSentAt is not null)) break;
            await Task.Delay(100);
        }

        Assert.Equal(5, records.Count);
        Assert.All(records, r => Assert.NotNull(r.RepliesSentAt));
        Assert.All(records, r => Assert.Null(r.PendingReplies)); // the stored copy of the replies is dropped once they are out
    }
}
