using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Delivery;
using StudyBot.Scheduling;
using StudyBot.Storage;

namespace StudyBot.Reminders;

/// <summary>
/// An occurrence comes due: record it, send the card to the unit (or its Party members), naming the
/// storyteller, and schedule the next one. A notification: after downtime beyond the catch-up window it is
/// skipped, and the start-up seed has already scheduled the next.
/// </summary>
public sealed class ReminderFireJob(TimeProvider time) : IJobHandler
{
    public string Kind => ReminderSchedule.FireKind;
    public CatchUp CatchUp => CatchUp.WithinWindow;

    public async Task RunAsync(Job job, IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<StudyBotDb>();
        var payload = Jobs.Read<OccurrencePayload>(job);
        var now = time.GetUtcNow().UtcDateTime;
        if (await SendAsync(db, payload, "reminder", now, ct) is not var (reminder, unit)) return;
        await ReminderSchedule.ScheduleNextAsync(db, reminder, unit, payload.DueAt, now, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The occurrence's card to its audience through the outbox, once per <paramref name="key"/> (the card at the meeting's
    /// time, and the early one). Null when the reminder changed, was paused or cancelled since this was scheduled.
    /// </summary>
    internal static async Task<(Reminder, Unit)?> SendAsync(StudyBotDb db, OccurrencePayload payload, string key, DateTime now, CancellationToken ct)
    {
        var reminder = await db.Set<Reminder>().FirstOrDefaultAsync(r => r.Id == payload.ReminderId, ct);
        // A change, pause or cancel made a newer version: this occurrence belongs to the old one.
        if (reminder is null || reminder.Cancelled || reminder.Paused || reminder.Version != payload.Version) return null;
        var unit = await db.Set<Unit>().FirstAsync(u => u.Id == reminder.UnitId, ct);

        var occurrence = await db.Set<ReminderOccurrence>().FirstOrDefaultAsync(o => o.ReminderId == reminder.Id && o.DueAt == payload.DueAt, ct);
        if (occurrence is null)
        {
            occurrence = new ReminderOccurrence { Id = Guid.CreateVersion7(), ReminderId = reminder.Id, DueAt = payload.DueAt, CreatedAt = now };
            db.Add(occurrence);
        }
        var storyteller = await StoryQueries.StorytellerNameAsync(db, reminder.Id, payload.DueAt, ct);
        var local = LocalTime.Of(payload.DueAt, LocalTime.Zone(unit));
        var content = CardMessages.InEachLanguage(t => ReminderCards.Reminder(t, occurrence.Id, reminder.Text, unit.Name, local,
            reminder.PartyMembersOnly, storyteller, reminder.Rule == RepeatRule.Once));
        var (broadcast, _) = await Outbox.BroadcastAsync(db, ReminderSchedule.FireKind, $"{key}:{occurrence.Id}",
            reminder.Text.Length > 200 ? reminder.Text[..200] : reminder.Text, content,
            new Audience(unit.Id, reminder.PartyMembersOnly), null, now, ct);
        // The acknowledgement report reads the card sent at the meeting's time; an early card comes before it.
        if (key == "reminder" || occurrence.BroadcastId is null) occurrence.BroadcastId = broadcast.Id;
        return (reminder, unit);
    }
}

/// <summary>The same card, sent ahead of the meeting as the reminder's lead asks (<see cref="ReminderLead"/>).</summary>
public sealed class ReminderEarlyJob(TimeProvider time) : IJobHandler
{
    public string Kind => ReminderSchedule.EarlyKind;
    public CatchUp CatchUp => CatchUp.WithinWindow;

    public async Task RunAsync(Job job, IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<StudyBotDb>();
        var payload = Jobs.Read<OccurrencePayload>(job);
        var now = time.GetUtcNow().UtcDateTime;
        // Past the meeting itself an early card would be late, not early.
        if (now >= payload.DueAt) return;
        if (await ReminderFireJob.SendAsync(db, payload, "reminder-early", now, ct) is null) return;
        await db.SaveChangesAsync(ct);
    }
}
