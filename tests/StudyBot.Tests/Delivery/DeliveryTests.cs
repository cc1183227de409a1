using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Agency;
using StudyBot.Conversations;
using StudyBot.Delivery;
using StudyBot.Protocol;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Delivery;

public sealed class DeliveryTestsOnSqlite() : DeliveryTests(StorageProvider.Sqlite);

public sealed class DeliveryTestsOnPostgres() : DeliveryTests(StorageProvider.Postgres);

/// <summary>The outbox against the simulated connector: each person once, whatever the connector answers.</summary>
public abstract class DeliveryTests(StorageProvider provider) : ProviderSuite(provider)
{
    /// <summary>People with personal chats, as if each had written to the bot once.</summary>
    internal static async Task<List<Member>> PeopleAsync(BotHost bot, int count, string prefix = "p")
    {
        await using var db = bot.NewDb();
        return await PeopleAsync(db, bot.Channel.ServiceUrl, count, prefix);
    }

    /// <summary>The same, written straight to a store (for bots running in processes of their own).</summary>
    internal static async Task<List<Member>> PeopleAsync(StudyBotDb db, string serviceUrl, int count, string prefix = "p")
    {
        var people = new List<Member>();
        for (var i = 0; i < count; i++)
        {
            var member = new Member
            {
                Id = Guid.NewGuid(), Name = $"Cán bộ {i}", Upn = $"{prefix}{i}@bhxh.example", ChannelUserId = $"29:{prefix}{i}",
                AadObjectId = $"aad-{prefix}{i}", CreatedAt = DateTime.UtcNow, Language = i % 5 == 0 ? "en" : "vi",
            };
            db.Add(member);
            db.Add(new ConversationRecord
            {
                Id = $"a:{prefix}{i}", ChannelId = "msteams", ServiceUrl = serviceUrl, ConversationType = "personal",
                TenantId = BotHost.TenantId, BotId = Activities.BotId, MemberId = member.Id, UserId = member.ChannelUserId,
                UpdatedAt = DateTime.UtcNow,
            });
            people.Add(member);
        }
        await db.SaveChangesAsync();
        return people;
    }

    internal static async Task<Broadcast> BroadcastAsync(BotHost bot, string key, Guid? startedBy = null)
    {
        await using var db = bot.NewDb();
        return await BroadcastAsync(db, key, startedBy);
    }

    /// <summary>The same, written straight to a store (for bots running in processes of their own).</summary>
    internal static async Task<Broadcast> BroadcastAsync(StudyBotDb db, string key, Guid? startedBy = null)
    {
        var content = new Dictionary<string, Activity>
        {
            ["vi"] = new() { Type = "message", Text = "Chuyên đề năm" },
            ["en"] = new() { Type = "message", Text = "Theme of the year" },
        };
        var (broadcast, _) = await Outbox.BroadcastAsync(db, "test", key, "Chuyên đề năm", content, new Audience(), startedBy, DateTime.UtcNow, default);
        await db.SaveChangesAsync();
        return broadcast;
    }

    internal static Task<BroadcastReport> WaitDoneAsync(BotHost bot, Guid broadcastId, int seconds = 30) =>
        WaitDoneAsync(bot.NewDb, broadcastId, seconds);

    internal static async Task<BroadcastReport> WaitDoneAsync(Func<StudyBotDb> newDb, Guid broadcastId, int seconds = 30)
    {
        for (var i = 0; i < seconds * 10; i++)
        {
            await using var db = newDb();
            var broadcast = await db.Set<Broadcast>().AsNoTracking().FirstAsync(b => b.Id == broadcastId);
            if (broadcast.Status == BroadcastStatus.Done) return await Outbox.ReportAsync(db, broadcast, default);
            await Task.Delay(100);
        }
        throw new TimeoutException("the broadcast did not finish");
    }

