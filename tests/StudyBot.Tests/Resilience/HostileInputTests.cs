using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Agency;
using StudyBot.Conversations;
using StudyBot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace StudyBot.Tests.Resilience;

/// <summary>
/// The short form of the hostile-input suite (the full form is the bench's `fuzz --count N`): mutated Teams activities
/// of every shape and every card verb, none of which may make the service answer 5xx or stop answering.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private static bool Oversized(string body) => Encoding.UTF8.GetByteCount(body) > StudyBot.Protocol.MessagesEndpoint.MaxBodyBytes;

    /// <summary>
    /// Posts one body. An oversized body gets 413 and the server closes that connection before the client has sent it
    /// all; the client may also have queued the next request on it, so that one is sent again on a fresh connection.
    /// </summary>
    private static async Task<(int Class, int Status)> PostAsync(BotHost bot, string body, bool afterOversized)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await bot.PostRawAsync(body, authorization: null);
                return ((int)response.StatusCode / 100, (int)response.StatusCode);
            }
            catch (HttpRequestException) when (Oversized(body)) { return (4, 413); }
            catch (HttpRequestException) when (afterOversized && attempt == 1) { }
        }
    }

    [Fact]
    public async Task Two_thousand_mutated_activities_get_no_5xx_and_the_service_stays_healthy()
    {
        await using var bot = await BotHost.StartAsync(anonymous: true);
        var verbs = bot.Services.GetRequiredService<CommandTable>().Verbs.ToList();
        var fuzzer = new ActivityFuzzer(seed: 20261122, bot.Channel.ServiceUrl, verbs);
        var counts = new Dictionary<int, int>();
        var failures = new List<string>();
        string previous = "", last = "";
        for (var i = 0; i < 2000; i++)
        {
            previous = last;
            var body = last = fuzzer.Next();
            var (code, status) = await PostAsync(bot, body, afterOversized: Oversized(previous));
            // An invoke the bot does not handle is answered 501, as bot-protocol.md (and the SDK) prescribe.
            if (status == 501 && ActivityFuzzer.IsOtherInvoke(body)) code = 0;
            counts[code] = counts.GetValueOrDefault(code) + 1;
            if (code == 5 && failures.Count < 5) failures.Add($"{status}: {body[..Math.Min(body.Length, 400)]}");
        }
        output.WriteLine(string.Join(" ", counts.OrderBy(c => c.Key).Select(c => c.Key == 0 ? $"501-unknown-invoke={c.Value}" : $"{c.Key}xx={c.Value}")));

        Assert.True(verbs.Count >= 40, $"only {verbs.Count} verbs registered");
        Assert.True(counts.GetValueOrDefault(2) > 400, "too few mutations reached the bot's logic");
        Assert.True(counts.GetValueOrDefault(5) == 0, string.Join("\n", failures));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await bot.Http.GetAsync("/healthz")).StatusCode);
        Assert.DoesNotContain(bot.Logs, l => l.StartsWith("Critical"));
    }

    [Fact]
    public async Task An_activity_whose_directory_id_and_teams_id_name_two_people_is_refused_once_and_audited_against_both()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.SendAsync(People.Says(bot, "an@bhxh.example", "trợ giúp"));
        await bot.SendAsync(People.Says(bot, "binh@bhxh.example", "trợ giúp"));
        var before = bot.Channel.Delivered.Count;

        // Bình's Teams id, with An's directory id.
        var forged = People.Says(bot, "binh@bhxh.example", "vai trò");
        forged["from"]!["aadObjectId"] = "aad-an@bhxh.example";
        var response = await bot.SendAsync(forged);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var replies = bot.Channel.Delivered.Skip(before).ToList();
        var reply = Assert.Single(replies);
        Assert.StartsWith("StudyBot không xác định được anh/chị là ai", reply.Body!["text"]!.GetValue<string>());
        Assert.Contains("StudyBot cannot tell who you are", reply.Body!["text"]!.GetValue<string>());
        await using var db = bot.NewDb();
        var people = await db.Set<Member>().ToListAsync();
        Assert.Equal(["29:an@bhxh.example", "29:binh@bhxh.example"], people.Select(m => m.ChannelUserId).Order());
        var audits = db.Set<AuditEntry>().Where(a => a.Action == "identity.conflict").ToList();
        Assert.Equal(2, audits.Count);
        Assert.All(audits, a => Assert.Equal(AuditOutcome.Refused, a.Outcome));
        Assert.DoesNotContain(bot.Logs, l => l.Contains("retry 2"));
    }

    [Fact]
    public async Task Several_first_turns_of_one_new_person_at_once_are_all_answered_as_theirs()
    {
        await using var bot = await BotHost.StartAsync();

        // Two devices, or a double press: the same new person's first messages race to store them.
        // Staggered by a few milliseconds, so some arrive while another is between finding nobody and storing them.
        var turns = Enumerable.Range(0, 12).Select(async i =>
        {
            var message = People.Says(bot, "an@bhxh.example", "trợ giúp");
            message["id"] = $"first-{i}";
            ((System.Text.Json.Nodes.JsonObject)message["from"]!).Remove("aadObjectId"); // as the Emulator sends it
            bot.Channel.Profiles.TryRemove("29:an@bhxh.example", out _); // and no profile: known by the Teams id alone
            await Task.Delay(i * 4);
            return await bot.SendAsync(message);
        });
        var responses = await Task.WhenAll(turns);

        Assert.All(responses, r => Assert.Equal(System.Net.HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(12, bot.Channel.Delivered.Count(d => d.Body?["attachments"] is not null));
        Assert.DoesNotContain(bot.Channel.Delivered, d => d.Body?["text"]?.GetValue<string>().StartsWith("StudyBot không xác định") == true);
        await using var db = bot.NewDb();
        Assert.Equal(1, await db.Set<Member>().CountAsync());
        Assert.Equal(0, await db.Set<AuditEntry>().CountAsync(a => a.Action == "identity.conflict"));
    }
}
