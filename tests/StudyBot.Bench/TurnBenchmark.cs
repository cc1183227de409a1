using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot;
using StudyBot.Agency;
using StudyBot.Conversations;
using StudyBot.Quiz;
using StudyBot.Storage;

/// <summary>
/// Turns per second through the whole bot: real HTTP in, the real store, and each reply POSTed to a local reply sink
/// before the HTTP answer, as Teams requires. Anonymous local mode, so no token work is measured on either side.
/// </summary>
internal static class TurnBenchmark
{
    private const int Members = 2000;
    private const int WarmUpSeconds = 30;

    public static async Task RunAsync(string scenario, StorageProvider provider, int concurrency, int seconds, string[] extra)
    {
        var (connection, cleanup) = await ImportBenchmark.DatabaseAsync(provider);
        await using var sink = await ReplySink.StartAsync();
        try
        {
            var (bot, url) = await BenchBot.StartAsync(provider, connection, extra);
            await using var _ = bot;
            var attempts = await SeedAsync(bot.Services, scenario);

            var work = new Workload(scenario, sink.ServiceUrl, attempts);
            // Warm up, not measured: every member's first turn stores their conversation, and a new bot is several times
            // slower for its first half minute under load (help: 1,067 turns/s after 3 s of warm-up, 3,033 after 30 s),
            // while its hot code is compiled again with optimisations. The figures are of the steady state that follows.
            // The long part is help turns, so that quiz answers are still to be given (each member has 20); then a few
            // seconds of the scenario itself.
            await RunLoadAsync(new Uri(url), new Workload("help", sink.ServiceUrl, attempts), concurrency, TimeSpan.FromSeconds(WarmUpSeconds), record: false);
            await RunLoadAsync(new Uri(url), work, concurrency, TimeSpan.FromSeconds(Math.Min(3, seconds)), record: false);
            var storedBefore = await StoredAnswersAsync(bot.Services);
            var (allocatedBefore, gen0Before, gen2Before, pauseBefore) =
                (GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration());
            var (latencies, errors, elapsed) = await RunLoadAsync(new Uri(url), work, concurrency, TimeSpan.FromSeconds(seconds), record: true);
            var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
            var pause = GC.GetTotalPauseDuration() - pauseBefore;

            latencies.Sort();
            double P(double q) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
            Console.WriteLine(FormattableString.Invariant(
                $"turns: scenario={scenario} store={provider.ToString().ToLowerInvariant()} c={concurrency} rps={latencies.Count / elapsed.TotalSeconds:0} p50={P(0.5):0.00} p99={P(0.99):0.00} errors={errors} peak_rss={Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)}MB"));
            // The whole process's, so the load generator and the sink are in it too; what changes between builds is the bot.
            Console.WriteLine(FormattableString.Invariant(
                $"  allocated per turn: {allocated / Math.Max(1, latencies.Count) / 1024.0:0.0} kB, gen0 collections: {GC.CollectionCount(0) - gen0Before}, gen2: {GC.CollectionCount(2) - gen2Before}, GC pauses: {pause.TotalMilliseconds / elapsed.TotalMilliseconds * 100:0.0}% of the run"));
            // An answer past a member's last question is refused without a write; this shows the figures are of writes.
            if (scenario == "quiz-answer")
                Console.WriteLine($"  answers stored during the run: {await StoredAnswersAsync(bot.Services) - storedBefore} of {latencies.Count} turns");
            await bot.StopAsync();
        }
        finally
        {
            await cleanup();
        }
    }

    private static async Task<int> StoredAnswersAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StudyBotDb>().Set<QuizAnswer>().CountAsync();
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

    /// <summary>
    /// One kept-alive connection per worker, each sending its next activity as soon as the last is answered, as wrk does
    /// (<see cref="RawHttpClient"/>: HttpClient cost this process as much CPU as the turns it measured).
    /// </summary>
    private static async Task<(List<double> Latencies, int Errors, TimeSpan Elapsed)> RunLoadAsync(Uri bot, Workload work,
        int concurrency, TimeSpan duration, bool record)
    {
        var all = new List<double>[concurrency];
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = all[worker] = new List<double>(100_000);
            var client = await RawHttpClient.ConnectAsync(bot);
            try
            {
                while (clock.Elapsed < duration)
                {
                    var body = work.Next(worker, concurrency);
                    var started = Stopwatch.GetTimestamp();
                    var (status, answer) = await client.PostJsonAsync("/api/messages", body, readBody: work.Scenario == "quiz-answer");
                    var ok = status is >= 200 and < 300 && answer?.Contains("application/vnd.microsoft.error") != true;
                    if (record) mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (!ok) Interlocked.Increment(ref errors);
                }
            }
            finally { client.Dispose(); }
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

/// <summary>
/// The connector's side, as fast as it can be: every request is answered {"id":"reply"}, 201 for a POST and 200 otherwise,
/// on kept-alive connections, with no more HTTP than the bot's client needs (<see cref="RawHttpReader"/>).
/// </summary>
internal sealed class ReplySink : IAsyncDisposable
{
    private static readonly byte[] Created = Answer("201 Created");
    private static readonly byte[] Ok = Answer("200 OK");
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    public string ServiceUrl { get; }
    public long Replies;

    private ReplySink(TcpListener listener)
    {
        _listener = listener;
        ServiceUrl = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/";
        _accepting = AcceptAsync();
    }

    private static byte[] Answer(string status) => Encoding.ASCII.GetBytes(
        $"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: 14\r\n\r\n{{\"id\":\"reply\"}}");

    public static Task<ReplySink> StartAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(512);
        return Task.FromResult(new ReplySink(listener));
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                socket.NoDelay = true;
                _ = ServeAsync(socket);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException) { }
    }

    private async Task ServeAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = new RawHttpReader(stream);
        try
        {
            while (await reader.ReadHeadAsync(_stop.Token) is { } head)
            {
                await reader.ReadBodyAsync(head, keep: false, _stop.Token);
                if (head.Method is "POST" or "PUT") Interlocked.Increment(ref Replies);
                await stream.WriteAsync(head.Method == "POST" ? Created : Ok, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or EndOfStreamException) { }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
    }
}
