using System.Text.Json.Nodes;
using StudyBot.Cards;
using StudyBot.Resources;

namespace StudyBot.Quiz;

/// <summary>Where a question card is: which attempt, which question, and what the member sees around it.</summary>
public sealed record QuestionView(Guid AttemptId, int Position, int Count, QuizItem Item, string? Title, int? Seconds);

/// <summary>
/// The card a member answers, one question at a time; it is replaced in place by the next question, by the
/// feedback (practice) or by the end card. Choices are shuffled per attempt and question, so the right
/// answer is not always in the same place.
/// </summary>
public static class QuizCards
{
    public const string AnswerVerb = "quiz.answer";
    public const string NextVerb = "quiz.next";
    public const string PracticeVerb = "quiz.practice";

    public static AdaptiveCard Question(Texts t, QuestionView v, string? notice = null, string? error = null)
    {
        var card = new AdaptiveCard();
        if (v.Title is not null) card.Add(Element.Text(CardText.User(v.Title, 200), subtle: true));
        card.Add(Element.Heading(t.Format("Quiz.QuestionOf", v.Position + 1, v.Count)));
        if (notice is not null) card.Add(Element.Text(notice, subtle: true));
        if (error is not null) card.Add(Element.Error(error));
        card.Add(Element.Text(CardText.User(v.Item.Prompt, 600)));
        if (v.Seconds is { } seconds) card.Add(Element.Text(t.Format("Quiz.TimeLimit", seconds), subtle: true));
        var random = new Random(v.AttemptId.GetHashCode() ^ (v.Position * 7919));
        switch (v.Item.Kind)
        {
            case QuestionKinds.Single:
                card.Add(Choices("answer", t["Quiz.YourAnswer"],
                    v.Item.Options.Select((o, i) => (CardText.Choice(o, 300), i.ToString())).OrderBy(_ => random.Next()).ToList()));
                break;
            case QuestionKinds.TrueFalse:
                card.Add(Choices("answer", t["Quiz.YourAnswer"], [(t["Quiz.True"], "true"), (t["Quiz.False"], "false")]));
                break;
            case QuestionKinds.Fill:
                card.Add(Element.TextInput("answer", t["Quiz.MissingWords"], null, 200, required: true));
                break;
            case QuestionKinds.Order:
                var shuffled = v.Item.Options.Select((o, i) => (CardText.Choice(o, 200), i.ToString())).OrderBy(_ => random.Next()).ToList();
                for (var step = 1; step <= v.Item.Options.Count; step++)
                    card.Add(Element.ChoiceInput($"step{step}", t.Format("Quiz.Step", step), shuffled, null));
                break;
        }
        return card.AddAction(CardAction.Execute(t["Quiz.Submit"], AnswerVerb, Position(v)));
    }

    private static JsonObject Choices(string id, string label, IReadOnlyList<(string Title, string Value)> choices)
    {
        var input = Element.ChoiceInput(id, label, choices, null);
        input["style"] = "expanded";
        return input;
    }

    private static JsonObject Position(QuestionView v) =>
        new() { ["attemptId"] = v.AttemptId.ToString(), ["position"] = v.Position };

    /// <summary>Practice: right or not, the right answer, and the source it comes from, so every answer teaches.</summary>
    public static AdaptiveCard Feedback(Texts t, QuestionView v, string? response, bool correct, bool timedOut)
    {
        var card = new AdaptiveCard()
            .Add(Element.Heading(t.Format("Quiz.QuestionOf", v.Position + 1, v.Count)))
            .Add(new JsonObject
            {
                ["type"] = "TextBlock", ["wrap"] = true, ["weight"] = "Bolder", ["color"] = correct ? "Good" : "Attention",
                ["text"] = t[correct ? "Quiz.Right" : timedOut ? "Quiz.TimedOut" : "Quiz.Wrong"],
            });
        AddMarked(card, t, v.Item, response, correct);
        var last = v.Position + 1 == v.Count;
        return card.AddAction(CardAction.Execute(t[last ? "Quiz.SeeScore" : "Quiz.Next"], NextVerb,
            new JsonObject { ["attemptId"] = v.AttemptId.ToString() }));
    }

    /// <summary>The question, the member's answer, the right one marked, and the source: shared by feedback and the reveal.</summary>
    public static void AddMarked(AdaptiveCard card, Texts t, QuizItem item, string? response, bool correct, bool withSourceText = true)
    {
        card.Add(Element.Text(CardText.User(item.Prompt, 600)))
            .Add(Element.Facts([
                (t["Quiz.YouAnswered"], (correct ? "✅ " : "✗ ") + CardText.User(item.Describe(response, t), 400)),
                (t["Quiz.RightAnswer"], CardText.User(item.RightAnswer(t), 400)),
            ]));
        if (item.Explain is not null) card.Add(Element.Text(CardText.User(item.Explain, 1000)));
        if (withSourceText) AddSource(card, t, item.Source);
        else card.Add(Element.Text(t.Format("Quiz.SourceRef", CardText.User(item.Source.Citation, 500)), subtle: true));
    }

    /// <summary>Excerpts and sayings in quotation marks with their citation; a seed as a summary, never as a quotation.</summary>
    public static void AddSource(AdaptiveCard card, Texts t, SourceSnapshot source)
    {
        var text = SourceKinds.IsQuotation(source.Kind)
            ? $"«{CardText.User(source.Text, 2000)}»"
            : t.Format("Quiz.Summary", CardText.User(source.Text, 2000));
        card.Add(new JsonObject
        {
            ["type"] = "Container", ["style"] = "emphasis", ["separator"] = true,
            ["items"] = new JsonArray(
                Element.Text(t["Quiz.SourceHeading"]),
                new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true, ["isSubtle"] = false, ["fontType"] = "Default" },
                Element.Text(CardText.User(source.Citation, 500), subtle: true)),
        });
    }

    public static AdaptiveCard PracticeScore(Texts t, int score, int count, int attempts, int best, int bestOf)
    {
        return new AdaptiveCard()
            .Add(Element.Heading(t["Quiz.PracticeDone"]))
            .Add(Element.Text(t.Format("Quiz.ScoreLine", score, count)))
            .Add(Element.Facts([
                (t["Quiz.Attempts"], attempts.ToString()),
                (t["Quiz.Best"], t.Format("Quiz.ScoreShort", best, bestOf)),
            ]))
            .AddAction(CardAction.Execute(t["Quiz.Again"], PracticeVerb));
    }
}
