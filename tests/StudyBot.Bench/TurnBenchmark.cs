using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using StudyBot;
using StudyBot.Conversations;
using StudyBot.Members;
using StudyBot.Quiz;
using StudyBot.Storage;

/// <summary>
/// Turns per second through the whole bot: real HTTP in, the real store, and each reply POSTed to a local reply sink
/// before the HTTP answer, as Teams requires. Anonymous local mode, so no token work is measured on either side.
/// </summary>
internal static class TurnBenchmark
{
    private const int Members = 2000;

    public static async Task RunAsync(string scenario, StorageProvider provider, int concurrency, int seconds, string[] extra)
    {
        var (connection, cleanup) = await ImportBenchmark.DatabaseAsync(provider);
        await using var sink = await ReplySink.StartAsync();
        try
        {
            var (bot, url) = await BenchBot.StartAsync(provider, connection, extra);
            await using var _ = bot;
            var attempts = await SeedAsync(bot.Services, scenario);

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
                { BaseAddress = new Uri(url) };
            var work = new Workload(scenario, sink.ServiceUrl, attempts);
            // Warm up: every member's first turn stores their conversation; not measured.
            await RunLoadAsync(http, work, concurrency, TimeSpan.FromSeconds(Math.Min(3, seconds)), record: false);
            var (latencies, errors, elapsed) = await RunLoadAsync(http, work, concurrency, TimeSpan.FromSeconds(seconds), record: true);

            latencies.Sort();
            double P(double q) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
            Console.WriteLine(FormattableString.Invariant(
                $"turns: scenario={scenario} store={provider.ToString().ToLowerInvariant()} c={concurrency} rps={latencies.Count / elapsed.TotalSeconds:0} p50={P(0.5):0.00} p99={P(0.99):0.00} errors={errors} peak_rss={Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)}MB"));
            await bot.StopAsync();
        }
        finally
        {
            await cleanup();
        }
    }

    /// <summary>
    /// For wrk: seeds a SQLite file as the run would and writes one request body per line, every member's answer to
    /// question 1, then every member's answer to question 2, and so on; wrk-bodies.lua sends them in that order, each
    /// thread taking every other line, so one member's answers never overlap and each is written once.
    /// </summary>
    public static async Task WriteBodiesAsync(string scenario, string databasePath, string sinkUrl, string outPath)
    {
        var (bot, _) = await BenchBot.StartAsync(StorageProvider.Sqlite, $"Data Source={databasePath}");
        var attempts = await SeedAsync(bot.Services, scenario);
        await bot.StopAsync();
        await bot.DisposeAsync();
        var work = new Workload(scenario, sinkUrl, attempts);
        var positions = scenario == "quiz-answer" ? attempts[0].Items.Count : 1;
        await using var file = new StreamWriter(outPath);
        for (var position = 0; position < positions; position++)
            for (var member = 0; member < Members; member++)
                await file.WriteLineAsync(work.Body(member, position));
        Console.WriteLine($"wrk-bodies: scenario={scenario} lines={positions * Members} database={databasePath} file={outPath}");
    }

