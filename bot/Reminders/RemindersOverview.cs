using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Delivery;
using StudyBot.Storage;

namespace StudyBot.Reminders;

/// <summary>Meetings at a glance: the next reminders, how many acknowledged the last one, and the storytellers ahead.</summary>
internal sealed class RemindersOverview : IOverviewPart
{
    public async Task<OverviewBlock?> CellAsync(OverviewScope s, CancellationToken ct)
    {
        var lines = await NextAsync(s, ct);
        var last = await s.Db.Set<ReminderOccurrence>().Where(o => o.BroadcastId != null && o.DueAt <= s.Now
                && s.Db.Set<Reminder>().Any(r => r.Id == o.ReminderId && s.Units.Contains(r.UnitId)))
            .OrderByDescending(o => o.DueAt).FirstOrDefaultAsync(ct);
        if (last is not null)
        {
            var received = await s.Db.Set<OutboxMessage>().CountAsync(m => m.BroadcastId == last.BroadcastId && m.MemberId != null, ct);
            var acknowledged = await s.Db.Set<Acknowledgement>().CountAsync(a => a.OccurrenceId == last.Id, ct);
            if (received > 0)
                lines.Add(s.T.Format("Overview.LastAcknowledged", LocalTime.Describe(LocalTime.Of(last.DueAt, s.Zone), s.T), acknowledged, received));
        }
        // The storytellers already asked for the coming meetings, soonest first.
        var tellers = await s.Db.Set<StoryAssignment>()
            .Where(a => a.OccurrenceDue > s.Now && (a.Status == StoryStatus.Asked || a.Status == StoryStatus.Accepted || a.Status == StoryStatus.SwapAsked)
                && s.Db.Set<Reminder>().Any(r => r.Id == a.ReminderId && s.Units.Contains(r.UnitId) && !r.Cancelled && !r.Paused))
            .Join(s.Db.Set<Member>(), a => a.MemberId, m => m.Id, (a, m) => new { a.OccurrenceDue, a.Status, a.ReminderId, m.Name })
            .OrderBy(a => a.OccurrenceDue).Take(3).ToListAsync(ct);
        foreach (var a in tellers)
            lines.Add(s.T.Format(a.Status == StoryStatus.Accepted ? "Overview.StoryAccepted" : "Overview.StoryAsked",
                CardText.User(a.Name, 100), LocalTime.Describe(LocalTime.Of(a.OccurrenceDue, s.Zone), s.T)));
        if (lines.Count == 0) return null;
        var rota = tellers.FirstOrDefault()?.ReminderId ?? await s.Db.Set<Reminder>()
            .Where(r => s.Units.Contains(r.UnitId) && r.StoryRota && !r.Cancelled).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        return new OverviewBlock(20, s.T["Overview.RemindersHeading"], lines,
            rota is { } id ? CardAction.Execute(s.T["Story.OrderShow"], RotaOrder.ShowVerb, new JsonObject { ["reminderId"] = id.ToString() }) : null);
    }

    public async Task<OverviewBlock?> MemberAsync(OverviewScope s, CancellationToken ct)
    {
        var lines = await NextAsync(s, ct, 2, partyMember: s.Viewer.IsPartyMember);
        return lines.Count == 0 ? null : new OverviewBlock(20, s.T["Overview.RemindersHeading"], lines);
    }

    public Task<OverviewBlock?> AgencyAsync(OverviewScope s, CancellationToken ct) => Task.FromResult<OverviewBlock?>(null);

    /// <summary>The next meetings of the units, soonest first, each with its local time.</summary>
    private static async Task<List<string>> NextAsync(OverviewScope s, CancellationToken ct, int count = 3, bool partyMember = true)
    {
        // A Party-only meeting is not shown to staff who are not Party members, as the reminders list does.
        var reminders = await s.Db.Set<Reminder>().Where(r => s.Units.Contains(r.UnitId) && !r.Cancelled && !r.Paused && (partyMember || !r.PartyMembersOnly))
            .Join(s.Db.Set<Unit>(), r => r.UnitId, u => u.Id, (r, u) => new { r, u }).ToListAsync(ct);
        return reminders.Select(x => (x.r, Next: ReminderSchedule.RecurrenceOf(x.r, x.u).NextAfter(s.Now)))
            .Where(x => x.Next is not null).OrderBy(x => x.Next).Take(count)
            .Select(x => s.T.Format("Overview.NextReminder", CardText.User(x.r.Text, 120), LocalTime.Describe(LocalTime.Of(x.Next!.Value, s.Zone), s.T)))
            .ToList();
    }
}
