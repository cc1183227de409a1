using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Storage;

namespace StudyBot.Quiz;

/// <summary>One person's line in a round's results; <see cref="Answers"/> is empty for someone who did not answer.</summary>
public sealed record ResultRow(Member Member, QuizAttempt? Attempt, IReadOnlyDictionary<string, QuizAnswer> Answers)
{
    public bool Took => Attempt is { Position: > 0 };
}

/// <summary>A question and how many of those who answered it got it right.</summary>
public sealed record QuestionResult(QuizItem Item, int Answered, int Right)
{
    public double Share => Answered == 0 ? 0 : (double)Right / Answered;
}

/// <summary>A round's results: who was asked and how each did, question by question.</summary>
public sealed record RoundResults(IReadOnlyList<QuizItem> Items, IReadOnlyList<ResultRow> Rows, IReadOnlyList<QuestionResult> Questions)
{
    public IEnumerable<ResultRow> Participants => Rows.Where(r => r.Took);

    public double AverageScore => Participants.Any() ? Participants.Average(r => r.Attempt!.Score) : 0;

    /// <summary>Best first; a tie goes to whoever finished first.</summary>
    public IEnumerable<ResultRow> Ranking => Participants.OrderByDescending(r => r.Attempt!.Score)
        .ThenBy(r => r.Attempt!.FinishedAt ?? DateTime.MaxValue).ThenBy(r => r.Member.Name, StringComparer.Ordinal);

    public static async Task<RoundResults> ComputeAsync(StudyBotDb db, QuizRound round, CancellationToken ct)
    {
        var items = QuizItem.Deserialize(round.Items);
        var audience = await RoundQueries.AudienceAsync(db, round, ct);
        var attempts = await db.Set<QuizAttempt>().Where(a => a.RoundId == round.Id).ToListAsync(ct);
        var attemptIds = attempts.Select(a => a.Id).ToList();
        var answers = (await db.Set<QuizAnswer>().Where(a => attemptIds.Contains(a.AttemptId)).ToListAsync(ct)).ToLookup(a => a.AttemptId);
        // Someone who left the unit after answering still counts: their answers were given.
        var missing = attempts.Select(a => a.MemberId).Except(audience.Select(m => m.Id)).ToList();
        if (missing.Count > 0) audience.AddRange(await db.Set<Member>().Where(m => missing.Contains(m.Id)).ToListAsync(ct));
        var byMember = attempts.ToDictionary(a => a.MemberId);
        var rows = audience.OrderBy(m => m.Name, StringComparer.Ordinal).Select(m =>
        {
            var attempt = byMember.GetValueOrDefault(m.Id);
            var mine = attempt is null ? new Dictionary<string, QuizAnswer>() : answers[attempt.Id].ToDictionary(a => a.QuestionId);
            return new ResultRow(m, attempt, mine);
        }).ToList();
        var questions = items.Select(i =>
        {
            var given = rows.Select(r => r.Answers.GetValueOrDefault(i.Id)).OfType<QuizAnswer>().ToList();
            return new QuestionResult(i, given.Count, given.Count(a => a.Correct));
        }).ToList();
        return new RoundResults(items, rows, questions);
    }

    /// <summary>The export: a header, then one line per person asked, with each question's mark (1, 0, or empty).</summary>
    public IEnumerable<IEnumerable<string>> ToCsv(TimeZoneInfo zone)
    {
        var header = new List<string> { "Họ và tên", "Email", "Đã làm", "Điểm", "Số câu", "Bắt đầu", "Nộp bài" };
        header.AddRange(Items.Select((item, i) => $"Câu {i + 1} ({item.Id})"));
        yield return header;
        string Time(DateTime? utc) => utc is { } t ? LocalTime.Of(t, zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : "";
        foreach (var row in Rows)
        {
            var cells = new List<string>
            {
                row.Member.Name, row.Member.Upn ?? "", row.Took ? "có" : "không",
                row.Took ? row.Attempt!.Score.ToString(CultureInfo.InvariantCulture) : "", Items.Count.ToString(CultureInfo.InvariantCulture),
                Time(row.Attempt?.StartedAt), Time(row.Attempt?.FinishedAt),
            };
            cells.AddRange(Items.Select(i => row.Answers.GetValueOrDefault(i.Id) is { } a ? (a.Correct ? "1" : "0") : ""));
            yield return cells;
        }
    }
}
