using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Agency;
using StudyBot.Commitments;
using StudyBot.Conduct;
using StudyBot.Conversations;
using StudyBot.Nominations;
using StudyBot.Quiz;
using StudyBot.Reminders;
using StudyBot.Storage;

/// <summary>
/// `tổng quan` over an agency of 2,000 members in 40 cells with a year of data (rounds and attempts, meetings and
/// acknowledgements, questions, the rota, commitments, nominations) on SQLite: a secretary's overview and the agency's,
/// each timed end to end over HTTP, and a chart drawn uncached.
/// </summary>
public static class OverviewBenchmark
{
    public static async Task RunAsync(int cells, int perCell, int runs)
    {
        var (connection, cleanup) = await ImportBenchmark.DatabaseAsync(StorageProvider.Sqlite);
        await using var sink = await ReplySink.StartAsync();
        try
        {
            var (bot, url) = await BenchBot.StartAsync(StorageProvider.Sqlite, connection, "--StudyBot:Admins:0=lead@bench.example", "--Scheduling:Enabled=false");
            await using var _ = bot;
            var seeded = Stopwatch.StartNew();
            await SeedAsync(bot.Services, cells, perCell, sink.ServiceUrl);
            Console.WriteLine($"overview: seeded {cells * perCell} members in {cells} cells with a year of data in {seeded.Elapsed.TotalSeconds:F1} s");

            using var http = new HttpClient { BaseAddress = new Uri(url) };
            async Task<List<double>> TimeAsync(string user, int count)
            {
                var times = new List<double>();
                for (var i = 0; i < count; i++)
                {
                    var body = new StringContent(Message(user, $"ov-{user}-{i}", sink.ServiceUrl), Encoding.UTF8, "application/json");
                    var clock = Stopwatch.StartNew();
                    var response = await http.PostAsync("/api/messages", body);
                    times.Add(clock.Elapsed.TotalMilliseconds);
                    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"overview answered {(int)response.StatusCode}");
                }
                return times.Skip(Math.Min(5, count / 10)).Order().ToList(); // the first few warm the caches
            }
            var secretary = await TimeAsync("sec-0", runs);
            var agency = await TimeAsync("lead", Math.Max(20, runs / 5));

            var spec = new ChartSpec(ChartSpec.Bars, "Tỷ lệ làm bài đợt gần nhất, theo chi bộ (%)",
                Enumerable.Range(0, cells).Select(c => $"Chi bộ {c + 1}").ToList(), Enumerable.Range(0, cells).Select(c => (double)(c * 7 % 100)).ToList());
            StudyBot.Downloads.Charts.Draw(spec);
            var charts = Enumerable.Range(0, 50).Select(_ => { var c = Stopwatch.StartNew(); StudyBot.Downloads.Charts.Draw(spec); return c.Elapsed.TotalMilliseconds; }).Order().ToList();
            var cached = Stopwatch.StartNew();
            StudyBot.Downloads.Charts.Png(spec);
            var first = cached.Elapsed.TotalMilliseconds;
            cached.Restart();
            StudyBot.Downloads.Charts.Png(spec);
            Console.WriteLine($"overview: members={cells * perCell} cells={cells} p99={P99(secretary):F1}ms chart_p99={P99(charts):F1}ms");
            Console.WriteLine($"overview: agency p99={P99(agency):F1}ms p50={agency[agency.Count / 2]:F1}ms; secretary p50={secretary[secretary.Count / 2]:F1}ms; "
                + $"chart p50={charts[charts.Count / 2]:F1}ms, cached second look {cached.Elapsed.TotalMilliseconds:F2}ms (first {first:F1}ms); "
                + $"working set {Environment.WorkingSet / (1 << 20)} MiB");
        }
        finally { await cleanup(); }
    }

    private static double P99(List<double> sorted) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.99) - 1)];

    private static string Message(string user, string id, string serviceUrl) => new JsonObject
    {
        ["type"] = "message", ["id"] = id, ["text"] = "tổng quan", ["channelId"] = "msteams", ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = $"29:{user}", ["name"] = user }, ["recipient"] = new JsonObject { ["id"] = "28:bench-bot", ["name"] = "StudyBot" },
        ["conversation"] = new JsonObject { ["id"] = $"a:{user}", ["conversationType"] = "personal" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "bench-tenant" } },
    }.ToJsonString();

    private static async Task SeedAsync(IServiceProvider services, int cells, int perCell, string serviceUrl)
    {
        var now = DateTime.UtcNow;
        var random = new Random(7);
        await using (var scope = services.CreateAsyncScope())
        {
            // The leader who reads the agency's overview, an admin by stored role.
            var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
            var lead = new Member { Id = Guid.NewGuid(), ChannelUserId = "29:lead", Name = "Giám đốc", Upn = "lead@bench.example", CreatedAt = now };
            db.AddRange(lead, new RoleAssignment { Id = Guid.NewGuid(), MemberId = lead.Id, Role = Role.Admin, CreatedAt = now },
                new ConversationRecord { Id = "a:lead", ChannelId = "msteams", ServiceUrl = serviceUrl, ConversationType = "personal", TenantId = "bench-tenant",
                    BotId = "28:bench-bot", BotName = "StudyBot", MemberId = lead.Id, UserId = lead.ChannelUserId, UpdatedAt = now });
            await db.SaveChangesAsync();
        }
        for (var c = 0; c < cells; c++)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var unit = new Unit { Id = Guid.NewGuid(), Name = $"Chi bộ {c + 1}", CreatedAt = now };
            db.Add(unit);
            var members = new List<Member>();
            for (var i = 0; i < perCell; i++)
            {
                var user = c == 0 && i == 0 ? "sec-0" : $"m{c}-{i}";
                var member = new Member { Id = Guid.NewGuid(), ChannelUserId = $"29:{user}", Name = $"Cán bộ {c}-{i}", Upn = $"{user}@bench.example", IsPartyMember = i % 3 != 0, CreatedAt = now };
                members.Add(member);
                db.Add(member);
                db.Add(new UnitMembership { UnitId = unit.Id, MemberId = member.Id, Source = MembershipSource.Import });
                db.Add(new ConversationRecord { Id = $"a:{user}", ChannelId = "msteams", ServiceUrl = serviceUrl, ConversationType = "personal",
                    TenantId = "bench-tenant", BotId = "28:bench-bot", BotName = "StudyBot", MemberId = member.Id, UserId = member.ChannelUserId, UpdatedAt = now });
            }
            db.Add(new RoleAssignment { Id = Guid.NewGuid(), MemberId = members[0].Id, Role = Role.Secretary, UnitId = unit.Id, CreatedAt = now });
            for (var r = 0; r < 11; r++)
            {
                var open = r == 10;
                var round = new QuizRound { Id = Guid.NewGuid(), UnitId = unit.Id, Title = $"Đợt {r + 1}", OpensAt = now.AddDays(-330 + r * 30), ClosesAt = open ? now.AddDays(2) : now.AddDays(-325 + r * 30),
                    Items = "[]", Status = open ? RoundStatus.Open : RoundStatus.Closed, CreatedBy = members[0].Id, CreatedAt = now.AddDays(-331 + r * 30) };
                db.Add(round);
                foreach (var m in members.Where(_ => random.NextDouble() < 0.8))
                    db.Add(new QuizAttempt { Id = Guid.NewGuid(), MemberId = m.Id, RoundId = round.Id, Count = 5, Score = random.Next(6), Position = 5,
                        StartedAt = round.OpensAt, ShownAt = round.OpensAt, FinishedAt = round.OpensAt.AddHours(2) });
            }
            var reminder = new Reminder { Id = Guid.NewGuid(), UnitId = unit.Id, Text = "Sinh hoạt chi bộ định kỳ", Rule = RepeatRule.MonthlyOnDay,
                FirstLocal = new DateTime(now.Year, 1, 3, 14, 0, 0), StoryRota = true, CreatedBy = members[0].Id, CreatedAt = now.AddDays(-330) };
            db.Add(reminder);
            var broadcast = new StudyBot.Delivery.Broadcast { Id = Guid.NewGuid(), Kind = "reminder", Title = "Nhắc việc", CreatedAt = now.AddDays(-20), Content = "{}", Audience = "{}" };
            var occurrence = new ReminderOccurrence { Id = Guid.NewGuid(), ReminderId = reminder.Id, DueAt = now.AddDays(-20), BroadcastId = broadcast.Id, CreatedAt = now.AddDays(-20) };
            db.AddRange(broadcast, occurrence);
            foreach (var m in members)
            {
                db.Add(new StudyBot.Delivery.OutboxMessage { Id = Guid.NewGuid(), BroadcastId = broadcast.Id, MemberId = m.Id, Status = StudyBot.Delivery.OutboxStatus.Sent, CreatedAt = now.AddDays(-20), DueAt = now.AddDays(-20) });
                if (random.NextDouble() < 0.7) db.Add(new Acknowledgement { OccurrenceId = occurrence.Id, MemberId = m.Id, At = now.AddDays(-20) });
            }
            db.Add(new StoryAssignment { Id = Guid.NewGuid(), ReminderId = reminder.Id, MemberId = members[1].Id, OccurrenceDue = now.AddDays(10), Status = StoryStatus.Accepted, AskedAt = now });
            for (var q = 0; q < 5; q++)
                db.Add(new Escalation { Id = Guid.NewGuid(), Number = c * 10 + q + 1, AskerId = members[2 + q].Id, UnitId = unit.Id, Question = $"Câu hỏi số {q} của chi bộ {c}", CreatedAt = now.AddDays(-q) });
            foreach (var (m, i) in members.Select((m, i) => (m, i)).Where(x => x.i % 5 != 4))
            {
                var set = new CommitmentSet { Id = Guid.NewGuid(), MemberId = m.Id, UnitId = unit.Id, Year = now.Year, Status = CommitmentStatus.Approved,
                    SubmittedAt = now.AddDays(-300), ReviewedAt = now.AddDays(-299), CreatedAt = now.AddDays(-300), UpdatedAt = now };
                db.Add(set);
                for (var k = 0; k < 2; k++)
                    db.Add(new Commitment { Id = Guid.NewGuid(), SetId = set.Id, Position = k + 1, Task = $"Việc {k + 1}", Responsibility = "Tự làm", Result = "Đo được",
                        Milestones = Milestones.Write([new("q1", 25), new("q2", 50), new("q3", 75), new("q4", 100)]), Deadline = new DateOnly(now.Year, 12, 31),
                        Percent = random.Next(101), ReportedAt = now.AddDays(-random.Next(60)), CreatedAt = now.AddDays(-300) });
            }
            for (var n = 0; n < 12; n++)
                db.Add(new Nomination { Id = Guid.NewGuid(), Year = now.Year, Sequence = c * 100 + n + 1, NominatorId = members[0].Id, NomineeId = members[3 + n].Id, NomineeUnitId = unit.Id,
                    Deed = "Việc tốt", DeedDate = "2026-01-01", Status = n % 4 == 0 ? NominationStatus.Pending : NominationStatus.Commended, CreatedAt = now.AddDays(-n * 25) });
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }
    }
}
