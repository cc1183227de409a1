using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Conversations;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

/// <summary>
/// The full form of the hostile-input suite: N mutated activities (ActivityFuzzer) against the bot in anonymous local
/// mode, replies going to a local sink. Counts answers by class; a crash is the service no longer answering its health check.
/// </summary>
internal static class FuzzBenchmark
{
    public static async Task RunAsync(int count)
    {
        var (connection, cleanup) = await ImportBenchmark.DatabaseAsync(StorageProvider.Sqlite);
        await using var sink = await ReplySink.StartAsync();
        try
        {
            var (bot, url) = await BenchBot.StartAsync(StorageProvider.Sqlite, connection, "--Logging:LogLevel:Default=Critical",
                "--Logging:LogLevel:Microsoft.AspNetCore.Diagnostics=Error", "--Logging:LogLevel:Microsoft.AspNetCore.Server.Kestrel=Error");
            await using var _ = bot;
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            var fuzzer = new ActivityFuzzer(seed: 1, sink.ServiceUrl, bot.Services.GetRequiredService<CommandTable>().Verbs.ToList());
            var counts = new int[6];
            var notImplemented = 0;
            long RssMb() { var p = Process.GetCurrentProcess(); p.Refresh(); return p.WorkingSet64 / (1 << 20); }
            var rssStart = 0L;
            var heapStart = 0L;
            var committedStart = 0L;
            var curve = new List<long>();
            for (var i = 0; i < count; i++)
            {
                if (i == Math.Min(1000, count / 10)) { heapStart = GC.GetTotalMemory(forceFullCollection: true) >> 20; committedStart = GC.GetGCMemoryInfo().TotalCommittedBytes >> 20; rssStart = RssMb(); } // after the JIT and caches have warmed up
                if (i > 0 && i % Math.Max(1, count / 10) == 0) curve.Add(RssMb());
                var body = fuzzer.Next();
                int status;
                try
                {
                    using var response = await http.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
                    status = (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    // A connection the server closed after a 413 (the client may have queued this one on it): once more.
                    using var retry = new HttpClient { BaseAddress = new Uri(url) };
                    try { status = (int)(await retry.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"))).StatusCode; }
                    catch (HttpRequestException) when (Encoding.UTF8.GetByteCount(body) > StudyBot.Protocol.MessagesEndpoint.MaxBodyBytes) { status = 413; }
                }
                if (status == 501 && ActivityFuzzer.IsOtherInvoke(body)) { notImplemented++; continue; }
                counts[Math.Clamp(status / 100, 0, 5)]++;
                // Printable, so a body with NULs or line breaks cannot spoil the output it is read from.
                if (status >= 500 && counts[5] <= 3)
                    Console.Error.WriteLine($"  {status} for: {new string(body.Take(700).Select(c => char.IsControl(c) ? '·' : c).ToArray())}");
            }
            GC.Collect();
            var crashes = (await http.GetAsync("/healthz")).IsSuccessStatusCode ? 0 : 1;
            Console.WriteLine($"fuzz: sent={count} 2xx={counts[2]} 4xx={counts[4]} 5xx={counts[5]} crashes={crashes} rss_start={rssStart} rss_end={RssMb()}");
            // Which memory grew: the managed heap (something kept) or only the process (native caches, the allocator).
            var heapEnd = GC.GetTotalMemory(forceFullCollection: true) >> 20;
            Console.WriteLine($"  managed heap after a full collection: start={heapStart}MB end={heapEnd}MB;"
                + $" committed by the GC: start={committedStart}MB end={GC.GetGCMemoryInfo().TotalCommittedBytes >> 20}MB");
            // A leak climbs to the end; caches and code that warm up level off.
            Console.WriteLine($"  rss at each tenth of the run (MB): {string.Join(' ', curve)}");
            Console.WriteLine($"  501 for invoke names the bot does not handle (the protocol's answer): {notImplemented}; replies at the sink: {sink.Replies}");
            await bot.StopAsync();
        }
        finally
        {
            await cleanup();
        }
    }
}
