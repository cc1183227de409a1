using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;
using StudyBot.Delivery;
using StudyBot.Resources;
using StudyBot.Scheduling;
using StudyBot.Storage;

namespace StudyBot.Themes;

/// <summary>
/// Sends a year's theme card once to everyone: on Themes:PushDate at Themes:PushTime (local), or when an admin
/// starts it. The broadcast key "theme:{year}" makes both the same single send.
/// </summary>
public static class ThemePush
{
    public const string YearlyKind = "theme.push";
    public const string MonthlyKind = "theme.monthly";

    public static string Key(int year) => $"theme:{year}";

    /// <summary>
    /// The year's theme to everyone, once. Sent in the year it is for, it carries the month's topic too, as the card a
    /// member opens with «chủ đề» does.
    /// </summary>
    public static async Task<(Broadcast? Broadcast, bool Started)> StartAsync(StudyBotDb db, int year, Guid? startedBy,
        DateTime now, TimeZoneInfo zone, CancellationToken ct)
    {
        var local = LocalTime.Of(now, zone);
        var theme = await db.Set<StudyTheme>().FirstOrDefaultAsync(x => x.Year == year, ct);
        if (theme is null) return (null, false);
        var month = local.Year == year ? ThemeSection.Months(theme).FirstOrDefault(m => m.Month == local.Month) : null;
        // Once sent, the theme goes again only when it was changed since, marked as a correction, once per change.
        var sent = await db.Set<Broadcast>().Where(b => b.Kind == YearlyKind && b.Key != null && (b.Key == Key(year) || b.Key.StartsWith(Key(year) + ":")))
            .OrderByDescending(b => b.CreatedAt).FirstOrDefaultAsync(ct);
        var correction = sent is not null && theme.UpdatedAt > sent.CreatedAt;
        // Unchanged since the last send (first or correction), that send is the one reported as already done.
        var key = correction ? $"{Key(year)}:{theme.UpdatedAt:yyyyMMddHHmmss}" : sent?.Key ?? Key(year);
        var content = CardMessages.InEachLanguage(t =>
        {
            var card = ThemeCards.Theme(t, year, theme, month, [], canEdit: false, canPlan: false);
            return correction ? card.AddFirst(new System.Text.Json.Nodes.JsonObject
            {
                ["type"] = "TextBlock", ["wrap"] = true, ["weight"] = "Bolder", ["color"] = "Attention",
                ["text"] = t.Format("Theme.Correction", year, LocalTime.Describe(LocalTime.Of(theme.UpdatedAt, zone), t)),
            }) : card;
        });
        var heading = new Texts("vi").Format(correction ? "Theme.CorrectionHeading" : "Theme.Heading", year);
        return await Outbox.BroadcastAsync(db, YearlyKind, key, heading, content, new Audience(), startedBy, now, ct);
    }

    public static async Task StartFromChatAsync(Turn turn, int year)
    {
        if (!turn.Roles.IsAdmin) { turn.Refuse("theme.send", Access.Admins); return; }
        var zone = turn.Services.GetRequiredService<IOptions<ThemeOptions>>().Value.Zone;
        var (broadcast, started) = await StartAsync(turn.Db, year, turn.Member.Id, turn.Now, zone, default);
        if (broadcast is null) { turn.Reply(turn.T.Format("Theme.NoneYet", year)); return; }
        if (started)
        {
            var correction = broadcast.Key != Key(year);
            turn.Audit("theme.send", year.ToString(), detail: correction ? "correction" : null);
            turn.Reply(turn.T.Format(correction ? "Theme.SendingCorrection" : "Theme.Sending", year));
            return;
        }
        var sentAt = turn.Services.GetRequiredService<IOptions<ThemeOptions>>().Value.Local(broadcast.CreatedAt);
        turn.Reply(turn.T.Format("Theme.AlreadySent", year, LocalTime.Describe(sentAt, turn.T)));
    }

