using System.Text.Json.Nodes;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Resources;

namespace StudyBot.Reminders;

/// <summary>The reminder card members receive, and its acknowledged form. Built from plain values.</summary>
public static class ReminderCards
{
    public const string AckVerb = "reminder.ack";
    public const string SnoozeVerb = "reminder.snooze";

    public static AdaptiveCard Reminder(Texts t, Guid occurrenceId, string text, string unit, DateTime local, bool partyOnly,
        string? storyteller, bool oneOff, string? acknowledged = null)
    {
        var card = new AdaptiveCard()
            .Add(Element.Heading(t["Reminder.Heading"]))
            .Add(new JsonObject { ["type"] = "TextBlock", ["text"] = CardText.User(text, 1000), ["wrap"] = true, ["weight"] = "Bolder" })
            .Add(Element.Facts([
                (t["Reminder.When"], LocalTime.Describe(local, t)),
                (t["Reminder.Unit"], CardText.User(unit, 200)),
            ]));
        if (storyteller is not null) card.Add(Element.Text(t.Format("Reminder.Storyteller", CardText.User(storyteller, 100))));
        if (partyOnly) card.Add(Element.Text(t["Reminder.PartyOnly"], subtle: true));
        if (acknowledged is not null) return card.Add(Element.Text(acknowledged));
        var data = new JsonObject { ["occurrenceId"] = occurrenceId.ToString() };
        card.AddAction(CardAction.Execute(t["Reminder.Ack"], AckVerb, data));
        if (oneOff) card.AddAction(CardAction.Execute(t["Reminder.Snooze"], SnoozeVerb, data));
        return card;
    }
}
