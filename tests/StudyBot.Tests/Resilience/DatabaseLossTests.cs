using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StudyBot.Agency;
using StudyBot.Delivery;
using StudyBot.Protocol;
using StudyBot.Scheduling;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;
using StudyBot.Tests.Scheduling;

namespace StudyBot.Tests.Resilience;

/// <summary>
/// The database goes away behind a proxy the test controls, for a while, and comes back. The shared PostgreSQL server is
/// never stopped. Short in CI (5 s); STUDYBOT_DB_OUTAGE_SECONDS=30 gives the full form.
/// </summary>
public sealed class DatabaseLossTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("STUDYBOT_DB_OUTAGE_SECONDS"), out var s) ? s : 5);

    [SkippableFact]
    public async Task While_the_database_is_unreachable_turns_say_try_later_and_afterwards_jobs_and_messages_go_on_without_a_restart()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        var direct = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var proxy = TcpProxy.To(direct.Host!, direct.Port);
        var proxied = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Host = "127.0.0.1", Port = proxy.Port, Timeout = 3, CommandTimeout = 5,
        };
        var runs = new ConcurrentQueue<(string Key, string Owner)>();
        await using var bot = await BotHost.StartAsync(provider: StorageProvider.Postgres, sharedDatabase: database,
            customize: b => b.Services.AddSingleton<IJobHandler>(new RecordingJob("test.state", CatchUp.Always, runs)),
            settings: new Dictionary<string, string> { ["ConnectionStrings:StudyBot"] = proxied.ConnectionString });
        const string upn = "an@bhxh.example";

        await bot.SendAsync(People.Says(bot, upn, "trợ giúp"));
        Assert.NotEmpty(People.CardsTo(bot, upn));

        // Due in the middle of the outage: a job and a message.
        var dueAt = DateTime.UtcNow + Outage / 2;
        await using (var db = database.NewDb())
        {
            var member = await db.Set<Member>().SingleAsync();
            await Jobs.ScheduleAsync(db, "test.state", dueAt, new { }, "during-outage", DateTime.UtcNow, default);
            Outbox.SendTo(db, member.Id, new Activity { Type = ActivityTypes.Message, Text = "Tin nhắn hẹn giờ" }, DateTime.UtcNow, dueAt);
            await db.SaveChangesAsync();
        }

        proxy.Cut();
        var started = DateTime.UtcNow;
        var response = await bot.SendAsync(People.Says(bot, upn, "trợ giúp"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("thử lại sau", People.LastTextTo(bot, upn));
        Assert.Contains("try again", People.LastTextTo(bot, upn));
        await Task.Delay(Outage - (DateTime.UtcNow - started));
        Assert.Empty(runs);
        Assert.DoesNotContain(bot.Channel.Delivered, d => d.Body?["text"]?.GetValue<string>() == "Tin nhắn hẹn giờ");

        proxy.Restore();
        for (var i = 0; i < 300 && (runs.IsEmpty || !bot.Channel.Delivered.Any(d => d.Body?["text"]?.GetValue<string>() == "Tin nhắn hẹn giờ")); i++)
            await Task.Delay(100);

        Assert.Equal("during-outage", Assert.Single(runs).Key);
        Assert.Single(bot.Channel.Delivered, d => d.Body?["text"]?.GetValue<string>() == "Tin nhắn hẹn giờ");
        var cardsBefore = People.CardsTo(bot, upn).Count;
        await bot.SendAsync(People.Says(bot, upn, "trợ giúp"));
        Assert.Equal(cardsBefore + 1, People.CardsTo(bot, upn).Count);
        Assert.DoesNotContain(bot.Logs, l => l.Contains(BotHost.AppPassword));
        // An outage is logged as the waiting it is, not as a failure with a stack trace on every poll.
        Assert.Contains(bot.Logs, l => l.Contains("Jobs wait: the store is unreachable"));
        Assert.DoesNotContain(bot.Logs, l => l.Contains("Job round failed") || l.Contains("Delivery batch failed"));
    }
}
