using System.Text.Json.Nodes;
using StudyBot.Cards;
using StudyBot.Resources;

namespace StudyBot.Conduct;

/// <summary>The answer card, the "not sure" card, and the cards of an escalated question.</summary>
public static class ConductCards
{
    public const string HelpfulVerb = "conduct.helpful";
    public const string UnhelpfulVerb = "conduct.unhelpful";
    public const string ShowVerb = "conduct.show";
    public const string EscalateVerb = "conduct.escalate";
    public const string AnswerVerb = "escalation.answer";
    public const string ApproveVerb = "conduct.approve";
    public const string RejectVerb = "conduct.reject";

    /// <summary>An answer with its source; feedback buttons, up to two related questions, and "Hỏi bí thư" when asked for.</summary>
    public static AdaptiveCard Answer(Texts t, string question, KnowledgeItem item, IReadOnlyList<KnowledgeItem> related,
        bool offerSecretary = false, string? notice = null, bool feedback = true)
    {
        var card = new AdaptiveCard()
            .Add(Element.Text(t.Format("Conduct.YouAsked", CardText.User(question, 300)), subtle: true))
            .Add(Element.Heading(CardText.User(item.Questions.FirstOrDefault() ?? "", 300)))
            .Add(Element.Text(CardText.User(item.Answer, 2000)))
            .Add(Element.Text(t.Format("Conduct.Source", CardText.User(item.Citation, 500)), subtle: true));
        if (notice is not null) card.Add(Element.Text(notice));
        var data = new JsonObject { ["itemId"] = item.Id, ["question"] = Short(question) };
        if (feedback)
        {
            card.AddAction(CardAction.Execute(t["Conduct.Helpful"], HelpfulVerb, data));
            card.AddAction(CardAction.Execute(t["Conduct.NotMeant"], UnhelpfulVerb, data));
        }
        if (offerSecretary) card.AddAction(Escalate(t, question));
        AddRelated(card, t, question, related);
        return card;
    }

    /// <summary>No answer the bot is sure of: the closest questions to pick from, and a person to ask.</summary>
    public static AdaptiveCard Unsure(Texts t, string question, IReadOnlyList<KnowledgeItem> closest)
    {
        var card = new AdaptiveCard()
            .Add(Element.Text(t.Format("Conduct.YouAsked", CardText.User(question, 300)), subtle: true))
            .Add(Element.Text(t["Conduct.NotSure"]));
        if (closest.Count > 0) card.Add(Element.Text(t["Conduct.MaybeYouMeant"], subtle: true));
        card.AddAction(Escalate(t, question));
        AddRelated(card, t, question, closest);
        return card;
    }

    private static void AddRelated(AdaptiveCard card, Texts t, string question, IReadOnlyList<KnowledgeItem> related)
    {
        foreach (var item in related.Take(2))
            card.AddAction(CardAction.Execute(ButtonTitle(item.Questions.FirstOrDefault() ?? item.Id), ShowVerb,
                new JsonObject { ["itemId"] = item.Id, ["question"] = Short(question) }));
    }

    private static JsonObject Escalate(Texts t, string question) =>
        CardAction.Execute(t["Conduct.AskSecretary"], EscalateVerb, new JsonObject { ["question"] = Short(question, 1000) });

    private static string Short(string text, int max = 300) => text.Length <= max ? text : text[..max];

    /// <summary>
    /// A question as a button's title: whole if it fits, else cut at the last word that fits, with "…", so a suggestion
    /// never ends mid-word ("vướng mắ").
    /// </summary>
    internal static string ButtonTitle(string question, int max = 80)
    {
        var text = question.Trim();
        if (text.Length <= max) return text;
        var cut = text.LastIndexOf(' ', max - 1);
        var head = (cut > 0 ? text[..cut] : text[..(max - 1)]).TrimEnd(' ', ',', ';', ':', '-', '–');
        return head + "…";
    }

    /// <summary>To the secretary: the question, who asks and from where, an answer box, and "add to the Q&amp;A".</summary>
    public static AdaptiveCard Question(Texts t, Escalation e, string asker, string? unit, string? reminder = null)
    {
        var card = new AdaptiveCard().Add(Element.Heading(t.Format("Conduct.QuestionHeading", e.Number)));
        if (reminder is not null) card.Add(Element.Text(reminder));
        card.Add(Element.Facts([(t["Conduct.Asker"], CardText.User(asker, 100)), (t["Conduct.Unit"], CardText.User(unit ?? "—", 200))]))
            .Add(new JsonObject { ["type"] = "TextBlock", ["text"] = CardText.User(e.Question, 1000), ["wrap"] = true, ["weight"] = "Bolder" });
        if (e.Status == EscalationStatus.Answered) return card;
        return card
            .Add(Element.TextInput("answer", t["Conduct.AnswerLabel"], null, 2000, multiline: true, required: true))
            .Add(new JsonObject
            {
                ["type"] = "Input.Toggle", ["id"] = "addToKb", ["title"] = t["Conduct.AddToKb"], ["value"] = "false",
                ["valueOn"] = "true", ["valueOff"] = "false",
            })
            .AddAction(CardAction.Execute(t["Conduct.Reply"], AnswerVerb, new JsonObject { ["escalationId"] = e.Id.ToString() }));
    }

    /// <summary>The question card once answered: the answer, who gave it and when, no buttons; the asker gets the same.</summary>
    public static AdaptiveCard Answered(Texts t, Escalation e, string asker, string? unit, string answeredBy, string at, bool forAsker)
    {
        var card = new AdaptiveCard()
            .Add(Element.Heading(t.Format(forAsker ? "Conduct.AnsweredHeading" : "Conduct.QuestionHeading", e.Number)))
            .Add(new JsonObject { ["type"] = "TextBlock", ["text"] = CardText.User(e.Question, 1000), ["wrap"] = true, ["isSubtle"] = true });
        if (!forAsker) card.Add(Element.Facts([(t["Conduct.Asker"], CardText.User(asker, 100)), (t["Conduct.Unit"], CardText.User(unit ?? "—", 200))]));
        return card
            .Add(new JsonObject { ["type"] = "TextBlock", ["text"] = CardText.User(e.Answer, 2000), ["wrap"] = true, ["separator"] = true })
            .Add(Element.Text(t.Format("Conduct.AnsweredBy", CardText.User(answeredBy, 100), at), subtle: true));
    }

    /// <summary>An entry made from an answer, waiting for an admin.</summary>
    public static AdaptiveCard Pending(Texts t, ConductEntry entry, IReadOnlyList<string> questions) => new AdaptiveCard()
        .Add(Element.Heading(t.Format("Conduct.PendingHeading", entry.Id)))
        .Add(Element.Text(CardText.User(string.Join(" · ", questions), 600), subtle: true))
        .Add(Element.Text(CardText.User(entry.Answer, 2000)))
        .Add(Element.Text(t.Format("Conduct.Source", CardText.User(entry.Citation, 500)), subtle: true))
        .AddAction(CardAction.Execute(t["Conduct.Approve"], ApproveVerb, new JsonObject { ["entryId"] = entry.Id }))
        .AddAction(CardAction.Execute(t["Conduct.Reject"], RejectVerb, new JsonObject { ["entryId"] = entry.Id }));
}
