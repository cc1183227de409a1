using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot;
using StudyBot.Agency;
using StudyBot.Conversations;
using StudyBot.Delivery;
using StudyBot.Protocol;
using StudyBot.Storage;

/// <summary>
/// The theme push at scale: N people, the real outbox, store and delivery, against a connector limited to R
/// requests per second. Prints one line: steady rate against the ceiling (1 − F) × R, total time, lost and
/// duplicated messages, and peak memory.
/// </summary>
internal static class BroadcastBenchmark
{
    public static async Task RunAsync(int recipients, int limit, double failRate, StorageProvider provider)
    {
        await using var connector = new RateLimitedConnector(limit, failRate);
        await connector.StartAsync();
        var (connection, cleanup) = await ImportBenchmark.DatabaseAsync(provider);
        try
        {
            // Anonymous local mode: the connector is on this machine, so no token is needed or sent.
            await using var app = StudyBotApp.Build([
                "--environment=Development", $"--Storage:Provider={provider}", $"--ConnectionStrings:StudyBot={connection}",
                "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", $"--Delivery:MaxPerSecond={limit}",
                "--Delivery:MaxInFlight=32", "--Delivery:BatchSize=100", "--Scheduling:PollInterval=00:00:00.100",
                "--Delivery:PollInterval=00:00:00.050",
            ]);
            await app.Services.PrepareDatabaseAsync();
            await SeedAsync(app.Services, recipients, connector.ServiceUrl);
            await app.StartAsync();

            Guid broadcastId;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
                var content = new Dictionary<string, StudyBot.Protocol.Activity> { ["vi"] = new() { Type = "message", Text = "Chuyên đề năm" } };
                broadcastId = (await Outbox.BroadcastAsync(db, "bench", null, "bench", content, new Audience(), null, DateTime.UtcNow, default)).Broadcast.Id;
                await db.SaveChangesAsync();
            }
            await WaitDoneAsync(app.Services, broadcastId, TimeSpan.FromSeconds(recipients / (limit * (1 - failRate)) * 3 + 60));
            await app.StopAsync();
            Print(connector, recipients, limit, failRate);
        }
        finally { await cleanup(); }
    }

    private static async Task SeedAsync(IServiceProvider services, int count, string serviceUrl)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
        var now = DateTime.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var member = new Member { Id = Guid.NewGuid(), Name = $"Cán bộ {i}", ChannelUserId = $"29:u{i}", CreatedAt = now };
            db.Add(member);
            db.Add(new ConversationRecord
            {
                Id = $"a:u{i}", ChannelId = "msteams", ServiceUrl = serviceUrl, ConversationType = "personal", TenantId = "bench",
                BotId = "28:bench", MemberId = member.Id, UserId = member.ChannelUserId, UpdatedAt = now,
            });
            if (i % 2000 == 1999) { await db.SaveChangesAsync(); db.ChangeTracker.Clear(); }
        }
        await db.SaveChangesAsync();
    }

    private static async Task WaitDoneAsync(IServiceProvider services, Guid id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
            if (await db.Set<Broadcast>().AnyAsync(b => b.Id == id && b.Status == BroadcastStatus.Done)) return;
            await Task.Delay(200);
        }
        Console.Error.WriteLine("the broadcast did not finish in time");
    }

    private static void Print(RateLimitedConnector c, int n, int limit, double failRate)
    {
        var times = c.Deliveries.Select(d => d.At).Order().ToList();
        var distinct = c.Deliveries.Select(d => d.Conversation).Distinct().Count();
        var ceiling = (1 - failRate) * limit;
        double steady = 0, total = 0;
        if (times.Count > 20)
        {
            var (p5, p95) = (times[(int)(times.Count * 0.05)], times[(int)(times.Count * 0.95)]);
            steady = times.Count(t => t >= p5 && t <= p95) / (p95 - p5);
            total = times[^1] - (c.FirstRequestAt ?? times[0]);
        }
        Console.WriteLine(FormattableString.Invariant(
            $"broadcast: N={n} limit={limit}/s steady={steady:F1}/s ({steady / ceiling * 100:F1}% of ceiling) total={total:F1}s lost={n - distinct} duplicates={c.Deliveries.Count - distinct} peak_rss={Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)}MB"));
        Console.WriteLine(FormattableString.Invariant(
            $"  requests={c.Requests} throttled(429)={c.Throttled} failed(503)={c.Failed} ideal_total={n / ceiling:F1}s fail_rate={failRate}"));
    }
}
