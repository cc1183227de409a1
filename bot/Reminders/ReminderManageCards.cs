using System.Text.Json.Nodes;
using StudyBot.Cards;
using StudyBot.Resources;

namespace StudyBot.Reminders;

/// <summary>One reminder as its manager sees it in the list.</summary>
public sealed record ReminderLine(Guid Id, string Unit, string Text, string Rule, string? Next, bool Paused, bool StoryRota);

/// <summary>The secretary's list of reminders with their buttons, and the form to add or change one.</summary>
public static class ReminderManageCards
{
    public const string FormVerb = "reminder.form";
    public const string SaveVerb = "reminder.save";
    public const string PauseVerb = "reminder.pause";
    public const string ResumeVerb = "reminder.resume";
    public const string CancelVerb = "reminder.cancel";
    public const string ResultsVerb = "reminder.results";

    public static AdaptiveCard List(Texts t, IReadOnlyList<ReminderLine> lines)
    {
        var card = new AdaptiveCard().Add(Element.Heading(t["Reminder.ListTitle"]));
        if (lines.Count == 0) card.Add(Element.Text(t["Reminder.NoneToManage"]));
        foreach (var line in lines)
        {
            var data = new JsonObject { ["reminderId"] = line.Id.ToString() };
            card.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = CardText.User(line.Text, 300), ["wrap"] = true, ["weight"] = "Bolder", ["separator"] = true })
                .Add(Element.Facts([
                    (t["Reminder.Unit"], CardText.User(line.Unit, 200)),
                    (t["Reminder.Repeat"], line.Rule),
                    (t["Reminder.Next"], line.Paused ? t["Reminder.IsPaused"] : line.Next ?? t["Reminder.NoMore"]),
                ]));
            if (line.StoryRota)
                card.Add(Element.Text(t["Reminder.StoryOn"], subtle: true))
                    .Add(new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray(CardAction.Execute(t["Story.OrderShow"], RotaOrder.ShowVerb, data)) });
            card.Add(new JsonObject
            {
                ["type"] = "ActionSet",
                ["actions"] = new JsonArray(
                    CardAction.Execute(t["Reminder.Results"], ResultsVerb, data),
                    CardAction.Execute(t["Reminder.Change"], FormVerb, data),
                    CardAction.Execute(line.Paused ? t["Reminder.Resume"] : t["Reminder.Pause"], line.Paused ? ResumeVerb : PauseVerb, data),
                    CardAction.Execute(t["Reminder.Cancel"], CancelVerb, data)),
            });
        }
        return card.AddAction(CardAction.Execute(t["Reminder.Add"], FormVerb));
    }

    public static AdaptiveCard Form(Texts t, IReadOnlyList<(string Name, Guid Id)> units, ReminderForm values, Guid? reminderId,
        string? error = null)
    {
        var rules = Enum.GetValues<RepeatRule>().Select(r => (t[$"Rule.{r}"], r.ToString()));
        var card = new AdaptiveCard().Add(Element.Heading(t[reminderId is null ? "Reminder.AddTitle" : "Reminder.ChangeTitle"]));
        if (reminderId is not null) card.Add(Element.Text(t["Reminder.ChangeNote"], subtle: true));
        if (error is not null) card.Add(Element.Error(error));
        var data = new JsonObject();
        if (reminderId is { } id) data["reminderId"] = id.ToString();
        return card
            .Add(Element.UnitChoice(t["Reminder.Unit"], units, values.UnitId ?? units[0].Id.ToString()))
            .Add(Element.TextInput("text", t["Reminder.FieldText"], values.Text, 1000, multiline: true, required: true))
            .Add(new JsonObject { ["type"] = "Input.Date", ["id"] = "date", ["label"] = t["Reminder.FieldDate"], ["value"] = values.Date, ["isRequired"] = true, ["errorMessage"] = t["Reminder.FieldDate"] })
            .Add(new JsonObject { ["type"] = "Input.Time", ["id"] = "time", ["label"] = t["Reminder.FieldTime"], ["value"] = values.Time, ["isRequired"] = true, ["errorMessage"] = t["Reminder.FieldTime"] })
            .Add(Element.ChoiceInput("rule", t["Reminder.Repeat"], rules, values.Rule))
            .Add(Element.ChoiceInput("audience", t["Reminder.Audience"], [(t["Reminder.AudienceParty"], "party"), (t["Reminder.AudienceAll"], "all")], values.Audience))
            .Add(Element.ChoiceInput("lead", t["Reminder.Lead"], [(t["Reminder.LeadNone"], "none"), .. ReminderLead.All.Select(l => (t[$"Reminder.Lead.{l}"], l))],
                values.Lead is { Length: > 0 } lead ? lead : "none"))
            .Add(new JsonObject { ["type"] = "Input.Toggle", ["id"] = "story", ["title"] = t["Reminder.FieldStory"], ["value"] = values.Story, ["valueOn"] = "true", ["valueOff"] = "false" })
            .AddAction(CardAction.Execute(t["Theme.Save"], SaveVerb, data));
    }
}

/// <summary>What the reminder form holds, as typed (strings, as cards send them).</summary>
public sealed record ReminderForm(string? UnitId, string? Text, string? Date, string? Time, string Rule, string Audience, string Story,
    string Lead = "");
