using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Delivery;
using StudyBot.Resources;
using StudyBot.Scheduling;
using StudyBot.Storage;

namespace StudyBot.Nominations;

public sealed record SummaryMonth(int Year, int Month);

/// <summary>
/// On the 1st of each month (at Themes:PushTime, agency time), the leaders get last month's nominations counted
/// by unit, by kind of deed and by decision. It schedules the next month's as it runs; the start-up seed makes sure
/// one is always scheduled.
/// </summary>
public sealed class NominationSummaryJob(IOptions<AgencyOptions> agency, IOptions<NominationOptions> options, TimeProvider time) : IJobHandler
{
    public const string JobKind = "nominations.summary";
    public string Kind => JobKind;
    public CatchUp CatchUp => CatchUp.WithinWindow;

    public static async Task ScheduleNextAsync(StudyBotDb db, AgencyOptions agency, DateTime now, CancellationToken ct)
    {
        var at = agency.NextMonthlyPush(now);
        var previous = agency.Local(at).AddMonths(-1);
        await Jobs.ScheduleAsync(db, JobKind, at, new SummaryMonth(previous.Year, previous.Month), $"{JobKind}:{previous:yyyy-MM}", now, ct);
    }

    public async Task RunAsync(Job job, IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<StudyBotDb>();
        var now = time.GetUtcNow().UtcDateTime;
        var month = Jobs.Read<SummaryMonth>(job);
        var zone = agency.Value.Zone;
        var from = TimeZoneInfo.ConvertTimeToUtc(new DateTime(month.Year, month.Month, 1), zone);
        var to = TimeZoneInfo.ConvertTimeToUtc(new DateTime(month.Year, month.Month, 1).AddMonths(1), zone);
        var nominations = await db.Set<Nomination>().Where(n => n.CreatedAt >= from && n.CreatedAt < to).ToListAsync(ct);
        var units = await db.Set<Unit>().ToDictionaryAsync(u => u.Id, u => u.Name, ct);

        var leaders = await NominationCopies.LeadersAsync(db, ct);
        var charts = new Dictionary<string, List<(string Url, string Alt)>>();
        async Task<AdaptiveCard> CardAsync(Texts t)
        {
            // Charts of the month summed up: December's are drawn on 1 January, from December's year.
            if (!charts.TryGetValue(t.Language, out var pictures)) charts[t.Language] = pictures = await ChartsAsync(services, db, t, to.AddSeconds(-1), now, ct);
            return Summary(t, month, nominations, units, pictures);
        }
        if (options.Value.LeadershipConversation is { Length: > 0 } channel)
            Outbox.SendToConversation(db, channel, CardMessages.Message(await CardAsync(Texts.Vietnamese)), now);
        else
            foreach (var leader in leaders) Outbox.SendTo(db, leader.Id, CardMessages.Message(await CardAsync(new Texts(leader.Language))), now);
        await ScheduleNextAsync(db, agency.Value, now, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The agency's charts from the overview's parts (participation by cell, nominations by month), behind links that
    /// last as long as the summary stays in the chat: a month and a bit.
    /// </summary>
    private async Task<List<(string Url, string Alt)>> ChartsAsync(IServiceProvider services, StudyBotDb db, Texts t, DateTime asOf, DateTime now, CancellationToken ct)
    {
        var units = await db.Set<Unit>().Select(u => u.Id).ToListAsync(ct);
        var scope = new OverviewScope(db, new Member { Name = "" }, units, asOf, agency.Value.Zone, t, Acts: false);
        var links = services.GetRequiredService<Downloads.SignedLinks>();
        var pictures = new List<(string, string)>();
        foreach (var part in services.GetServices<IOverviewPart>())
            if (await part.AgencyAsync(scope, ct) is { Chart: { } chart })
                pictures.Add((await Downloads.Charts.LinkAsync(links, chart, now, ct, TimeSpan.FromDays(40)), Downloads.Charts.AltText(chart)));
        return pictures;
    }

    public static AdaptiveCard Summary(Texts t, SummaryMonth month, IReadOnlyList<Nomination> nominations, IReadOnlyDictionary<Guid, string> units,
        IReadOnlyList<(string Url, string Alt)>? charts = null)
    {
        var card = new AdaptiveCard()
            .Add(Element.Heading(t.Format("Nomination.SummaryHeading", month.Month, month.Year)))
            .Add(Element.Text(t.Format("Nomination.SummaryTotal", nominations.Count)));
        if (nominations.Count == 0) return WithCharts(card, charts);
        void Section(string title, IEnumerable<(string Name, int Count)> counts) => card
            .Add(new System.Text.Json.Nodes.JsonObject { ["type"] = "TextBlock", ["text"] = title, ["weight"] = "Bolder", ["separator"] = true, ["wrap"] = true })
            .Add(Element.Facts(counts.OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => (CardText.User(c.Name, 200), c.Count.ToString()))));
        Section(t["Nomination.ByUnit"], nominations.GroupBy(n => n.NomineeUnitId is { } u ? units.GetValueOrDefault(u, "—") : "—")
            .Select(g => (g.Key, g.Count())));
        Section(t["Nomination.ByCategory"], nominations.GroupBy(n => n.Category).Select(g => (t[$"Nomination.Category.{g.Key}"], g.Count())));
        Section(t["Nomination.ByDecision"], nominations.GroupBy(n => n.Status).Select(g => (t[$"Nomination.Status.{g.Key}"], g.Count())));
        return WithCharts(card, charts);
    }

    private static AdaptiveCard WithCharts(AdaptiveCard card, IReadOnlyList<(string Url, string Alt)>? charts)
    {
        foreach (var (url, alt) in charts ?? [])
            card.Add(new System.Text.Json.Nodes.JsonObject { ["type"] = "Image", ["url"] = url, ["altText"] = alt, ["size"] = "Stretch", ["separator"] = true });
        return card;
    }
}

public sealed class NominationSummarySeed : IDatabaseSeed
{
    public async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<StudyBotDb>();
        await NominationSummaryJob.ScheduleNextAsync(db, services.GetRequiredService<IOptions<AgencyOptions>>().Value,
            services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
    }
}
