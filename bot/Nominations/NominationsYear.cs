using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Resources;
using StudyBot.Storage;

namespace StudyBot.Nominations;

/// <summary>A year of good deeds: nominations made and received with their decisions, and those the cell's members were commended for.</summary>
internal sealed class NominationsYear : IYearPart
{
    public int Order => 30;

    public async Task<IReadOnlyList<YearLine>> MemberAsync(StudyBotDb db, Guid memberId, int year, Texts t, TimeZoneInfo zone, CancellationToken ct)
    {
        // Someone nominated hears of it only once the leadership commended it, as the nominations' own cards do: a
        // declined or pending nomination of them, and who made it, stays with its nominator and the leaders.
        var rows = await db.Set<Nomination>().Where(n => n.Year == year && (n.NominatorId == memberId
                || n.NomineeId == memberId && (n.Status == NominationStatus.Commended || n.Status == NominationStatus.Proposed)))
            .Join(db.Set<Member>(), n => n.NominatorId, m => m.Id, (n, by) => new { n, By = by.Name })
            .Join(db.Set<Member>(), x => x.n.NomineeId, m => m.Id, (x, of) => new { x.n, x.By, Of = of.Name })
            .OrderBy(x => x.n.Sequence).ToListAsync(ct);
        return rows.Select(x => x.n.NomineeId == memberId
                ? new YearLine(t["Year.NominationsReceived"], t.Format("Year.NominationReceived", x.By, x.n.Deed, t[$"Year.Decision.{x.n.Status}"]))
                : new YearLine(t["Year.NominationsMade"], t.Format("Year.NominationMade", x.Of, x.n.Deed, t[$"Year.Decision.{x.n.Status}"])))
            .ToList();
    }

    public async Task<YearFigures> CellAsync(StudyBotDb db, IReadOnlyList<Guid> memberIds, Guid unitId, int year, Texts t, CancellationToken ct)
    {
        var rows = await db.Set<Nomination>().Where(n => n.Year == year && memberIds.Contains(n.NomineeId))
            .Join(db.Set<Member>(), n => n.NomineeId, m => m.Id, (n, m) => new { n.NomineeId, n.Status, n.Deed, m.Name, n.Sequence })
            .OrderBy(x => x.Sequence).ToListAsync(ct);
        var commended = rows.Where(r => r.Status is NominationStatus.Commended or NominationStatus.Proposed).ToList();
        var byMember = memberIds.ToDictionary(id => id, id => commended.Count(r => r.NomineeId == id).ToString());
        return new YearFigures(
            [(t["Year.Commended"], t.Format("Year.CommendedValue", commended.Select(r => r.NomineeId).Distinct().Count(), commended.Count,
                commended.Count(r => r.Status == NominationStatus.Proposed)))],
            [(t["Year.CommendedColumn"], byMember)],
            [(t["Year.Commended"], commended.Select(r => $"{r.Name}: {r.Deed} ({t[$"Year.Decision.{r.Status}"]})").ToList())]);
    }
}
