using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Nominations;
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

    private static readonly string[] Settings =
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
        await using (var db = database.NewDb())
        {
            await db.Database.MigrateAsync();
            await DeliveryTests.PeopleAsync(db, channel.ServiceUrl, recipients);
        }
        await using var steady = new BotProcess(database.ConnectionString, Settings);
        await using var victim = new BotProcess(database.ConnectionString, Settings);
        await steady.StartAsync();
        await victim.StartAsync();

        Guid broadcastId;
        await using (var db = database.NewDb()) broadcastId = (await DeliveryTests.BroadcastAsync(db, "killed")).Id;

        // Killed at random moments while the broadcast is under way, and started again each time.
        var expectedSeconds = recipients / 400.0;
        for (var k = 0; k < kills; k++)
        {
            await Task.Delay(TimeSpan.FromSeconds(Random.Shared.NextDouble() * expectedSeconds / kills));
            victim.Kill();
            await Task.Delay(200);
            await victim.StartAsync();
        }

        var report = await DeliveryTests.WaitDoneAsync(database.NewDb, broadcastId, seconds: 120);

        var deliveries = channel.DeliveriesByConversation();
        var lost = recipients - deliveries.Count;
        var duplicates = deliveries.Values.Sum(n => n - 1);
        output.WriteLine($"kill: recipients={recipients} kills={kills} lost={lost} duplicates={duplicates} bound={kills * MaxInFlight}");
        Assert.Equal(0, lost);
        Assert.Equal(recipients, report.Sent);
        Assert.InRange(duplicates, 0, kills * MaxInFlight);
        await channel.DisposeAsync();
    }

    [SkippableFact]
    public async Task A_nomination_cut_off_by_a_kill_is_either_stored_and_delivered_or_was_never_acknowledged()
    {
        const int nominations = 30;
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        var channel = new ChannelSimulator();
        await channel.StartAsync();
        List<Member> people;
        await using (var db = database.NewDb())
        {
            await db.Database.MigrateAsync();
            people = await DeliveryTests.PeopleAsync(db, channel.ServiceUrl, 2 * nominations + 1);
            db.Add(new RoleAssignment { Id = Guid.NewGuid(), MemberId = people[^1].Id, Role = Role.Leader, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        await using var steady = new BotProcess(database.ConnectionString, Settings);
        await using var victim = new BotProcess(database.ConnectionString, Settings);
        await steady.StartAsync();
        await victim.StartAsync();

        // Everyone presses «Gửi đề cử» on the victim at once; it is killed while they are under way.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var told = new bool[nominations];
        var presses = Enumerable.Range(0, nominations).Select(async i =>
        {
            var (nominator, nominee) = (people[2 * i], people[2 * i + 1]);
            var invoke = Activities.Invoke(channel.ServiceUrl, NominationForm.SaveVerb, new JsonObject
            {
                ["nomineeText"] = nominee.Upn, ["deed"] = $"Hướng dẫn tận tình người dân số {i} hoàn thiện hồ sơ hưởng chế độ",
                ["date"] = "2026-11-20", ["category"] = "citizens",
            });
            invoke["from"] = new JsonObject { ["id"] = nominator.ChannelUserId, ["aadObjectId"] = nominator.AadObjectId, ["name"] = nominator.Name };
            invoke["conversation"] = new JsonObject { ["id"] = "a:" + nominator.Upn!.Split('@')[0], ["conversationType"] = "personal" };
            await Task.Delay(Random.Shared.Next(0, 3000)); // spread out, so the kill lands among them
            try
            {
                var response = await http.PostAsync(victim.BaseUrl + "/api/messages",
                    new StringContent(invoke.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
                told[i] = (await response.Content.ReadAsStringAsync()).Contains("Đã gửi đề cử");
            }
            catch (HttpRequestException) { } // cut off: the member saw no confirmation
        }).ToList();
        // Killed once a few have been answered: some are then stored and confirmed, others cut off before or after storing.
        for (var i = 0; i < 300 && told.Count(t => t) < nominations / 4; i++) await Task.Delay(10);
        victim.Kill();
        await Task.WhenAll(presses);
        await victim.StartAsync();

        // Every stored nomination reaches the director; everyone who was told has theirs stored.
        List<Nomination> stored = [];
        var director = "a:" + people[^1].Upn!.Split('@')[0];
        for (var i = 0; i < 300; i++)
        {
            await using var db = database.NewDb();
            stored = await db.Set<Nomination>().AsNoTracking().ToListAsync();
            var cards = Shown(channel, director);
            if (stored.All(n => cards.Any(c => c.Contains(n.Reference)))) break;
            await Task.Delay(100);
        }
        var delivered = Shown(channel, director);
        output.WriteLine($"nomination kill: pressed={nominations} told={told.Count(t => t)} stored={stored.Count} " +
            $"delivered={stored.Count(n => delivered.Any(c => c.Contains(n.Reference)))}");
        Assert.All(stored, n => Assert.Contains(delivered, c => c.Contains(n.Reference)));
        for (var i = 0; i < nominations; i++)
            if (told[i]) Assert.Contains(stored, n => n.NominatorId == people[2 * i].Id);
        Assert.InRange(told.Count(t => t), 1, nominations - 1); // else the kill fell outside the presses and proved nothing
        await channel.DisposeAsync();
    }

    /// <summary>The visible text of every card that reached this conversation.</summary>
    private static List<string> Shown(ChannelSimulator channel, string conversationId) =>
        channel.Delivered.Where(d => d.ConversationId == conversationId && d.Body?["attachments"] is JsonArray { Count: > 0 })
            .Select(d => CardReader.Visible(d.Body!["attachments"]![0]!["content"]!)).ToList();

}
