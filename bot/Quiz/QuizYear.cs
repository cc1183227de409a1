using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Resources;
using StudyBot.Storage;

namespace StudyBot.Quiz;

/// <summary>A year of quizzes: the rounds each member took with their scores, practice, and each round's participation.</summary>
internal sealed class QuizYear : IYearPart
{
    public int Order => 10;

    public async Task<IReadOnlyList<YearLine>> MemberAsync(StudyBotDb db, Guid memberId, int year, Texts t, TimeZoneInfo zone, CancellationToken ct)
    {
        var (from, to) = LocalTime.Year(year, zone);
        var attempts = await db.Set<QuizAttempt>().Where(a => a.MemberId == memberId && a.FinishedAt != null && a.FinishedAt >= from && a.FinishedAt < to)
            .GroupJoin(db.Set<QuizRound>(), a => a.RoundId, r => r.Id, (a, r) => new { a, r })
            .SelectMany(x => x.r.DefaultIfEmpty(), (x, r) => new { x.a.Score, x.a.Count, x.a.FinishedAt, Title = r == null ? null : r.Title })
            .ToListAsync(ct);
        var lines = attempts.Where(a => a.Title is not null).OrderBy(a => a.FinishedAt)
            .Select(a => new YearLine(t["Year.Rounds"], t.Format("Year.RoundLine", a.Title!, a.Score, a.Count))).ToList();
        var practice = attempts.Where(a => a.Title is null).ToList();
        if (practice.Count > 0)
            lines.Add(new YearLine(t["Year.Practice"], t.Format("Year.PracticeLine", practice.Count, practice.Sum(p => p.Score), practice.Sum(p => p.Count))));
        return lines;
    }

    public async Task<YearFigures> CellAsync(StudyBotDb db, IReadOnlyList<Guid> memberIds, Guid unitId, int year, Texts t, CancellationToken ct)
    {
        var unit = await db.Set<Unit>().FirstAsync(u => u.Id == unitId, ct);
        var (from, to) = LocalTime.Year(year, LocalTime.Zone(unit));
        var rounds = await db.Set<QuizRound>().Where(r => r.UnitId == unitId && r.OpensAt >= from && r.OpensAt < to && r.Status != RoundStatus.Cancelled)
            .OrderBy(r => r.OpensAt).ToListAsync(ct);
        var ids = rounds.Select(r => r.Id).ToList();
        var attempts = await db.Set<QuizAttempt>().Where(a => a.RoundId != null && ids.Contains(a.RoundId.Value) && a.FinishedAt != null && memberIds.Contains(a.MemberId))
            .ToListAsync(ct);
        var lines = rounds.Select(r =>
        {
            var done = attempts.Where(a => a.RoundId == r.Id).ToList();
            var average = done.Count == 0 ? 0 : (int)Math.Round(done.Average(a => a.Count == 0 ? 0 : 100.0 * a.Score / a.Count));
            return t.Format("Year.RoundFigure", r.Title, done.Count, memberIds.Count, average);
        }).ToList();
        var byMember = memberIds.ToDictionary(id => id, id =>
        {
            var mine = attempts.Where(a => a.MemberId == id).ToList();
            return mine.Count == 0 ? t.Format("Year.RoundsTaken", 0, rounds.Count)
                : t.Format("Year.RoundsTakenScore", mine.Count, rounds.Count, (int)Math.Round(mine.Average(a => a.Count == 0 ? 0 : 100.0 * a.Score / a.Count)));
        });
        var overall = attempts.Count == 0 ? 0 : (int)Math.Round(attempts.Average(a => a.Count == 0 ? 0 : 100.0 * a.Score / a.Count));
        return new YearFigures([(t["Year.RoundsHeld"], t.Format("Year.RoundsHeldValue", rounds.Count, attempts.Count, overall))],
            [(t["Year.Rounds"], byMember)], [(t["Year.Rounds"], lines)]);
    }

}
