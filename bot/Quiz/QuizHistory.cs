using Microsoft.EntityFrameworkCore;
using StudyBot.Cards;
using StudyBot.Conversations;

namespace StudyBot.Quiz;

/// <summary>`kiểm tra lịch sử` / `quiz history`: a member's practice attempts and best score, and their closed rounds.</summary>
public static class QuizHistory
{
    /// <summary>The member's finished practice attempts: how many, and the best (by share right, then by length); null if none.</summary>
    public static async Task<(int Attempts, int Score, int Count)?> PracticeAsync(Turn turn)
    {
        var finished = await turn.Db.Set<QuizAttempt>()
            .Where(a => a.MemberId == turn.Member.Id && a.RoundId == null && a.FinishedAt != null)
            .Select(a => new { a.Score, a.Count }).ToListAsync();
        if (finished.Count == 0) return null;
        var best = finished.OrderByDescending(a => (double)a.Score / Math.Max(a.Count, 1)).ThenByDescending(a => a.Count).First();
        return (finished.Count, best.Score, best.Count);
    }

    public static async Task ShowAsync(Turn turn)
    {
        var practice = await PracticeAsync(turn);
        var rounds = await turn.Db.Set<QuizAttempt>().Where(a => a.MemberId == turn.Member.Id && a.RoundId != null)
            .Join(turn.Db.Set<QuizRound>().Where(r => r.Status == RoundStatus.Closed), a => a.RoundId, r => r.Id,
                (a, r) => new { r.Title, r.ClosesAt, a.Score, a.Count })
            .OrderByDescending(x => x.ClosesAt).Take(10).ToListAsync();
        if (practice is null && rounds.Count == 0) { turn.Reply(turn.T["Quiz.NoHistory"]); return; }
        var lines = new List<string>();
        if (practice is var (attempts, score, count)) lines.Add(turn.T.Format("Quiz.HistoryPractice", attempts, score, count));
        lines.AddRange(rounds.Select(r => turn.T.Format("Quiz.HistoryRound", CardText.User(r.Title, 200), r.Score, r.Count)));
        turn.Reply(turn.T["Quiz.HistoryTitle"] + "\n\n" + string.Join("\n", lines.Select(l => "- " + l)));
    }
}
