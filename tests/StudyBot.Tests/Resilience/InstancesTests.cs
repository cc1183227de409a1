using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Agency;
using StudyBot.Delivery;
using StudyBot.Scheduling;
using StudyBot.Storage;
using StudyBot.Tests.Delivery;
using StudyBot.Tests.Infrastructure;
using StudyBot.Tests.Scheduling;

namespace StudyBot.Tests.Resilience;

/// <summary>
/// Two instances of the bot on one PostgreSQL, as behind a load balancer, sharing one channel. Short in CI;
/// STUDYBOT_INSTANCES_RECIPIENTS=5000 gives the full broadcast.
/// </summary>
public sealed class InstancesTests
{
    private static readonly int Recipients =
        int.TryParse(Environment.GetEnvironmentVariable("STUDYBOT_INSTANCES_RECIPIENTS"), out var n) ? n : 1000;

    private const int MaxPerSecond = 200;

    /// <summary>
    /// The most sends any one second may see: a second's rate, the half-second burst the bucket allows, and the permits
    /// each instance drew but had not yet spent (a twentieth of a second's each), which may land in the same second.
    /// </summary>
    private const int Budget = MaxPerSecond + MaxPerSecond / 2 + 2 * (MaxPerSecond / 20);

    private readonly ConcurrentQueue<(string Key, string Owner)> _runs = new();

    /// <summary>Two instances on one database and one channel; disposing it stops both and drops the database.</summary>
    private sealed record Two(BotHost First, BotHost Second) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Second.DisposeAsync();
            await First.DisposeAsync();
            await First.Database.DisposeAsync();
        }
    }

    private async Task<Two> StartTwoAsync()
    {
        var settings = new Dictionary<string, string> { ["Delivery:MaxPerSecond"] = MaxPerSecond.ToString() };
        var first = (await BotHost.StartAsync(provider: StorageProvider.Postgres, settings: settings, customize: AddJob)).Sharing();
        var second = await BotHost.StartAsync(provider: StorageProvider.Postgres, settings: settings, customize: AddJob,
            channel: first.Channel, sharedDatabase: first.Database);
        return new Two(first, second);
    }

    private void AddJob(Microsoft.AspNetCore.Builder.WebApplicationBuilder b) =>
        b.Services.AddSingleton<IJobHandler>(new RecordingJob("test.state", CatchUp.Always, _runs));

    [SkippableFact]
    public async Task A_thousand_due_jobs_run_exactly_once_between_two_instances()
    {
        await using var two = await StartTwoAsync();
        var first = two.First;
        await using (var db = first.NewDb())
        {
            var now = DateTime.UtcNow;
            for (var i = 0; i < 1000; i++) await Jobs.ScheduleAsync(db, "test.state", now, new { }, $"job-{i}", now, default);
            await db.SaveChangesAsync();
        }

        for (var i = 0; i < 600 && _runs.Count < 1000; i++) await Task.Delay(100);
        await Task.Delay(500); // a second run of any job would show up now

        Assert.Equal(1000, _runs.Count);
        Assert.Equal(1000, _runs.Select(r => r.Key).Distinct().Count());
        Assert.Equal(2, _runs.Select(r => r.Owner).Distinct().Count());
    }

    [SkippableFact]
    public async Task A_broadcast_is_shared_by_two_instances_reaches_everyone_once_and_keeps_the_tenants_rate_together()
    {
        await using var two = await StartTwoAsync();
        var first = two.First;
        await DeliveryTests.PeopleAsync(first, Recipients);

        var report = await DeliveryTests.WaitDoneAsync(first, (await DeliveryTests.BroadcastAsync(first, "two")).Id, seconds: Recipients / 20 + 60);

        Assert.Equal(Recipients, report.Sent);
        var deliveries = first.Channel.DeliveriesByConversation();
        Assert.Equal(Recipients, deliveries.Count);
        var duplicates = deliveries.Values.Sum(v => v - 1);
        Assert.True(duplicates <= report.PossibleDuplicates, $"{duplicates} duplicates, {report.PossibleDuplicates} counted as possible");
        await using (var db = first.NewDb())
            Assert.Equal(2, await db.Set<OutboxMessage>().Where(m => m.LeaseOwner != null).Select(m => m.LeaseOwner).Distinct().CountAsync());
        // The budget is the tenant's, held in the store: the two together stay within it.
        Assert.InRange(MaxInAnySecond(first.Channel.PostTimes), 1, Budget);
    }

    [SkippableFact]
    public async Task A_dialog_begun_on_one_instance_is_finished_on_the_other()
    {
        await using var two = await StartTwoAsync();
        var (first, second) = (two.First, two.Second);
        const string upn = "an@bhxh.example";

        await first.SendAsync(People.Says(first, upn, "ngôn ngữ"));
        await second.SendAsync(People.Says(second, upn, "en"));
        await first.SendAsync(People.Says(first, upn, "hủy"));

        await using var db = first.NewDb();
        Assert.Equal("en", (await db.Set<Member>().SingleAsync()).Language);
        var texts = first.Channel.Delivered.Where(d => d.Body?["text"] is not null).Select(d => d.Body!["text"]!.GetValue<string>()).ToList();
        Assert.Equal("Switched to English.", texts[^2]);
        Assert.Equal("There is nothing to cancel.", texts[^1]); // the dialog ended on the second instance, for both
    }

    [SkippableFact]
    public async Task When_a_fifth_of_sends_are_throttled_everyone_still_gets_the_message_and_the_rate_holds()
    {
        await using var two = await StartTwoAsync();
        var first = two.First;
        var people = int.TryParse(Environment.GetEnvironmentVariable("STUDYBOT_THROTTLE_RECIPIENTS"), out var p) ? p : 100;
        await DeliveryTests.PeopleAsync(first, people);
        first.Channel.ThrottleRate = 0.2;

        var report = await DeliveryTests.WaitDoneAsync(first, (await DeliveryTests.BroadcastAsync(first, "throttled")).Id, seconds: people + 60);

        Assert.Equal(people, report.Sent);
        Assert.Equal(people, first.Channel.DeliveriesByConversation().Count);
        Assert.All(first.Channel.DeliveriesByConversation().Values, v => Assert.Equal(1, v)); // a refused send delivered nothing
        Assert.True(first.Channel.PostTimes.Count > people, "some sends were throttled and retried");
        Assert.InRange(MaxInAnySecond(first.Channel.PostTimes), 1, Budget);
    }

    /// <summary>The most posts that arrived within any one second.</summary>
    internal static int MaxInAnySecond(IEnumerable<DateTime> times)
    {
        var sorted = times.Order().ToList();
        var best = 0;
        for (int start = 0, end = 0; end < sorted.Count; end++)
        {
            while (sorted[end] - sorted[start] >= TimeSpan.FromSeconds(1)) start++;
            best = Math.Max(best, end - start + 1);
        }
        return best;
    }
}
