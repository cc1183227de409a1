using System.Text.Json.Nodes;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Resources;

namespace StudyBot.Nominations;

/// <summary>A nomination as every card shows it, with names already read from the store.</summary>
public sealed record NominationView(Nomination Nomination, string Nominee, string? Unit, string Nominator, string? DecidedBy, DateTime? DecidedAtLocal)
{
    /// <summary>When it was decided, as every date in the bot reads (VOICE.md), in the reader's language.</summary>
    public string DecidedAt(Texts t) => DecidedAtLocal is { } at ? LocalTime.Describe(at, t) : "";
}

/// <summary>The leaders' decision card, its decided form (no buttons, for everyone), the FYI copy, and the nominator's summary.</summary>
public static class NominationCards
{
    public const string CommendVerb = "nomination.commend";
    public const string ProposeVerb = "nomination.propose";
    public const string DeclineVerb = "nomination.decline";

    public static AdaptiveCard Decision(Texts t, NominationView v, bool forInformation = false, string? error = null, string? notice = null)
    {
        var n = v.Nomination;
        var card = new AdaptiveCard()
            .Add(Element.Heading(t.Format("Nomination.CardHeading", n.Reference)));
        if (notice is not null) card.Add(Element.Text(notice));
        if (error is not null) card.Add(Element.Error(error));
        card.Add(Element.Facts(Facts(t, v)))
            .Add(new JsonObject { ["type"] = "TextBlock", ["text"] = CardText.User(n.Deed, 2000), ["wrap"] = true, ["separator"] = true });
        if (n.Note is not null) card.Add(Element.Text(t.Format("Nomination.NoteLine", CardText.User(n.Note, 1000)), subtle: true));

        if (n.Status != NominationStatus.Pending)
        {
            card.Add(new JsonObject
            {
                ["type"] = "TextBlock", ["wrap"] = true, ["weight"] = "Bolder", ["separator"] = true,
                ["color"] = n.Status == NominationStatus.Declined ? "Attention" : "Good",
                ["text"] = t.Format("Nomination.DecidedLine", t[$"Nomination.Status.{n.Status}"], CardText.User(v.DecidedBy ?? "", 100), v.DecidedAt(t)),
            });
            if (n.DecisionReason is not null) card.Add(Element.Text(t.Format("Nomination.ReasonLine", CardText.User(n.DecisionReason, 1000))));
            return card;
        }
        if (forInformation) return card.Add(Element.Text(t["Nomination.ForInformation"], subtle: true));
        var data = new JsonObject { ["nominationId"] = n.Id.ToString() };
        return card
            .Add(Element.TextInput("reason", t["Nomination.ReasonLabel"], null, 1000, multiline: true))
            .AddAction(CardAction.Execute(t["Nomination.Commend"], CommendVerb, data))
            .AddAction(CardAction.Execute(t["Nomination.Propose"], ProposeVerb, data))
            .AddAction(CardAction.Execute(t["Nomination.Decline"], DeclineVerb, data));
    }

    private static List<(string, string)> Facts(Texts t, NominationView v)
    {
        var n = v.Nomination;
        var facts = new List<(string, string)> { (t["Nomination.Nominee"], CardText.User(v.Nominee, 100)) };
        if (v.Unit is not null) facts.Add((t["Nomination.Unit"], CardText.User(v.Unit, 200)));
        facts.Add((t["Nomination.Date"], DateTime.ParseExact(n.DeedDate, "yyyy-MM-dd", null).ToString("dd/MM/yyyy")));
        facts.Add((t["Nomination.Category"], t[$"Nomination.Category.{n.Category}"]));
        facts.Add((t["Nomination.Nominator"], CardText.User(v.Nominator, 100)));
        facts.Add((t["Nomination.Reference"], n.Reference));
        facts.Add((t["Nomination.State"], t[$"Nomination.Status.{n.Status}"]));
        return facts;
    }

    /// <summary>What the nominator sees once it is sent: the reference number and what happens next.</summary>
    public static AdaptiveCard Summary(Texts t, NominationView v, int leaders) => new AdaptiveCard()
        .Add(Element.Heading(t.Format("Nomination.Sent", v.Nomination.Reference)))
        .Add(Element.Facts(Facts(t, v)))
        .Add(Element.Text(CardText.User(v.Nomination.Deed, 2000)))
        .Add(Element.Text(leaders > 0 ? t["Nomination.SentTo"] : t["Nomination.NoLeaders"], subtle: true));

    /// <summary>To the nominator and, when it is good news, the nominee: the outcome, with the deed.</summary>
    public static AdaptiveCard Outcome(Texts t, NominationView v, bool toNominee)
    {
        var n = v.Nomination;
        var card = new AdaptiveCard()
            .Add(Element.Heading(toNominee
                // A whole sentence per decision: the status names are labels, capitalised, and read wrong mid-sentence.
                ? t.Has($"Nomination.NomineeHeading.{n.Status}") ? t[$"Nomination.NomineeHeading.{n.Status}"]
                    : t.Format("Nomination.NomineeHeading", t[$"Nomination.Status.{n.Status}"])
                : t.Format("Nomination.OutcomeHeading", n.Reference, t[$"Nomination.Status.{n.Status}"])))
            .Add(Element.Facts(Facts(t, v)))
            .Add(Element.Text(CardText.User(n.Deed, 2000)));
        if (n.DecisionReason is not null) card.Add(Element.Text(t.Format("Nomination.ReasonLine", CardText.User(n.DecisionReason, 1000))));
        return card.Add(Element.Text(t.Format("Nomination.DecidedLine", t[$"Nomination.Status.{n.Status}"], CardText.User(v.DecidedBy ?? "", 100),
            v.DecidedAt(t)), subtle: true));
    }
}