    private static async Task<(List<double> Latencies, int Errors, TimeSpan Elapsed)> RunLoadAsync(HttpClient http, Workload work,
        int concurrency, TimeSpan duration, bool record)
    {
        var all = new List<double>[concurrency];
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = all[worker] = new List<double>(100_000);
            while (clock.Elapsed < duration)
            {
                var body = work.Next(worker, concurrency);
                var started = Stopwatch.GetTimestamp();
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync("/api/messages", content);
                var ok = response.IsSuccessStatusCode && (work.Scenario != "quiz-answer" || !(await response.Content.ReadAsStringAsync()).Contains("application/vnd.microsoft.error"));
                if (record) mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok) Interlocked.Increment(ref errors);
            }
        }));
        return (all.SelectMany(l => l).ToList(), errors, clock.Elapsed);
    }

    /// <summary>Members who have written before (so turns find them), and for quiz-answer an open round with an attempt each.</summary>
    private static async Task<Dictionary<int, (Guid Attempt, List<QuizItem> Items, List<int> Order)>> SeedAsync(IServiceProvider services, string scenario)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
        var now = DateTime.UtcNow;
        var unit = new Unit { Id = Guid.NewGuid(), Name = "Chi bộ Bench", CreatedAt = now };
        db.Add(unit);
        var members = Enumerable.Range(0, Members).Select(i => new Member
        {
            Id = Guid.NewGuid(), ChannelUserId = $"29:u{i}", Name = $"Cán bộ {i}", Upn = $"u{i}@bench.example", CreatedAt = now,
        }).ToList();
        db.AddRange(members);
        db.AddRange(members.Select(m => new UnitMembership { UnitId = unit.Id, MemberId = m.Id, Source = MembershipSource.Import }));
        var attempts = new Dictionary<int, (Guid, List<QuizItem>, List<int>)>();
        if (scenario == "quiz-answer")
        {
            var bank = await db.Set<QuizQuestion>().Where(q => q.Active).OrderBy(q => q.Id).Take(20).ToListAsync();
            var sources = await db.Set<QuizSource>().ToDictionaryAsync(s => s.Id);
            var items = bank.Select(q => QuizItem.From(q, sources[q.SourceId])).ToList();
            var round = new QuizRound
            {
                Id = Guid.NewGuid(), UnitId = unit.Id, Title = "Bench", OpensAt = now.AddMinutes(-1), ClosesAt = now.AddDays(1),
                Items = QuizItem.Serialize(items), Status = RoundStatus.Open, CreatedBy = members[0].Id, CreatedAt = now,
            };
            db.Add(round);
            var order = Enumerable.Range(0, items.Count).ToList();
            for (var i = 0; i < members.Count; i++)
            {
                var attempt = new QuizAttempt
                {
                    Id = Guid.NewGuid(), MemberId = members[i].Id, RoundId = round.Id, Count = items.Count,
                    Order = JsonSerializer.Serialize(order), StartedAt = now, ShownAt = now,
                };
                db.Add(attempt);
                attempts[i] = (attempt.Id, items, order);
            }
        }
        await db.SaveChangesAsync();
        return attempts;
    }

    /// <summary>What each worker sends next: its own members in turn, so one member's turns never overlap.</summary>
    private sealed class Workload(string scenario, string serviceUrl, Dictionary<int, (Guid Attempt, List<QuizItem> Items, List<int> Order)> attempts)
    {
        public string Scenario => scenario;
        private readonly int[] _cursor = new int[1024];
        private readonly Dictionary<int, int> _position = new();
        private long _ids;

        public string Next(int worker, int concurrency)
        {
            // Worker w owns members w, w + c, w + 2c, …
            var owned = (Members - worker + concurrency - 1) / concurrency;
            var member = worker + (_cursor[worker]++ % owned) * concurrency;
            int position;
            lock (_position) { position = _position.GetValueOrDefault(member); _position[member] = position + 1; }
            return Body(member, position);
        }

        /// <summary>One member's turn; for quiz-answer, their answer to the question at this position.</summary>
        public string Body(int member, int position)
        {
            var id = Interlocked.Increment(ref _ids);
            var activity = new JsonObject
            {
                ["type"] = "message", ["id"] = $"bench-{id}", ["channelId"] = "msteams", ["serviceUrl"] = serviceUrl,
                ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
                ["from"] = new JsonObject { ["id"] = $"29:u{member}", ["name"] = $"Cán bộ {member}" },
                ["recipient"] = new JsonObject { ["id"] = "28:bench-bot", ["name"] = "StudyBot" },
                ["conversation"] = new JsonObject { ["id"] = $"a:u{member}", ["conversationType"] = "personal" },
                ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "bench-tenant" } },
                ["locale"] = "vi-VN",
            };
            switch (scenario)
            {
                case "help": activity["text"] = "trợ giúp"; break;
                case "theme": activity["text"] = "chủ đề"; break;
                case "ask": activity["text"] = "lam sao noi chuyen voi don vi no bhxh"; break;
                case "quiz-answer":
                    var (attempt, items, order) = attempts[member];
                    // Past the last question the answer is refused as already given: still a full turn, with no write.
                    var item = items[order[Math.Min(position, items.Count - 1)]];
                    var data = new JsonObject { ["attemptId"] = attempt.ToString(), ["position"] = position };
                    foreach (var (k, v) in RightAnswer(item)) data[k] = v;
                    activity["type"] = "invoke";
                    activity["name"] = "adaptiveCard/action";
                    activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = QuizCards.AnswerVerb, ["data"] = data } };
                    break;
                default: throw new ArgumentException($"unknown scenario {scenario}");
            }
            return activity.ToJsonString();
        }

        private static IEnumerable<(string, string)> RightAnswer(QuizItem item) => item.Kind switch
        {
            QuestionKinds.Order => item.Options.Select((_, i) => ($"step{i + 1}", i.ToString())),
            _ => [("answer", item.Answer)],
        };
    }
}

/// <summary>The connector's side, as fast as it can be: every POST or PUT gets an id back; profile reads get a profile.</summary>
internal sealed class ReplySink : IAsyncDisposable
{
    private readonly WebApplication _app;
    public string ServiceUrl { get; }
    public long Replies;

    private ReplySink(WebApplication app, string url) { _app = app; ServiceUrl = url + "/"; }

    public static async Task<ReplySink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        ReplySink? sink = null;
        var reply = Encoding.UTF8.GetBytes("{\"id\":\"reply\"}");
        app.Run(async context =>
        {
            if (context.Request.Method is "POST" or "PUT") Interlocked.Increment(ref sink!.Replies);
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.StatusCode = context.Request.Method == "POST" ? (int)HttpStatusCode.Created : (int)HttpStatusCode.OK;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(reply);
        });
        await app.StartAsync();
        sink = new ReplySink(app, BenchBot.AddressOf(app));
        return sink;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
