using Microsoft.EntityFrameworkCore;
using StudyBot.Delivery;
using StudyBot.Protocol;
using StudyBot.Storage;
using StudyBot.Tests.Delivery;
using StudyBot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace StudyBot.Tests.Resilience;

/// <summary>
/// Two bot processes on one PostgreSQL; one is killed with SIGKILL at random moments and started again. Short in CI
/// (2,000 recipients, two kills); STUDYBOT_KILL_RECIPIENTS=10000 STUDYBOT_KILLS=5 gives the full form.
/// </summary>
public sealed class KilledProcessTests(ITestOutputHelper output)
{
    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var n) ? n : fallback;

    private const int MaxInFlight = 16;

    private static string[] Settings(ChannelSimulator channel) =>
    [
        "--Delivery:MaxPerSecond=400", $"--Delivery:MaxInFlight={MaxInFlight}", "--Delivery:Lease=00:00:03",
        "--Delivery:PollInterval=00:00:00.100", "--Scheduling:Lease=00:00:03", "--Scheduling:PollInterval=00:00:00.200",
    ];

    [SkippableFact]
    public async Task A_broadcast_survives_instances_killed_mid_send_with_nobody_lost_and_duplicates_bounded()
    {
        var recipients = Setting("STUDYBOT_KILL_RECIPIENTS", 2000);
        var kills = Setting("STUDYBOT_KILLS", 2);
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        var channel = new ChannelSimulator();
        await channel.StartAsync();
        await using (var db = Direct(database))
        {
            await db.Database.MigrateAsync();
            await DeliveryTests.PeopleAsync(db, channel.ServiceUrl, recipients);
        }
        await using var steady = new BotProcess(database.ConnectionString, Settings(channel));
        await using var victim = new BotProcess(database.ConnectionString, Settings(channel));
        await steady.StartAsync();
        await victim.StartAsync();

        Guid broadcastId;
        await using (var db = Direct(database))
        {
            var content = new Dictionary<string, Activity>
            {
                ["vi"] = new() { Type = "message", Text = "Chuyên đề năm" }, ["en"] = new() { Type = "message", Text = "Theme of the year" },
            };
            var (broadcast, _) = await Outbox.BroadcastAsync(db, "test", "killed", "Chuyên đề năm", content, new Audience(), null, DateTime.UtcNow, default);
            await db.SaveChangesAsync();
            broadcastId = broadcast.Id;
        }

        // Killed at random moments while the broadcast is under way, and started again each time.
        var expectedSeconds = recipients / 400.0;
        for (var k = 0; k < kills; k++)
        {
            await Task.Delay(TimeSpan.FromSeconds(Random.Shared.NextDouble() * expectedSeconds / kills));
            victim.Kill();
            await Task.Delay(200);
            await victim.StartAsync();
        }

        BroadcastReport? report = null;
        for (var i = 0; i < 1200 && report is null; i++)
        {
            await using var db = Direct(database);
            var broadcast = await db.Set<Broadcast>().AsNoTracking().FirstAsync(b => b.Id == broadcastId);
            if (broadcast.Status == BroadcastStatus.Done) report = await Outbox.ReportAsync(db, broadcast, default);
            else await Task.Delay(100);
        }
        Assert.NotNull(report);

        var deliveries = channel.DeliveriesByConversation();
        var lost = recipients - deliveries.Count;
        var duplicates = deliveries.Values.Sum(n => n - 1);
        output.WriteLine($"kill: recipients={recipients} kills={kills} lost={lost} duplicates={duplicates} bound={kills * MaxInFlight}");
        Assert.Equal(0, lost);
        Assert.Equal(recipients, report.Sent);
        Assert.InRange(duplicates, 0, kills * MaxInFlight);
        await channel.DisposeAsync();
    }

    private static StudyBotDb Direct(TestDatabase database) =>
        new(new DbContextOptionsBuilder<StudyBotDb>().UseNpgsql(database.ConnectionString).Options);
}