    [SkippableFact]
    public async Task A_broadcast_reaches_every_person_once_in_their_language_and_reports()
    {
        await using var bot = await StartBot();
        var people = await PeopleAsync(bot, 30);

        var report = await WaitDoneAsync(bot, (await BroadcastAsync(bot, "b1")).Id);

        Assert.Equal((30, 30, 0, 0, 0), (report.Total, report.Sent, report.Pending, report.Failed, report.Unreachable));
        var deliveries = bot.Channel.DeliveriesByConversation();
        Assert.Equal(30, deliveries.Count);
        Assert.All(deliveries.Values, n => Assert.Equal(1, n));
        var english = bot.Channel.Delivered.Single(d => d.ConversationId == "a:p5").Body!;
        Assert.Equal("Theme of the year", english["text"]!.GetValue<string>());
        Assert.Equal("29:p5", english["recipient"]!["id"]!.GetValue<string>());
        Assert.Equal("a:p5", english["conversation"]!["id"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Starting_the_same_broadcast_twice_sends_once()
    {
        await using var bot = await StartBot();
        await PeopleAsync(bot, 5);
        var first = await BroadcastAsync(bot, "theme:2027");
        var second = await BroadcastAsync(bot, "theme:2027");

        Assert.Equal(first.Id, second.Id);
        await WaitDoneAsync(bot, first.Id);
        Assert.Equal(5, bot.Channel.Delivered.Count);
    }

    [SkippableFact]
    public async Task Running_the_fan_out_again_adds_no_second_row()
    {
        await using var bot = await StartBot(settings: new Dictionary<string, string> { ["Delivery:Workers"] = "0" });
        await PeopleAsync(bot, 40);
        var broadcast = await BroadcastAsync(bot, "fanout-twice");
        var job = new StudyBot.Scheduling.Job { Payload = $"{{\"broadcastId\":\"{broadcast.Id}\"}}" };
        var fanOut = new FanOutJob(TimeProvider.System);

        await using (var scope = bot.Services.CreateAsyncScope()) await fanOut.RunAsync(job, scope.ServiceProvider, default);
        await using (var scope = bot.Services.CreateAsyncScope()) await fanOut.RunAsync(job, scope.ServiceProvider, default);
        // And two at once, as two instances would if a lease ran out mid-run.
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var scope = bot.Services.CreateAsyncScope();
            await fanOut.RunAsync(job, scope.ServiceProvider, default);
        }));

        await using var db = bot.NewDb();
        Assert.Equal(40, await db.Set<OutboxMessage>().CountAsync(m => m.BroadcastId == broadcast.Id));
        Assert.Equal(40, (await db.Set<Broadcast>().SingleAsync(b => b.Id == broadcast.Id)).Total);
    }

