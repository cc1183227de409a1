using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;
using StudyBot.Delivery;
using StudyBot.Resources;
using StudyBot.Scheduling;
using StudyBot.Storage;
using StudyBot.Themes;

namespace StudyBot.Commitments;

/// <summary>
/// Rõ tiến độ: each member with an approved set reports, per commitment, how far along it is: when the cell's schedule
/// asks, or at any time with `làm theo`. Every report is kept; a figure lower than the last is taken, and said back.
/// </summary>
public static class CheckIns
{
    public const string Kind = "commitments.checkin";

    public static async Task FormAsync(Turn turn)
    {
        if (await ApprovedAsync(turn) is not var (set, views)) return;
        turn.Show(CommitmentCards.Progress(turn.T, set.Year, views));
    }

    public static async Task SaveAsync(Turn turn)
    {
        if (await ApprovedAsync(turn) is not var (set, views)) return;
        var t = turn.T;
        var errors = new FormErrors();
        var typed = new List<(CommitmentView View, int Percent, string? Note)>();
        // Only what the card carried: a scheduled card leaves out what is already done.
        foreach (var view in views.Where(v => turn.Field($"percent-{v.Commitment.Id}") is not null))
        {
            var c = view.Commitment;
            var raw = turn.Field($"percent-{c.Id}")!.Trim();
            var note = turn.Field($"note-{c.Id}")?.Trim() is { Length: > 0 } n ? n : null;
            var ok = double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 100 && value == Math.Floor(value);
            errors.When(!ok, t.Format("Commit.BadPercent", CardText.User(c.Task, 80)));
            errors.When(note is { Length: > 500 }, t.Format("Commit.TooLong", t["Commit.FieldNote"], 500));
            if (ok) typed.Add((view, (int)value, note));
        }
        errors.When(typed.Count == 0 && !errors.Any, t["Commit.NothingReported"]);
        if (errors.Text is { } error)
        {
            // What was typed comes back: the percentages as entered, the notes too.
            var shown = views.Where(v => turn.Field($"percent-{v.Commitment.Id}") is not null).ToList();
            var card = CommitmentCards.Progress(t, set.Year, shown.Count > 0 ? shown : views, error: error, typed: turn.Field);
            turn.UpdateCard(card);
            return;
        }
        var lower = new List<string>();
        foreach (var (view, percent, note) in typed)
        {
            var c = view.Commitment;
            if (c.Percent is { } before && percent < before) lower.Add(t.Format("Commit.Lower", CardText.User(c.Task, 80), before, percent));
            turn.Db.Add(new ProgressReport { Id = Guid.CreateVersion7(), CommitmentId = c.Id, MemberId = turn.Member.Id, Percent = percent, Note = note, At = turn.Now });
            (c.Percent, c.Note, c.ReportedAt) = (percent, note ?? c.Note, turn.Now);
        }
        turn.Audit("commit.progress", set.Id.ToString(), detail: string.Join(",", typed.Select(x => x.Percent)));
        var notice = t["Commit.ProgressSaved"] + (lower.Count > 0 ? "\n\n" + string.Join("\n\n", lower) : "");
        turn.UpdateCard(await CommitmentCommands.MineAsync(turn, set.Year, set, notice));
    }

    private static async Task<(CommitmentSet, List<CommitmentView>)?> ApprovedAsync(Turn turn)
    {
        var (thisYear, today) = CommitmentCommands.Today(turn);
        // The card's year: a December check-in answered in January still reports on December's year.
        var year = turn.IntField("year") is { } y && (y == thisYear || y == thisYear - 1) ? y : thisYear;
        var set = await CommitmentQueries.SetAsync(turn.Db, turn.Member.Id, year);
        if (set?.Status != CommitmentStatus.Approved)
        {
            await CommitmentCommands.ShowAsync(turn, year, turn.T["Commit.NotApprovedYet"]);
            return null;
        }
        var last = await CommitmentQueries.LastCheckInAsync(turn.Db, set.UnitId);
        return (set, CommitmentQueries.Views(await CommitmentQueries.CommitmentsAsync(turn.Db, set.Id), set, CommitmentQueries.DayIn(year, today), last));
    }

    /// <summary>The progress card to one member, through the outbox: on the schedule, or as the secretary's reminder.</summary>
    public static void SendProgressCard(StudyBotDb db, Member member, int year, IReadOnlyList<CommitmentView> views, DateTime now, bool reminder)
    {
        var t = new Texts(member.Language);
        var open = views.Where(v => v.Standing != Standing.Done).ToList();
        if (open.Count == 0) return;
        Outbox.SendTo(db, member.Id, CardMessages.Message(CommitmentCards.Progress(t, year, open, t[reminder ? "Commit.ReminderIntro" : "Commit.CheckInIntro"])), now);
    }

    /// <summary>The cell's next check-in is scheduled, under its current settings. Safe to call again: the key holds it once.</summary>
    public static async Task EnsureScheduledAsync(StudyBotDb db, Guid unitId, DateTime now, TimeZoneInfo zone, CancellationToken ct)
    {
        // The record of the year rides along: a cell made after the bot started has it scheduled here.
        await YearRecords.EnsureScheduledAsync(db, unitId, LocalTime.Of(now, zone).Year, now, zone, ct);
        var schedule = await CheckInSchedules.CurrentAsync(db, unitId, ct);
        if (CheckInSchedules.Next(schedule, now, zone) is not { } due) return;
        await Jobs.ScheduleAsync(db, Kind, due, new CheckInPayload(unitId, schedule.Version), $"{Kind}:{unitId:N}:{due:yyyyMMddHHmm}:v{schedule.Version}", now, ct);
    }
}

public sealed record CheckInPayload(Guid UnitId, int Version);

/// <summary>At the cell's check-in time: the progress card to each member with an approved set and something not yet done.</summary>
public sealed class CheckInJob(TimeProvider time, IOptions<ThemeOptions> themes) : IJobHandler
{
    public string Kind => CheckIns.Kind;
    // Always run, so that the chain of check-ins goes on after downtime; a check-in more than a day late is not sent.
    public CatchUp CatchUp => CatchUp.Always;

    public async Task RunAsync(Job job, IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<StudyBotDb>();
        var payload = Jobs.Read<CheckInPayload>(job);
        var now = time.GetUtcNow().UtcDateTime;
        var schedule = await db.Set<CheckInSchedule>().FirstOrDefaultAsync(s => s.UnitId == payload.UnitId, ct);
        // Settings changed since this was scheduled: the new settings' own check-in is (made) sure, and this one stands down.
        if ((schedule?.Version ?? 1) != payload.Version)
        {
            await CheckIns.EnsureScheduledAsync(db, payload.UnitId, now, themes.Value.Zone, ct);
            await db.SaveChangesAsync(ct);
            return;
        }
        if (now - job.DueAt < TimeSpan.FromDays(1))
        {
            var local = themes.Value.Local(now);
            var cell = await CellYear.ReadAsync(db, payload.UnitId, local.Year, DateOnly.FromDateTime(local), ct);
            foreach (var s in cell.Sets.Where(s => s.Set.Status == CommitmentStatus.Approved))
                CheckIns.SendProgressCard(db, s.Member, local.Year, s.Views, now, reminder: false);
            if (schedule is null) db.Add(schedule = new CheckInSchedule { UnitId = payload.UnitId, UpdatedAt = now });
            schedule.LastSentAt = now;
        }
        await CheckIns.EnsureScheduledAsync(db, payload.UnitId, now.AddMinutes(1), themes.Value.Zone, ct);
        await db.SaveChangesAsync(ct);
    }
}
