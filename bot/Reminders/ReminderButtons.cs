using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;
using StudyBot.Delivery;

namespace StudyBot.Reminders;

/// <summary>"Đã nhận" and "Nhắc lại sau 1 giờ" on a reminder card. Only people the occurrence was sent to can press them.</summary>
public static class ReminderButtons
{
    private sealed record Context(ReminderOccurrence Occurrence, Reminder Reminder, Unit Unit, DateTime Local, string? Storyteller);

    private static async Task<Context?> LoadAsync(Turn turn)
    {
        var id = Guid.TryParse(turn.Field("occurrenceId"), out var g) ? g : Guid.Empty;
        var occurrence = await turn.Db.Set<ReminderOccurrence>().FirstOrDefaultAsync(o => o.Id == id);
        // Whether this person received it is read from the outbox, never from the card.
        if (occurrence?.BroadcastId is not { } broadcastId
            || !await turn.Db.Set<OutboxMessage>().AnyAsync(m => m.BroadcastId == broadcastId && m.MemberId == turn.Member.Id))
        {
            turn.Notice(turn.T["Reminder.NotForYou"]);
            return null;
        }
        var reminder = await turn.Db.Set<Reminder>().FirstAsync(r => r.Id == occurrence.ReminderId);
        var unit = await turn.Db.Set<Unit>().FirstAsync(u => u.Id == reminder.UnitId);
        var storyteller = await StoryQueries.StorytellerNameAsync(turn.Db, reminder.Id, occurrence.DueAt, default);
        return new Context(occurrence, reminder, unit, LocalTime.Of(occurrence.DueAt, LocalTime.Zone(unit)), storyteller);
    }

    public static async Task AcknowledgeAsync(Turn turn)
    {
        if (await LoadAsync(turn) is not { } c) return;
        var existing = await turn.Db.Set<Acknowledgement>()
            .FirstOrDefaultAsync(a => a.OccurrenceId == c.Occurrence.Id && a.MemberId == turn.Member.Id);
        if (existing is null)
        {
            existing = new Acknowledgement { OccurrenceId = c.Occurrence.Id, MemberId = turn.Member.Id, At = turn.Now };
            turn.Db.Add(existing);
        }
        var at = LocalTime.Describe(LocalTime.Of(existing.At, LocalTime.Zone(c.Unit)), turn.T);
        turn.UpdateCard(ReminderCards.Reminder(turn.T, c.Occurrence.Id, c.Reminder.Text, c.Unit.Name, c.Local,
            c.Reminder.PartyMembersOnly, c.Storyteller, c.Reminder.Rule == RepeatRule.Once, turn.T.Format("Reminder.Acknowledged", at)));
    }

    /// <summary>Sends the same card again in an hour, through the outbox, so a restart does not lose it.</summary>
    public static async Task SnoozeAsync(Turn turn)
    {
        if (await LoadAsync(turn) is not { } c) return;
        var again = turn.Now.AddHours(1);
        var card = ReminderCards.Reminder(turn.T, c.Occurrence.Id, c.Reminder.Text, c.Unit.Name, c.Local,
            c.Reminder.PartyMembersOnly, c.Storyteller, oneOff: true);
        Outbox.SendTo(turn.Db, turn.Member.Id, CardMessages.Message(card), turn.Now, dueAt: again);
        var at = LocalTime.Of(again, LocalTime.Zone(c.Unit)).ToString("HH:mm");
        turn.UpdateCard(ReminderCards.Reminder(turn.T, c.Occurrence.Id, c.Reminder.Text, c.Unit.Name, c.Local,
            c.Reminder.PartyMembersOnly, c.Storyteller, oneOff: true, acknowledged: turn.T.Format("Reminder.Snoozed", at)));
    }
}