    [SkippableFact]
    public async Task A_429_waits_as_told_while_the_others_keep_going()
    {
        await using var bot = await StartBot();
        await PeopleAsync(bot, 20);
        bot.Channel.FailNext(429, retryAfterSeconds: 2);
        var started = DateTime.UtcNow;

        var report = await WaitDoneAsync(bot, (await BroadcastAsync(bot, "b429")).Id);

        Assert.Equal(20, report.Sent);
        Assert.All(bot.Channel.DeliveriesByConversation().Values, n => Assert.Equal(1, n));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(2), "Retry-After was not honoured");
        await using var db = bot.NewDb();
        Assert.Equal(1, await db.Set<OutboxMessage>().CountAsync(m => m.Attempts == 2));
    }

    [SkippableFact]
    public async Task Transient_failures_are_retried_and_an_ambiguous_one_is_counted_never_lost()
    {
        await using var bot = await StartBot();
        await PeopleAsync(bot, 10);
        bot.Channel.FailNext(503);
        bot.Channel.FailNext(412);
        bot.Channel.FailNext(503, deliveredAnyway: true);

        var report = await WaitDoneAsync(bot, (await BroadcastAsync(bot, "b503")).Id);

        Assert.Equal((10, 0), (report.Sent, report.Failed));
        var deliveries = bot.Channel.DeliveriesByConversation();
        Assert.Equal(10, deliveries.Count); // nobody lost
        Assert.Equal(1, deliveries.Values.Count(n => n == 2)); // the ambiguous 503 became one duplicate
        Assert.True(report.PossibleDuplicates >= 1);
    }

    [SkippableFact]
    public async Task A_deleted_chat_is_reopened_once_and_the_message_arrives_there()
    {
        await using var bot = await StartBot();
        var people = await PeopleAsync(bot, 3);
        bot.Channel.DeletedConversations["a:p1"] = true;

        var report = await WaitDoneAsync(bot, (await BroadcastAsync(bot, "b404")).Id);

        Assert.Equal(3, report.Sent);
        var created = Assert.Single(bot.Channel.Sent(), c => c.Path == "/connector/v3/conversations");
        Assert.Equal("29:p1", created.Body!["members"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(1, bot.Channel.DeliveriesByConversation()["a:created-1"]);
        await using var db = bot.NewDb();
        var chat = await db.Set<ConversationRecord>().SingleAsync(c => c.MemberId == people[1].Id);
        Assert.Equal("a:created-1", chat.Id);
    }

    [SkippableFact]
    public async Task A_403_marks_the_person_unreachable_with_the_reason_and_is_not_retried()
    {
        await using var bot = await StartBot();
        await PeopleAsync(bot, 1);
        bot.Channel.FailNext(403, code: "ConversationBlockedByUser");

        var report = await WaitDoneAsync(bot, (await BroadcastAsync(bot, "b403")).Id);

        Assert.Equal((0, 1), (report.Sent, report.Unreachable));
        Assert.Single(bot.Channel.Sent());
        await using var db = bot.NewDb();
        var member = await db.Set<Member>().SingleAsync();
        Assert.Equal((true, "ConversationBlockedByUser"), (member.Unreachable, member.UnreachableReason));
    }

    [SkippableFact]
    public async Task Someone_known_only_from_a_roster_gets_a_new_chat_and_someone_never_seen_is_reported()
    {
        await using var bot = await StartBot();
        await PeopleAsync(bot, 1);
        await using (var db = bot.NewDb())
        {
            db.Add(new Member { Id = Guid.NewGuid(), Name = "Từ danh sách nhóm", ChannelUserId = "29:roster", CreatedAt = DateTime.UtcNow });
            db.Add(new Member { Id = Guid.NewGuid(), Name = "Chỉ nhập từ tệp", Upn = "never@bhxh.example", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var report = await WaitDoneAsync(bot, (await BroadcastAsync(bot, "roster")).Id);

        Assert.Equal((3, 2, 1), (report.Total, report.Sent, report.Unreachable));
        Assert.Contains(bot.Channel.Sent(), c => c.Path == "/connector/v3/conversations"
                                                 && c.Body!["members"]![0]!["id"]!.GetValue<string>() == "29:roster");
    }

    [SkippableFact]
    public async Task The_person_who_started_a_broadcast_is_told_when_it_is_done()
    {
        await using var bot = await StartBot();
        var people = await PeopleAsync(bot, 4);

        await WaitDoneAsync(bot, (await BroadcastAsync(bot, "report", startedBy: people[1].Id)).Id);

        for (var i = 0; i < 50 && bot.Channel.DeliveriesByConversation()["a:p1"] < 2; i++) await Task.Delay(100);
        var report = bot.Channel.Delivered.Where(d => d.ConversationId == "a:p1").Last().Body!;
        Assert.Equal("✅ Đã gửi xong «Chuyên đề năm»: 4 người, 4 đã nhận, 0 lỗi, 0 chưa liên hệ được.", report["text"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task A_restart_in_the_middle_of_a_push_still_reaches_everyone_exactly_once()
    {
        // A short lease, so rows a stopped worker did not hand back come due again quickly.
        var slow = new Dictionary<string, string>
        {
            ["Delivery:MaxPerSecond"] = "20", ["Delivery:BatchSize"] = "5", ["Delivery:Lease"] = "00:00:03",
        };
        var first = (await StartBot(settings: slow)).Sharing();
        var channel = first.Channel;
        var database = first.Database;
        await PeopleAsync(first, 40);
        var broadcast = await BroadcastAsync(first, "restart");
        for (var i = 0; i < 100 && channel.Delivered.Count < 10; i++) await Task.Delay(50);
        await first.DisposeAsync(); // the process stops mid-push

        await using var second = await BotHost.StartAsync(settings: slow, channel: channel, provider: Provider, sharedDatabase: database);
        await using var owner = new DatabaseOwner(database);
        var report = await WaitDoneAsync(second, broadcast.Id, seconds: 60);

        Assert.Equal(40, report.Sent);
        Assert.True(channel.Delivered.Count >= 10 && channel.Delivered.Count - 40 <= report.PossibleDuplicates,
            $"{channel.Delivered.Count} deliveries, {report.PossibleDuplicates} counted as possible duplicates");
        Assert.Equal(40, channel.DeliveriesByConversation().Count);
    }

    [SkippableFact]
    public async Task Two_instances_share_the_work_and_each_person_gets_it_once()
    {
        var first = (await StartBot()).Sharing();
        await using var owner = new DatabaseOwner(first.Database);
        await using var second = await BotHost.StartAsync(channel: first.Channel, provider: Provider, sharedDatabase: first.Database);
        await using var firstHost = first;
        await PeopleAsync(first, 120);

        var report = await WaitDoneAsync(first, (await BroadcastAsync(first, "two")).Id, seconds: 60);

        Assert.Equal(120, report.Sent);
        Assert.All(first.Channel.DeliveriesByConversation().Values, n => Assert.Equal(1, n));
        Assert.Equal(120, first.Channel.Delivered.Count);
    }

    /// <summary>Drops a shared database when the test ends.</summary>
    private sealed class DatabaseOwner(TestDatabase database) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => database.DisposeAsync();
    }
}

public sealed class ConversationPacingTestsOnSqlite() : ConversationPacingTests(StorageProvider.Sqlite);

public sealed class ConversationPacingTestsOnPostgres() : ConversationPacingTests(StorageProvider.Postgres);

/// <summary>Several messages to one person go in order and spaced under Teams' per-conversation limit.</summary>
public abstract class ConversationPacingTests(StorageProvider provider) : ProviderSuite(provider)
{
    [SkippableFact]
    public async Task Messages_to_one_person_arrive_in_order_no_faster_than_seven_a_second()
    {
        await using var bot = await StartBot();
        var person = (await DeliveryTests.PeopleAsync(bot, 1))[0];
        await using (var db = bot.NewDb())
        {
            var now = DateTime.UtcNow;
            for (var i = 0; i < 8; i++) Outbox.SendTo(db, person.Id, new Activity { Type = "message", Text = $"tin {i}" }, now.AddMilliseconds(i));
            await db.SaveChangesAsync();
        }
        for (var i = 0; i < 100 && bot.Channel.Delivered.Count < 8; i++) await Task.Delay(100);

        var calls = bot.Channel.Calls.Where(c => c.Path.EndsWith("/activities")).ToList();
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"tin {i}"), calls.Select(c => c.Body!["text"]!.GetValue<string>()));
    }
}
