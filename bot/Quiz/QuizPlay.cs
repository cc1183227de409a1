using System.Text.Json;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;
using StudyBot.Protocol;

namespace StudyBot.Quiz;

/// <summary>
/// Answering, for practice and rounds alike. Whose attempt it is, which question is on screen and whether
/// the round is still open are read from the store; the card only says which attempt and question it shows.
/// </summary>
public static class QuizPlay
{
    /// <summary>Answers a little after the limit still count: the card's clock and the network are not exact.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    internal sealed record Loaded(QuizAttempt Attempt, IReadOnlyList<QuizItem> Items, List<int> Order, QuizRound? Round, RoundFacts? Facts)
    {
        public QuestionView View(int position) =>
            new(Attempt.Id, position, Attempt.Count, Items[Order[position]], Round?.Title, Round?.SecondsPerQuestion);
    }

    internal static async Task<Loaded?> LoadAsync(Turn turn, string action)
    {
        var id = Guid.TryParse(turn.Field("attemptId"), out var g) ? g : Guid.Empty;
        var attempt = await QuizQueries.Attempt.For(turn.Db)(turn.Db, id, default);
        if (attempt is null) { turn.Notice(turn.T["Action.Unknown"]); return null; }
        if (attempt.MemberId != turn.Member.Id)
        {
            // Someone else's card, replayed or forged: refused and written down.
            turn.Audit(action, id.ToString(), AuditOutcome.Refused, "not the attempt's member");
            turn.Notice(turn.T["Quiz.NotYours"]);
            return null;
        }
        var order = JsonSerializer.Deserialize<List<int>>(attempt.Order, WireJson.Options) ?? [];
        if (attempt.RoundId is not { } roundId) return new Loaded(attempt, QuizItem.Deserialize(attempt.Items ?? "[]"), order, null, null);
        var round = await QuizQueries.RoundHead.For(turn.Db)(turn.Db, roundId, default)
            ?? throw new InvalidOperationException($"attempt {attempt.Id} names round {roundId}, which is not stored");
        var items = await QuizItem.OfStoredRoundAsync(turn.Db, round);
        return new Loaded(attempt, items, order, round, await RoundQueries.FactsAsync(turn.Db, round, items.Count));
    }

    public static async Task AnswerAsync(Turn turn)
    {
        if (await LoadAsync(turn, "quiz.answer") is not { } x) return;
        var attempt = x.Attempt;
        if (x.Round is { Status: RoundStatus.Cancelled }) { turn.Notice(turn.T["Round.Gone"]); return; }
        if (x.Round is { } round && RoundQueries.IsOver(round, turn.Now))
        {
            turn.Audit("quiz.answer", round.Id.ToString(), AuditOutcome.Refused, "round closed");
            turn.Notice(turn.T.Format("Round.Late", CardText.User(round.Title, 200), LocalTime.Describe(x.Facts!.ClosesLocal, turn.T)));
            return;
        }
        var position = turn.Data["position"]?.GetValueKind() == JsonValueKind.Number && turn.Data["position"]!.AsValue().TryGetValue<int>(out var p) ? p : -1;
        if (position != attempt.Position || attempt.ShowingFeedback || attempt.FinishedAt is not null)
        {
            // A second press, a replayed card, or an answer racing another: the first one counted.
            ShowCurrent(turn, x, turn.T["Quiz.AlreadyAnswered"]);
            return;
        }
        var view = x.View(position);
        var timedOut = x.Round?.SecondsPerQuestion is { } seconds && turn.Now > attempt.ShownAt.AddSeconds(seconds) + Grace;
        var (response, correct, error) = view.Item.Mark(key => turn.Field(key));
        if (error is not null && !timedOut) { turn.UpdateCard(QuizCards.Question(turn.T, view, error: turn.T[error])); return; }
        if (timedOut) correct = false;

        turn.Db.Add(new QuizAnswer
        {
            AttemptId = attempt.Id, Position = position, QuestionId = view.Item.Id, Response = response, Correct = correct,
            TimedOut = timedOut, At = turn.Now,
        });
        attempt.Position++;
        if (correct) attempt.Score++;
        if (attempt.Position == attempt.Count) attempt.FinishedAt = turn.Now;
        if (x.Round is null)
        {
            attempt.ShowingFeedback = true;
            turn.UpdateCard(QuizCards.Feedback(turn.T, view, response, correct, timedOut));
            return;
        }
        attempt.ShownAt = turn.Now;
        var notice = turn.T.Format(timedOut ? "Round.TooLate" : "Round.Recorded", position + 1);
        if (attempt.FinishedAt is not null) turn.UpdateCard(RoundCards.Submitted(turn.T, x.Facts!, attempt.Position));
        else turn.UpdateCard(QuizCards.Question(turn.T, x.View(attempt.Position), notice));
    }

    /// <summary>Practice: from the feedback to the next question, or to the score.</summary>
    public static async Task NextAsync(Turn turn)
    {
        if (await LoadAsync(turn, "quiz.next") is not { } x) return;
        if (x.Attempt.ShowingFeedback)
        {
            x.Attempt.ShowingFeedback = false;
            x.Attempt.ShownAt = turn.Now;
        }
        if (x.Attempt.FinishedAt is not null && x.Round is null) { turn.UpdateCard(await PracticeScoreAsync(turn, x.Attempt)); return; }
        ShowCurrent(turn, x, null);
    }

    private static void ShowCurrent(Turn turn, Loaded x, string? notice)
    {
        var a = x.Attempt;
        if (x.Round is not null && a.FinishedAt is not null) turn.UpdateCard(RoundCards.Submitted(turn.T, x.Facts!, a.Position));
        else if (a.FinishedAt is not null || a.ShowingFeedback) turn.Notice(notice ?? turn.T["Quiz.AlreadyAnswered"]);
        else turn.UpdateCard(QuizCards.Question(turn.T, x.View(a.Position), notice));
    }

    public static async Task<AdaptiveCard> PracticeScoreAsync(Turn turn, QuizAttempt attempt)
    {
        // This attempt is finished and saved, so there is at least one.
        var (attempts, score, count) = (await QuizHistory.PracticeAsync(turn))!.Value;
        return QuizCards.PracticeScore(turn.T, attempt.Score, attempt.Count, attempts, score, count);
    }
}
