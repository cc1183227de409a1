using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Agency;
using StudyBot.Conversations;
using StudyBot.Delivery;
using StudyBot.Quiz;
using StudyBot.Storage;

/// <summary>
/// A round as it happens: it opens through the job and the outbox (one invitation per member, to the reply sink), then
/// every member presses "Làm bài" and answers every question, as fast as 16 connections allow (the 10-minute window is
/// not waited out in real time). Counts what the store kept against what was sent.
/// </summary>
internal static class SurgeBenchmark
{
    public static async Task RunAsync(int members, int questions, StorageProvider provider, int concurrency)
    {
        var (connection, cleanup) = await ImportBenchmark.DatabaseAsync(provider);
        await using var sink = await ReplySink.StartAsync();
        try
        {
            var (bot, url) = await BenchBot.StartAsync(provider, connection, "--Delivery:MaxPerSecond=2000", "--Scheduling:PollInterval=00:00:00.200");
            await using var _ = bot;
            var roundId = await SeedAsync(bot.Services, members, questions, sink.ServiceUrl);

            // The round opens through its job; the invitations go out through the outbox.
            var opened = Stopwatch.StartNew();
            while (true)
            {
                await using var scope = bot.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
                var round = await db.Set<QuizRound>().AsNoTracking().SingleAsync(r => r.Id == roundId);
                if (round.BroadcastId is { } b && await db.Set<OutboxMessage>().CountAsync(m => m.BroadcastId == b && m.Status == OutboxStatus.Sent) == members) break;
                if (opened.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException("invitations not delivered in 5 minutes");
                await Task.Delay(200);
            }
            var invitations = opened.Elapsed;

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(url) };
            var latencies = new List<double>[concurrency];
            var errors = 0;
            long ids = 0;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
            {
                var mine = latencies[worker] = [];
                async Task<JsonNode> SendAsync(int member, string verb, JsonObject data)
                {
                    var activity = Activity(member, verb, data, sink.ServiceUrl, Interlocked.Increment(ref ids));
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.PostAsync("/api/messages", new StringContent(activity, Encoding.UTF8, "application/json"));
                    var body = await response.Content.ReadAsStringAsync();
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                    return JsonNode.Parse(body)!;
                }
                for (var member = worker; member < members; member += concurrency)
                {
                    var card = await SendAsync(member, RoundCards.StartVerb, new JsonObject { ["roundId"] = roundId.ToString() });
                    for (var q = 0; q < questions; q++)
                    {
                        var action = card["value"]?["actions"]?.AsArray().FirstOrDefault(a => a?["verb"]?.GetValue<string>() == QuizCards.AnswerVerb);
                        if (action is null) { Interlocked.Increment(ref errors); break; }
                        var data = action["data"]!.DeepClone().AsObject();
                        // The first choice offered, or "true", or a word: the mark does not matter here, the write does.
                        var input = card["value"]!["body"]!.AsArray().OfType<JsonObject>().First(e => e["type"]!.GetValue<string>().StartsWith("Input."));
                        data[input["id"]!.GetValue<string>()] = input["choices"]?[0]?["value"]?.GetValue<string>() ?? "dân";
                        foreach (var step in card["value"]!["body"]!.AsArray().OfType<JsonObject>().Where(e => e["id"]?.GetValue<string>().StartsWith("step") == true))
                            data[step["id"]!.GetValue<string>()] = step["choices"]![int.Parse(step["id"]!.GetValue<string>()[4..]) - 1]!["value"]!.GetValue<string>();
                        card = await SendAsync(member, QuizCards.AnswerVerb, data);
                    }
                }
            }));
            clock.Stop();

