using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Cards;

namespace StudyBot.Nominations;

/// <summary>Good deeds at a glance: the cell's nominations waiting for the leadership; across the agency, this month and year by state.</summary>
internal sealed class NominationsOverview : IOverviewPart
{
    public async Task<OverviewBlock?> CellAsync(OverviewScope s, CancellationToken ct)
    {
        var waiting = await s.Db.Set<Nomination>().Where(n => n.Status == NominationStatus.Pending && n.NomineeUnitId != null && s.Units.Contains(n.NomineeUnitId.Value))
            .Join(s.Db.Set<Member>(), n => n.NomineeId, m => m.Id, (n, m) => new { n.Year, n.Sequence, m.Name }).OrderBy(n => n.Year).ThenBy(n => n.Sequence).ToListAsync(ct);
        if (waiting.Count == 0) return null;
        return new OverviewBlock(50, s.T["Overview.NominationsHeading"],
            waiting.Take(10).Select(n => s.T.Format("Overview.Nomination", $"ĐC-{n.Year}-{n.Sequence:D4}", CardText.User(n.Name, 100))).ToList());
    }

    public Task<OverviewBlock?> MemberAsync(OverviewScope s, CancellationToken ct) => Task.FromResult<OverviewBlock?>(null);

    public async Task<OverviewBlock?> AgencyAsync(OverviewScope s, CancellationToken ct)
    {
        var local = LocalTime.Of(s.Now, s.Zone);
        var monthFrom = LocalTime.ToUtc(new DateTime(local.Year, local.Month, 1), s.Zone);
        var year = await s.Db.Set<Nomination>().Where(n => n.Year == local.Year).Select(n => new { n.Status, n.CreatedAt }).ToListAsync(ct);
        if (year.Count == 0) return null;
        string Counts(IEnumerable<string> states) => s.T.Format("Overview.NominationCounts", states.Count(x => x == NominationStatus.Pending),
            states.Count(x => x == NominationStatus.Commended), states.Count(x => x == NominationStatus.Proposed), states.Count(x => x == NominationStatus.Declined));
        var byMonth = Enumerable.Range(1, 12).Select(m => (double)year.Count(n => LocalTime.Of(n.CreatedAt, s.Zone).Month == m)).ToList();
        return new OverviewBlock(50, s.T["Overview.NominationsAgency"], [
            s.T.Format("Overview.NominationsMonth", Counts(year.Where(n => n.CreatedAt >= monthFrom).Select(n => n.Status))),
            s.T.Format("Overview.NominationsYear", local.Year, Counts(year.Select(n => n.Status))),
        ], Chart: new ChartSpec(ChartSpec.Bars, s.T.Format("Overview.NominationsChart", local.Year),
            Enumerable.Range(1, 12).Select(m => s.T.Format("Overview.MonthShort", m)).ToList(), byMonth, Percent: false));
    }
}
