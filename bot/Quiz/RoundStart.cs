using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;
using StudyBot.Protocol;

namespace StudyBot.Quiz;

/// <summary>"Làm bài" on a round's invitation: one attempt per member, in their own order of the round's questions.</summary>
public static class RoundStart
{
    public static async Task StartAsync(Turn turn)
    {
        var id = Guid.TryParse(turn.Field("roundId"), out var g) ? g : Guid.Empty;
        var round = await turn.Db.Set<QuizRound>().FirstOrDefaultAsync(r => r.Id == id);
        if (round is null || round.Status == RoundStatus.Cancelled) { turn.Notice(turn.T["Round.Gone"]); return; }
        // Membership is read from the store: a card forwarded to someone outside the unit opens nothing.
        if (!await turn.Db.Set<UnitMembership>().AnyAsync(m => m.UnitId == round.UnitId && m.MemberId == turn.Member.Id))
        {
            turn.Audit("quiz.start", id.ToString(), AuditOutcome.Refused, "not a member of the round's unit");
            turn.Notice(turn.T["Round.NotYourUnit"]);
            return;
        }
        var facts = await RoundQueries.FactsAsync(turn.Db, round);
        if (turn.Now < round.OpensAt) { turn.Notice(turn.T.Format("Round.NotOpenYet", LocalTime.Describe(facts.OpensLocal, turn.T))); return; }
        if (RoundQueries.IsOver(round, turn.Now))
        {
            turn.Audit("quiz.start", id.ToString(), AuditOutcome.Refused, "round closed");
            turn.Notice(turn.T.Format("Round.Late", CardText.User(round.Title, 200), LocalTime.Describe(facts.ClosesLocal, turn.T)));
            return;
        }
        var items = QuizItem.Deserialize(round.Items);
        var attempt = await turn.Db.Set<QuizAttempt>().FirstOrDefaultAsync(a => a.RoundId == round.Id && a.MemberId == turn.Member.Id);
        if (attempt is null)
        {
            attempt = new QuizAttempt
            {
                Id = Guid.CreateVersion7(), MemberId = turn.Member.Id, RoundId = round.Id, Count = items.Count,
                Order = JsonSerializer.Serialize(Enumerable.Range(0, items.Count).OrderBy(_ => Random.Shared.Next()), WireJson.Options),
                StartedAt = turn.Now, ShownAt = turn.Now,
            };
            turn.Db.Add(attempt);
        }
        else if (attempt.FinishedAt is not null)
        {
            turn.UpdateCard(RoundCards.Submitted(turn.T, facts, attempt.Position));
            return;
        }
        var order = JsonSerializer.Deserialize<List<int>>(attempt.Order, WireJson.Options)!;
        turn.UpdateCard(QuizCards.Question(turn.T, new QuestionView(attempt.Id, attempt.Position, attempt.Count,
            items[order[attempt.Position]], round.Title, round.SecondsPerQuestion)));
    }
}
