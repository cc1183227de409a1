using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Scheduling;
using StudyBot.Storage;

namespace StudyBot.Reminders;

public sealed record OccurrencePayload(Guid ReminderId, int Version, DateTime DueAt);

/// <summary>
/// Keeps the next occurrence of each active reminder scheduled, as a job keyed by reminder, version and time:
/// scheduling it twice makes one job, and a job of an older version does nothing when it fires.
/// </summary>
public static class ReminderSchedule
{
    public const string FireKind = "reminder.fire";
    public const string AskKind = "story.ask";
    public const string EarlyKind = "reminder.early";
    public static readonly TimeSpan AskBefore = TimeSpan.FromDays(3);

    public static Recurrence RecurrenceOf(Reminder reminder, Unit unit) => new(reminder.Rule, reminder.FirstLocal, LocalTime.Zone(unit));

    /// <summary>Schedules the first occurrence after <paramref name="afterUtc"/>; returns it, or null if there is none.</summary>
    public static async Task<DateTime?> ScheduleNextAsync(StudyBotDb db, Reminder reminder, Unit unit, DateTime afterUtc,
        DateTime now, CancellationToken ct)
    {
        if (reminder.Cancelled || reminder.Paused) return null;
        if (RecurrenceOf(reminder, unit).NextAfter(afterUtc) is not { } due) return null;
        var payload = new OccurrencePayload(reminder.Id, reminder.Version, due);
        await Jobs.ScheduleAsync(db, FireKind, due, payload, $"{FireKind}:{reminder.Id}:{reminder.Version}:{due:O}", now, ct);
        var zone = LocalTime.Zone(unit);
        if (ReminderLead.Before(reminder.Lead, LocalTime.Of(due, zone)) is { } earlyLocal
            && TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(earlyLocal, DateTimeKind.Unspecified), zone) is var early && early > now)
            await Jobs.ScheduleAsync(db, EarlyKind, early, payload, $"{EarlyKind}:{reminder.Id}:{reminder.Version}:{due:O}", now, ct);
        if (reminder.StoryRota && reminder.Rule != RepeatRule.Once)
        {
            var ask = due - AskBefore;
            await Jobs.ScheduleAsync(db, AskKind, ask > now ? ask : now, payload, $"{AskKind}:{reminder.Id}:{reminder.Version}:{due:O}", now, ct);
        }
        return due;
    }
}

/// <summary>At every start: each active reminder has its next occurrence scheduled, even after long downtime.</summary>
public sealed class ReminderScheduleSeed(TimeProvider time) : IDatabaseSeed
{
    public async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<StudyBotDb>();
        var now = time.GetUtcNow().UtcDateTime;
        var active = await db.Set<Reminder>().Where(r => !r.Cancelled && !r.Paused)
            .Join(db.Set<Unit>(), r => r.UnitId, u => u.Id, (r, u) => new { r, u }).ToListAsync(ct);
        foreach (var x in active) await ReminderSchedule.ScheduleNextAsync(db, x.r, x.u, now, now, ct);
        await db.SaveChangesAsync(ct);
    }
}
