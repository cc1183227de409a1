using System.Text.Json.Nodes;
using StudyBot.Cards;
using StudyBot.Resources;

namespace StudyBot.Quiz;

/// <summary>What the round form holds, as typed (strings, as cards send them).</summary>
public sealed record RoundForm(string? UnitId, string? Title, string? Count, string? Questions, string? OpenDate, string? OpenTime,
    string? CloseDate, string? CloseTime, string? Seconds);

/// <summary>The secretary's list of rounds with their buttons, and the form to schedule or change one.</summary>
public static class RoundManageCards
{
    public const string FormVerb = "round.form";
    public const string SaveVerb = "round.save";
    public const string CancelVerb = "round.cancel";
    public const string ResultsVerb = "round.results";

    /// <summary>The bank is offered as a pick list up to this size; a larger bank takes question ids typed in.</summary>
    public const int PickListLimit = 80;

    public static AdaptiveCard List(Texts t, IReadOnlyList<(QuizRound Round, RoundFacts Facts)> rounds)
    {
        var card = new AdaptiveCard().Add(Element.Heading(t["Round.ListTitle"]));
        if (rounds.Count == 0) card.Add(Element.Text(t["Round.NoneYet"]));
        foreach (var (round, facts) in rounds)
        {
            var data = new JsonObject { ["roundId"] = round.Id.ToString() };
            card.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = CardText.User(round.Title, 200), ["wrap"] = true, ["weight"] = "Bolder", ["separator"] = true })
                .Add(RoundCards.Facts(t, facts))
                .Add(Element.Text(t[$"Round.Status.{round.Status}"], subtle: true));
            var actions = new JsonArray();
            if (round.Status == RoundStatus.Scheduled) actions.Add(CardAction.Execute(t["Round.Change"], FormVerb, data));
            if (round.Status is RoundStatus.Open or RoundStatus.Closed) actions.Add(CardAction.Execute(t["Round.Results"], ResultsVerb, data));
            if (round.Status is RoundStatus.Scheduled or RoundStatus.Open) actions.Add(CardAction.Execute(t["Round.Cancel"], CancelVerb, data));
            if (actions.Count > 0) card.Add(new JsonObject { ["type"] = "ActionSet", ["actions"] = actions });
        }
        return card.AddAction(CardAction.Execute(t["Round.Add"], FormVerb));
    }

    public static AdaptiveCard Form(Texts t, IReadOnlyList<(string Name, Guid Id)> units, IReadOnlyList<QuizQuestion> bank, RoundForm v,
        Guid? roundId, int maxQuestions, string? error = null)
    {
        var card = new AdaptiveCard().Add(Element.Heading(t[roundId is null ? "Round.AddTitle" : "Round.ChangeTitle"]));
        if (error is not null) card.Add(Element.Error(error));
        card.Add(Element.TextInput("title", t["Round.FieldTitle"], v.Title, 200, required: true))
            .Add(Element.UnitChoice(t["Round.Unit"], units, v.UnitId ?? units[0].Id.ToString()))
            .Add(new JsonObject
            {
                ["type"] = "Input.Number", ["id"] = "count", ["label"] = t.Format("Round.FieldCount", maxQuestions), ["min"] = 1,
                ["max"] = maxQuestions, ["value"] = int.TryParse(v.Count, out var n) ? n : 10,
            });
        if (bank.Count <= PickListLimit)
        {
            var pick = Element.ChoiceInput("questions", t["Round.FieldPick"],
                bank.Select(q => (CardText.Choice($"{q.Id}: {q.Prompt}", 110), q.Id)), v.Questions);
            (pick["isMultiSelect"], pick["isRequired"]) = (true, false);
            pick.Remove("errorMessage");
            card.Add(pick);
        }
        else card.Add(Element.TextInput("questions", t["Round.FieldPickIds"], v.Questions, 1000));
        card.Add(Date("openDate", t["Round.FieldOpenDate"], v.OpenDate)).Add(Time("openTime", t["Round.FieldOpenTime"], v.OpenTime))
            .Add(Date("closeDate", t["Round.FieldCloseDate"], v.CloseDate)).Add(Time("closeTime", t["Round.FieldCloseTime"], v.CloseTime))
            .Add(Element.ChoiceInput("seconds", t["Round.FieldSeconds"],
                [(t["Round.NoLimit"], "0"), (t.Format("Round.Seconds", 30), "30"), (t.Format("Round.Seconds", 60), "60"),
                 (t.Format("Round.Seconds", 120), "120"), (t.Format("Round.Seconds", 300), "300")], v.Seconds ?? "0"));
        var data = new JsonObject();
        if (roundId is { } id) data["roundId"] = id.ToString();
        return card.AddAction(CardAction.Execute(t["Round.Save"], SaveVerb, data));
    }

    private static JsonObject Date(string id, string label, string? value) => new()
    {
        ["type"] = "Input.Date", ["id"] = id, ["label"] = label, ["value"] = value, ["isRequired"] = true, ["errorMessage"] = label,
    };

    private static JsonObject Time(string id, string label, string? value) => new()
    {
        ["type"] = "Input.Time", ["id"] = id, ["label"] = label, ["value"] = value, ["isRequired"] = true, ["errorMessage"] = label,
    };
}
