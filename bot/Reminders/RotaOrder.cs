using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;
using StudyBot.Resources;

namespace StudyBot.Reminders;

/// <summary>
/// The storytelling rota as its secretary sees it: who tells the story at each of the next meetings, in the order the
/// rota will ask them, and a way to move someone to the front or the back (they are still asked, and may still decline).
/// </summary>
public static class RotaOrder
{
    public const string ShowVerb = "story.order";
    public const string MoveVerb = "story.move";
    private const int Shown = 8;

    public static AdaptiveCard Card(Texts t, Guid reminderId, string meeting, IReadOnlyList<(string Name, Guid MemberId, DateTime? Local)> order,
        string? notice = null)
    {
        var card = new AdaptiveCard()
            .Add(Element.Heading(t["Story.OrderTitle"]))
            .Add(Element.Text(t.Format("Story.OrderOf", CardText.User(meeting, 200)), subtle: true));
        if (notice is not null) card.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = notice, ["wrap"] = true, ["color"] = "Good" });
        if (order.Count == 0) return card.Add(Element.Text(t["Story.OrderEmpty"]));
        card.Add(Element.Facts(order.Take(Shown).Select((o, i) => ($"{i + 1}. {CardText.User(o.Name, 100)}",
            o.Local is { } at ? LocalTime.Describe(at, t) : t["Story.OrderLater"]))));
        JsonObject Move(string to) => new() { ["reminderId"] = reminderId.ToString(), ["to"] = to };
        return card
            .Add(Element.ChoiceInput("member", t["Story.OrderWho"], order.Select(o => (CardText.Choice(o.Name, 100), o.MemberId.ToString())), null))
            .AddAction(CardAction.Execute(t["Story.OrderFirst"], MoveVerb, Move("first")))
            .AddAction(CardAction.Execute(t["Story.OrderLast"], MoveVerb, Move("last")));
    }

    /// <summary>
    /// The rota by meeting: first whoever is already asked for, or has taken, a coming meeting, at that meeting; then the
    /// rest in the order it will ask (fewest turns, then place), each at the next meeting nobody holds yet.
    /// </summary>
    public static async Task<List<(string Name, Guid MemberId, DateTime? Local)>> OrderAsync(Turn turn, Reminder reminder, Unit unit)
    {
        var entries = (await StoryRotaService.EntriesAsync(turn.Db, reminder, default)).OrderBy(e => e.Turns).ThenBy(e => e.Position).ToList();
        var names = await turn.Db.Set<Member>().Where(m => entries.Select(e => e.MemberId).Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name);
        var holding = (await turn.Db.Set<StoryAssignment>()
                .Where(a => a.ReminderId == reminder.Id && a.OccurrenceDue > turn.Now
                    && (a.Status == StoryStatus.Asked || a.Status == StoryStatus.Accepted || a.Status == StoryStatus.SwapAsked))
                .ToListAsync())
            .GroupBy(a => a.MemberId).ToDictionary(g => g.Key, g => g.Min(a => a.OccurrenceDue));
        var taken = holding.Values.ToHashSet();
        var recurrence = ReminderSchedule.RecurrenceOf(reminder, unit);
        var zone = LocalTime.Zone(unit);
        var after = turn.Now;
        var order = new List<(string Name, Guid MemberId, DateTime? Due)>();
        foreach (var entry in entries)
        {
            DateTime? due = holding.TryGetValue(entry.MemberId, out var held) ? held : null;
            if (due is null && order.Count(o => o.Due is not null) < Shown)
            {
                var next = recurrence.NextAfter(after);
                while (next is { } n && taken.Contains(n)) next = recurrence.NextAfter(n);
                if (next is { } free) (due, after) = (free, free);
            }
            order.Add((names.GetValueOrDefault(entry.MemberId, ""), entry.MemberId, due));
        }
        return order.OrderBy(o => o.Due ?? DateTime.MaxValue)
            .Select(o => (o.Name, o.MemberId, o.Due is { } d ? LocalTime.Of(d, zone) : (DateTime?)null)).ToList();
    }

    public static async Task ShowAsync(Turn turn)
    {
        if (await ReminderCommands.AuthorizedAsync(turn, ShowVerb) is not var (reminder, unit)) return;
        turn.UpdateCard(Card(turn.T, reminder.Id, reminder.Text, await OrderAsync(turn, reminder, unit)));
    }

    /// <summary>To the front: level with the fewest turns, ahead of everyone. To the back: after everyone at the most turns.</summary>
    public static async Task MoveAsync(Turn turn)
    {
        if (await ReminderCommands.AuthorizedAsync(turn, MoveVerb) is not var (reminder, unit)) return;
        var entries = await StoryRotaService.EntriesAsync(turn.Db, reminder, default);
        var memberId = Guid.TryParse(turn.Field("member"), out var m) ? m : Guid.Empty;
        if (entries.FirstOrDefault(e => e.MemberId == memberId) is not { } entry) { turn.Notice(turn.T["Story.OrderPick"]); return; }
        var first = turn.Field("to") != "last";
        if (first) (entry.Turns, entry.Position) = (entries.Min(e => e.Turns), entries.Min(e => e.Position) - 1);
        else (entry.Turns, entry.Position) = (entries.Max(e => e.Turns), entries.Max(e => e.Position) + 1);
        turn.Audit(MoveVerb, reminder.Id.ToString(), detail: $"{memberId} {(first ? "first" : "last")}");
        var name = await turn.Db.Set<Member>().Where(x => x.Id == memberId).Select(x => x.Name).FirstAsync();
        turn.UpdateCard(Card(turn.T, reminder.Id, reminder.Text, await OrderAsync(turn, reminder, unit),
            turn.T.Format(first ? "Story.MovedFirst" : "Story.MovedLast", CardText.User(name, 100))));
    }
}
