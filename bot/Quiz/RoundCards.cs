using System.Text.Json.Nodes;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Resources;

namespace StudyBot.Quiz;

/// <summary>What a member's card says about a round: its name, unit, size and times in the unit's zone.</summary>
public sealed record RoundFacts(Guid Id, string Title, string Unit, int Count, DateTime OpensLocal, DateTime ClosesLocal, int? Seconds);

/// <summary>The cards of a round as members see them: the invitation, the end of their attempt, and the reveal at closing.</summary>
public static class RoundCards
{
    public const string StartVerb = "quiz.start";

    public static AdaptiveCard Invitation(Texts t, RoundFacts r, string? note = null)
    {
        var card = new AdaptiveCard()
            .Add(Element.Heading(t.Format("Round.Heading", CardText.User(r.Title, 200))))
            .Add(Facts(t, r));
        if (note is not null) card.Add(Element.Text(note, subtle: true));
        card.Add(Element.Text(t["Round.OneAttempt"], subtle: true));
        return card.AddAction(CardAction.Execute(t["Round.Start"], StartVerb, new JsonObject { ["roundId"] = r.Id.ToString() }));
    }

    public static JsonObject Facts(Texts t, RoundFacts r)
    {
        var facts = new List<(string, string)>
        {
            (t["Round.Unit"], CardText.User(r.Unit, 200)),
            (t["Round.Questions"], r.Count.ToString()),
            (t["Round.Opens"], LocalTime.Describe(r.OpensLocal, t)),
            (t["Round.Closes"], LocalTime.Describe(r.ClosesLocal, t)),
        };
        if (r.Seconds is { } s) facts.Add((t["Round.PerQuestion"], t.Format("Round.Seconds", s)));
        return Element.Facts(facts);
    }

    /// <summary>The end of a member's attempt while the round is open: no score and no answers until it closes.</summary>
    public static AdaptiveCard Submitted(Texts t, RoundFacts r, int answered) => new AdaptiveCard()
        .Add(Element.Heading(t.Format("Round.Heading", CardText.User(r.Title, 200))))
        .Add(Element.Text(t.Format("Round.Submitted", answered, r.Count)))
        .Add(Element.Text(t.Format("Round.RevealAt", LocalTime.Describe(r.ClosesLocal, t)), subtle: true));

    /// <summary>At closing: every question with the member's answer, the right one, and its source. Each source's text is shown once, at the end.</summary>
    public static AdaptiveCard Reveal(Texts t, RoundFacts r, int score, IReadOnlyList<(QuizItem Item, QuizAnswer? Answer)> lines)
    {
        var card = new AdaptiveCard()
            .Add(Element.Heading(t.Format("Round.RevealHeading", CardText.User(r.Title, 200))))
            .Add(Element.Text(t.Format("Quiz.ScoreLine", score, r.Count)));
        for (var i = 0; i < lines.Count; i++)
        {
            var (item, answer) = lines[i];
            card.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = t.Format("Quiz.QuestionOf", i + 1, r.Count), ["weight"] = "Bolder", ["separator"] = true, ["wrap"] = true });
            QuizCards.AddMarked(card, t, item, answer?.Response, answer?.Correct == true, withSourceText: false);
        }
        card.Add(Element.Heading(t["Round.Sources"]));
        foreach (var source in lines.Select(l => l.Item.Source).DistinctBy(s => s.Id)) QuizCards.AddSource(card, t, source);
        return card;
    }
}