    public static async Task ReportAsync(Turn turn)
    {
        if (!turn.Roles.IsAdmin) { turn.Refuse("theme.report", Access.Admins); return; }
        var broadcast = await turn.Db.Set<Broadcast>().Where(b => b.Kind == YearlyKind || b.Kind == MonthlyKind)
            .OrderByDescending(b => b.CreatedAt).FirstOrDefaultAsync();
        if (broadcast is null) { turn.Reply(turn.T["Theme.NothingSent"]); return; }
        turn.Reply(BroadcastText.Progress(turn.T, await Outbox.ReportAsync(turn.Db, broadcast, default)));
    }

    /// <summary>Makes sure the next yearly (and, if wanted, monthly) push is scheduled. Safe at every start.</summary>
    public static async Task ScheduleNextAsync(StudyBotDb db, ThemeOptions options, DateTime now, CancellationToken ct)
    {
        var yearly = options.NextYearlyPush(now);
        await Jobs.ScheduleAsync(db, YearlyKind, yearly, new YearPayload(options.Local(yearly).Year), $"{YearlyKind}:{options.Local(yearly).Year}", now, ct);
        if (options.MonthlyPush)
        {
            var monthly = options.NextMonthlyPush(now);
            var local = options.Local(monthly);
            await Jobs.ScheduleAsync(db, MonthlyKind, monthly, new MonthPayload(local.Year, local.Month),
                $"{MonthlyKind}:{local:yyyy-MM}", now, ct);
        }
    }
}

public sealed record YearPayload(int Year);

public sealed record MonthPayload(int Year, int Month);

/// <summary>The yearly push: a notification, so after long downtime it is skipped rather than sent late.</summary>
public sealed class ThemePushJob(IOptions<ThemeOptions> options, TimeProvider time, ILogger<ThemePushJob> logger) : IJobHandler
{
    public string Kind => ThemePush.YearlyKind;
    public CatchUp CatchUp => CatchUp.WithinWindow;

    public async Task RunAsync(Job job, IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<StudyBotDb>();
        var year = Jobs.Read<YearPayload>(job).Year;
        var now = time.GetUtcNow().UtcDateTime;
        var (broadcast, _) = await ThemePush.StartAsync(db, year, null, now, options.Value.Zone, ct);
        if (broadcast is null) logger.LogWarning("No study theme for {Year}: the yearly push was not sent", year);
        await ThemePush.ScheduleNextAsync(db, options.Value, now, ct);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>The optional push of the month's topic on the 1st.</summary>
public sealed class MonthlyTopicJob(IOptions<ThemeOptions> options, TimeProvider time) : IJobHandler
{
    public string Kind => ThemePush.MonthlyKind;
    public CatchUp CatchUp => CatchUp.WithinWindow;

    public async Task RunAsync(Job job, IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<StudyBotDb>();
        var (year, month) = Jobs.Read<MonthPayload>(job);
        var now = time.GetUtcNow().UtcDateTime;
        var theme = await db.Set<StudyTheme>().FirstOrDefaultAsync(x => x.Year == year, ct);
        var topic = theme is null ? null : ThemeSection.Months(theme).FirstOrDefault(m => m.Month == month);
        if (theme is not null && topic is not null)
        {
            var content = CardMessages.InEachLanguage(t => ThemeCards.Theme(t, year, theme, topic, [], canEdit: false, canPlan: false));
            await Outbox.BroadcastAsync(db, ThemePush.MonthlyKind, $"theme-month:{year}-{month:D2}",
                new Texts("vi").Format("Theme.Month", month), content, new Audience(), null, now, ct);
        }
        await ThemePush.ScheduleNextAsync(db, options.Value, now, ct);
        await db.SaveChangesAsync(ct);
    }
}

public sealed class ThemeScheduleSeed : IDatabaseSeed
{
    public async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<StudyBotDb>();
        await ThemePush.ScheduleNextAsync(db, services.GetRequiredService<IOptions<ThemeOptions>>().Value,
            services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
    }
}