            await using var check = bot.Services.CreateAsyncScope();
            var store = check.ServiceProvider.GetRequiredService<StudyBotDb>();
            var attempts = store.Set<QuizAttempt>().Where(a => a.RoundId == roundId).Select(a => a.Id);
            var stored = await store.Set<QuizAnswer>().CountAsync(a => attempts.Contains(a.AttemptId));
            var finished = await store.Set<QuizAttempt>().CountAsync(a => a.RoundId == roundId && a.FinishedAt != null && a.Position == questions);
            var invitationRows = await store.Set<OutboxMessage>().Where(m => m.BroadcastId != null).GroupBy(m => m.MemberId).CountAsync(g => g.Count() > 1);
            var all = latencies.SelectMany(l => l).OrderBy(x => x).ToList();
            var expected = members * questions;
            Console.WriteLine(FormattableString.Invariant(
                $"surge: members={members} answers={stored} rps={all.Count / clock.Elapsed.TotalSeconds:0} p99={all[(int)(0.99 * (all.Count - 1))]:0.00} lost={Math.Max(0, expected - stored)} duplicates={Math.Max(0, stored - expected) + invitationRows}"));
            Console.WriteLine(FormattableString.Invariant(
                $"  store={provider.ToString().ToLowerInvariant()} turns={all.Count} errors={errors} finished={finished}/{members} invitations_delivered_in={invitations.TotalSeconds:0.0}s answering={clock.Elapsed.TotalSeconds:0.0}s p50={all[all.Count / 2]:0.00}ms sink_calls={sink.Replies} peak_rss={Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)}MB"));
            await bot.StopAsync();
        }
        finally
        {
            await cleanup();
        }
    }

    /// <summary>A unit of members with personal chats on the sink, and a round that opens now and closes in an hour.</summary>
    private static async Task<Guid> SeedAsync(IServiceProvider services, int count, int questions, string serviceUrl)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
        var now = DateTime.UtcNow;
        var unit = new Unit { Id = Guid.NewGuid(), Name = "Chi bộ Surge", CreatedAt = now };
        db.Add(unit);
        for (var i = 0; i < count; i++)
        {
            var member = new Member { Id = Guid.NewGuid(), ChannelUserId = $"29:s{i}", Name = $"Cán bộ {i}", Upn = $"s{i}@bench.example", CreatedAt = now };
            db.Add(member);
            db.Add(new UnitMembership { UnitId = unit.Id, MemberId = member.Id, Source = MembershipSource.Import });
            db.Add(new ConversationRecord
            {
                Id = $"a:s{i}", ChannelId = "msteams", ServiceUrl = serviceUrl, ConversationType = "personal", TenantId = "bench-tenant",
                BotId = "28:bench-bot", BotName = "StudyBot", MemberId = member.Id, UserId = member.ChannelUserId, UpdatedAt = now,
            });
        }
        var bank = await db.Set<QuizQuestion>().Where(q => q.Active).OrderBy(q => q.Id).Take(questions).ToListAsync();
        var sources = await db.Set<QuizSource>().ToDictionaryAsync(s => s.Id);
        var round = new QuizRound
        {
            Id = Guid.NewGuid(), UnitId = unit.Id, Title = "Đợt kiểm tra thử tải", OpensAt = now, ClosesAt = now.AddHours(1),
            Items = QuizItem.Serialize(bank.Select(q => QuizItem.From(q, sources[q.SourceId]))), CreatedBy = Guid.Empty, CreatedAt = now,
        };
        db.Add(round);
        await RoundSchedule.ScheduleAsync(db, round, new QuizOptions(), now, default);
        await db.SaveChangesAsync();
        return round.Id;
    }

    private static string Activity(int member, string verb, JsonObject data, string serviceUrl, long id) => new JsonObject
    {
        ["type"] = "invoke", ["name"] = "adaptiveCard/action", ["id"] = $"surge-{id}", ["channelId"] = "msteams", ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = $"29:s{member}", ["name"] = $"Cán bộ {member}" },
        ["recipient"] = new JsonObject { ["id"] = "28:bench-bot", ["name"] = "StudyBot" },
        ["conversation"] = new JsonObject { ["id"] = $"a:s{member}", ["conversationType"] = "personal" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "bench-tenant" } },
        ["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data } },
    }.ToJsonString();
}
