using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;
using StudyBot.Delivery;

namespace StudyBot.Reminders;

/// <summary>
/// `nhắc` / `remind`: members see their units' upcoming reminders; secretaries (for their cells) and admins
/// manage them. Every action checks the stored role on the reminder's unit, never the card's data.
/// </summary>
public static class ReminderCommands
{
    public static async Task HandleAsync(Turn turn)
    {
        var manageable = await ManagedUnits.ListAsync(turn.Db, turn.Roles, turn.Member.Id);
        if (manageable.Count > 0) turn.Reply(await ListCardAsync(turn, manageable));
        else turn.Reply(await UpcomingTextAsync(turn));
    }


    private static async Task<AdaptiveCard> ListCardAsync(Turn turn, List<(string Name, Guid Id)> units)
    {
        var ids = units.Select(u => u.Id).ToList();
        var reminders = await turn.Db.Set<Reminder>().Where(r => ids.Contains(r.UnitId) && !r.Cancelled).OrderBy(r => r.CreatedAt).ToListAsync();
        var unitRows = await turn.Db.Set<Unit>().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id);
        return ReminderManageCards.List(turn.T, reminders.Select(r =>
        {
            var unit = unitRows[r.UnitId];
            var next = ReminderSchedule.RecurrenceOf(r, unit).NextAfter(turn.Now);
            return new ReminderLine(r.Id, unit.Name, r.Text, turn.T[$"Rule.{r.Rule}"],
                next is { } n ? LocalTime.Describe(LocalTime.Of(n, LocalTime.Zone(unit)), turn.T) : null, r.Paused, r.StoryRota);
        }).ToList());
    }

    private static async Task<string> UpcomingTextAsync(Turn turn)
    {
        var unitIds = turn.Db.Set<UnitMembership>().Where(m => m.MemberId == turn.Member.Id).Select(m => m.UnitId);
        var rows = await turn.Db.Set<Reminder>().Where(r => unitIds.Contains(r.UnitId) && !r.Cancelled && !r.Paused)
            .Join(turn.Db.Set<Unit>(), r => r.UnitId, u => u.Id, (r, u) => new { r, u }).ToListAsync();
        var upcoming = rows
            .Where(x => !x.r.PartyMembersOnly || turn.Member.IsPartyMember)
            .Select(x => (x.r, x.u, Next: ReminderSchedule.RecurrenceOf(x.r, x.u).NextAfter(turn.Now)))
            .Where(x => x.Next is not null).OrderBy(x => x.Next).Take(10).ToList();
        if (upcoming.Count == 0) return turn.T["Reminder.NoneUpcoming"];
        return turn.T["Reminder.UpcomingTitle"] + string.Concat(upcoming.Select(x =>
            $"\n- {LocalTime.Describe(LocalTime.Of(x.Next!.Value, LocalTime.Zone(x.u)), turn.T)}: {CardText.User(x.r.Text, 200)} ({CardText.User(x.u.Name, 100)})"));
    }

    /// <summary>Loads the reminder named on the card and checks, from stored roles, that this person manages its unit.</summary>
    internal static async Task<(Reminder, Unit)?> AuthorizedAsync(Turn turn, string action)
    {
        var id = Guid.TryParse(turn.Field("reminderId"), out var g) ? g : Guid.Empty;
        var reminder = await turn.Db.Set<Reminder>().FirstOrDefaultAsync(r => r.Id == id && !r.Cancelled);
        if (reminder is null) { turn.Notice(turn.T["Action.Unknown"]); return null; }
        if (!turn.Roles.Holds(Role.Secretary, reminder.UnitId)) { turn.Refuse(action, Access.SecretariesAndAdmins, id.ToString()); return null; }
        return (reminder, await turn.Db.Set<Unit>().FirstAsync(u => u.Id == reminder.UnitId));
    }

    public static async Task FormAsync(Turn turn)
    {
        var units = await ManagedUnits.ListAsync(turn.Db, turn.Roles, turn.Member.Id);
        if (units.Count == 0) { turn.Refuse("reminder.form", Access.SecretariesAndAdmins); return; }
        ReminderForm values;
        Guid? reminderId = null;
        if (turn.Data["reminderId"] is not null)
        {
            if (await AuthorizedAsync(turn, "reminder.change") is not var (r, _)) return;
            reminderId = r.Id;
            values = new ReminderForm(r.UnitId.ToString(), r.Text, r.FirstLocal.ToString("yyyy-MM-dd"), r.FirstLocal.ToString("HH:mm"),
                r.Rule.ToString(), r.PartyMembersOnly ? "party" : "all", r.StoryRota ? "true" : "false", r.Lead ?? "none");
        }
        else values = new ReminderForm(null, null, null, "14:00", nameof(RepeatRule.MonthlyOnDay), "party", "false");
        var card = ReminderManageCards.Form(turn.T, units, values, reminderId);
        turn.Show(card);
    }

    public static async Task SaveAsync(Turn turn)
    {
        var units = await ManagedUnits.ListAsync(turn.Db, turn.Roles, turn.Member.Id);
        string? Field(string id) => turn.Field(id)?.Trim() is { Length: > 0 } s ? s : null;
        var values = new ReminderForm(Field("unit"), Field("text"), Field("date"), Field("time"),
            Field("rule") ?? nameof(RepeatRule.MonthlyOnDay), Field("audience") ?? "party", Field("story") ?? "false", Field("lead") ?? "none");
        Guid? editing = Guid.TryParse(Field("reminderId"), out var eid) ? eid : null;
        var unitId = Guid.TryParse(values.UnitId, out var uid) ? uid : Guid.Empty;
        if (units.All(u => u.Id != unitId)) { turn.Refuse("reminder.save", Access.SecretariesAndAdmins, unitId.ToString()); return; }
        var unit = await turn.Db.Set<Unit>().FirstAsync(u => u.Id == unitId);

        var parsed = DateTime.TryParseExact($"{values.Date} {values.Time}", "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var firstLocal);
        var rule = Enum.TryParse<RepeatRule>(values.Rule, out var r) ? r : RepeatRule.MonthlyOnDay;
        var errors = new FormErrors()
            .When(values.Text is null, turn.T["Reminder.TextRequired"])
            .When(values.Text is { Length: > 1000 }, turn.T.Format("Content.TooLong", 1000))
            .When(!parsed, turn.T["Reminder.BadDateTime"])
            .When(parsed && rule == RepeatRule.Once && new Recurrence(rule, firstLocal, LocalTime.Zone(unit)).NextAfter(turn.Now) is null,
                turn.T["Reminder.InThePast"]);
        if (errors.Text is { } error) { turn.UpdateCard(ReminderManageCards.Form(turn.T, units, values, editing, error)); return; }

        Reminder reminder;
        if (editing is { } id)
        {
            if (await AuthorizedAsync(turn, "reminder.change") is not var (existing, _)) return;
            reminder = existing;
            reminder.Version++; // occurrences already scheduled belong to the old version and will do nothing
        }
        else
        {
            reminder = new Reminder { Id = Guid.NewGuid(), CreatedBy = turn.Member.Id, CreatedAt = turn.Now };
            turn.Db.Add(reminder);
        }
        (reminder.UnitId, reminder.Text, reminder.Rule, reminder.FirstLocal) = (unitId, values.Text!, rule, firstLocal);
        reminder.PartyMembersOnly = values.Audience != "all";
        reminder.StoryRota = values.Story == "true" && rule != RepeatRule.Once;
        reminder.Lead = ReminderLead.All.Contains(values.Lead) ? values.Lead : null;
        var next = await ReminderSchedule.ScheduleNextAsync(turn.Db, reminder, unit, turn.Now, turn.Now, default);
        turn.Audit(editing is null ? "reminder.add" : "reminder.change", reminder.Id.ToString());
        var when = next is { } n ? LocalTime.Describe(LocalTime.Of(n, LocalTime.Zone(unit)), turn.T) : turn.T["Reminder.NoMore"];
        turn.UpdateCard(CardMessages.Notice(turn.T["Reminder.ListTitle"],
            turn.T.Format("Reminder.Saved", CardText.User(reminder.Text, 200), when)));
    }

    public static Task PauseAsync(Turn turn) => SetStateAsync(turn, "reminder.pause", r => r.Paused = true, "Reminder.PausedDone");

    public static Task ResumeAsync(Turn turn) => SetStateAsync(turn, "reminder.resume", r => r.Paused = false, "Reminder.ResumedDone");

    public static Task CancelAsync(Turn turn) => SetStateAsync(turn, "reminder.cancel", r => r.Cancelled = true, "Reminder.CancelledDone");

    private static async Task SetStateAsync(Turn turn, string action, Action<Reminder> change, string doneKey)
    {
        if (await AuthorizedAsync(turn, action) is not var (reminder, unit)) return;
        change(reminder);
        reminder.Version++;
        await ReminderSchedule.ScheduleNextAsync(turn.Db, reminder, unit, turn.Now, turn.Now, default);
        turn.Audit(action, reminder.Id.ToString());
        turn.UpdateCard(CardMessages.Notice(turn.T["Reminder.ListTitle"], turn.T.Format(doneKey, CardText.User(reminder.Text, 200))));
    }

    /// <summary>Per occurrence (the latest few): how many received it and how many acknowledged; and who has not, for the latest.</summary>
    public static async Task ResultsAsync(Turn turn)
    {
        if (await AuthorizedAsync(turn, "reminder.results") is not var (reminder, unit)) return;
        var occurrences = await turn.Db.Set<ReminderOccurrence>().Where(o => o.ReminderId == reminder.Id && o.BroadcastId != null)
            .OrderByDescending(o => o.DueAt).Take(6).ToListAsync();
        if (occurrences.Count == 0) { turn.Reply(turn.T["Reminder.NoOccurrenceYet"]); return; }
        var lines = new List<string>();
        List<string>? missing = null;
        foreach (var occurrence in occurrences)
        {
            var recipients = await turn.Db.Set<OutboxMessage>().Where(m => m.BroadcastId == occurrence.BroadcastId && m.MemberId != null)
                .Join(turn.Db.Set<Member>(), m => m.MemberId, p => p.Id, (m, p) => new { p.Id, p.Name }).ToListAsync();
            var acked = (await turn.Db.Set<Acknowledgement>().Where(a => a.OccurrenceId == occurrence.Id).Select(a => a.MemberId).ToListAsync()).ToHashSet();
            lines.Add(turn.T.Format("Reminder.ResultsLine", CardText.User(reminder.Text, 200),
                LocalTime.Describe(LocalTime.Of(occurrence.DueAt, LocalTime.Zone(unit)), turn.T), recipients.Count,
                recipients.Count(p => acked.Contains(p.Id))));
            missing ??= recipients.Where(p => !acked.Contains(p.Id)).Select(p => CardText.User(p.Name, 100)).Order().ToList();
        }
        var text = string.Join("\n", lines);
        if (missing is { Count: > 0 }) text += "\n\n" + turn.T["Reminder.NotAcked"] + string.Concat(missing.Take(60).Select(n => $"\n- {n}"));
        turn.Reply(text);
    }
}
