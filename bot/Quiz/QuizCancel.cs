using Microsoft.EntityFrameworkCore;
using StudyBot.Cards;
using StudyBot.Conversations;

namespace StudyBot.Quiz;

/// <summary>
/// "hủy" while a quiz is open. Practice is the member's own: it is dropped and does not count. A round's attempt is not
/// the member's to withdraw (the secretary reads it), so it stays, and the member is told what counts and how to go on.
/// </summary>
public static class QuizCancel
{
    public static async Task<bool> CancelAsync(Turn turn)
    {
        var open = await turn.Db.Set<QuizAttempt>()
            .Where(a => a.MemberId == turn.Member.Id && a.FinishedAt == null)
            .OrderByDescending(a => a.StartedAt).ToListAsync();
        if (open.FirstOrDefault(a => a.RoundId == null) is { } practice)
        {
            var answered = practice.Position;
            // Removed with the attempt in the turn's one save, so a failed save leaves both as they were.
            turn.Db.RemoveRange(await turn.Db.Set<QuizAnswer>().Where(a => a.AttemptId == practice.Id).ToListAsync());
            turn.Db.Remove(practice);
            turn.Audit("quiz.cancel", practice.Id.ToString(), detail: $"practice, {answered}/{practice.Count} answered");
            turn.Reply(turn.T.Format("Quiz.PracticeCancelled", answered, practice.Count));
            return true;
        }
        foreach (var attempt in open)
        {
            var round = await turn.Db.Set<QuizRound>().FirstOrDefaultAsync(r => r.Id == attempt.RoundId);
            if (round is null || round.Status == RoundStatus.Cancelled || RoundQueries.IsOver(round, turn.Now)) continue;
            var facts = await RoundQueries.FactsAsync(turn.Db, round);
            turn.Reply(RoundCards.Invitation(turn.T, facts, turn.T.Format("Quiz.RoundStaysOpen",
                CardText.User(round.Title, 200), attempt.Position, attempt.Count, Agency.LocalTime.Describe(facts.ClosesLocal, turn.T))));
            return true;
        }
        return false;
    }
}
