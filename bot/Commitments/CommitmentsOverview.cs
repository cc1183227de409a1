using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Cards;

namespace StudyBot.Commitments;

/// <summary>"Làm theo" at a glance: who is behind or has not reported; a member's own commitments; standing by cell.</summary>
internal sealed class CommitmentsOverview : IOverviewPart
{
    public async Task<OverviewBlock?> CellAsync(OverviewScope s, CancellationToken ct)
    {
        var (year, today) = Today(s);
        var lines = new List<string>();
        Guid? first = null;
        foreach (var unit in s.Units)
        {
            var cell = await CellYear.ReadAsync(s.Db, unit, year, today, ct);
            var before = lines.Count;
            lines.AddRange(cell.Sets.Where(x => x.Set.Status == CommitmentStatus.Approved)
                .SelectMany(x => x.Views.Where(v => v.Standing is Standing.Behind or Standing.NotReported)
                    .Select(v => s.T.Format($"Overview.Commitment.{v.Standing}", CardText.User(x.Name, 100), CardText.User(v.Commitment.Task, 80), v.Commitment.Percent ?? 0, v.Expected))));
            if (lines.Count > before) first ??= unit;
        }
        if (lines.Count == 0) return null;
        return new OverviewBlock(40, s.T["Overview.CommitmentsHeading"], lines.Take(15).ToList(),
            // The reminder goes to the first cell with someone behind (its own cell for most secretaries).
            CardAction.ExecuteWithoutInputs(s.T["Commit.RemindBehind"], ReviewCards.RemindVerb, new JsonObject { ["unit"] = first!.Value.ToString(), ["year"] = year }));
    }

    public async Task<OverviewBlock?> MemberAsync(OverviewScope s, CancellationToken ct)
    {
        var (year, today) = Today(s);
        var set = await CommitmentQueries.SetAsync(s.Db, s.Viewer.Id, year, ct);
        if (set is null) return new OverviewBlock(40, s.T["Overview.MyCommitmentsHeading"], [s.T["Overview.NoCommitments"]],
            CardAction.SendText(s.T["Commit.Open"], s.T["Commit.OpenCommand"]));
        var views = CommitmentQueries.Views(await CommitmentQueries.CommitmentsAsync(s.Db, set.Id, ct), set, today,
            await CommitmentQueries.LastCheckInAsync(s.Db, set.UnitId, ct));
        var lines = views.Select(v => v.Standing is { } st
            ? s.T.Format("Year.CommitmentLine", CardText.User(v.Commitment.Task, 80), v.Commitment.Percent ?? 0, s.T[$"Year.Standing.{st}"])
            : s.T.Format("Year.CommitmentNotApproved", CardText.User(v.Commitment.Task, 80))).ToList();
        return new OverviewBlock(40, s.T["Overview.MyCommitmentsHeading"], lines, CardAction.SendText(s.T["Commit.Open"], s.T["Commit.OpenCommand"]));
    }

    public async Task<OverviewBlock?> AgencyAsync(OverviewScope s, CancellationToken ct)
    {
        var (year, today) = Today(s);
        var cells = await s.Db.Set<CommitmentSet>().Where(x => x.Year == year && x.Status == CommitmentStatus.Approved).Select(x => x.UnitId).Distinct().ToListAsync(ct);
        var names = await s.Db.Set<Unit>().Where(u => cells.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var lines = new List<string>();
        foreach (var unit in cells.OrderBy(u => names.GetValueOrDefault(u), StringComparer.Ordinal))
        {
            var n = (await CellYear.ReadAsync(s.Db, unit, year, today, ct)).Counts;
            lines.Add(s.T.Format("Overview.CellCommitments", CardText.User(names.GetValueOrDefault(unit) ?? "", 100), n.OnTrack, n.Behind, n.Done, n.NotReported));
        }
        return lines.Count == 0 ? null : new OverviewBlock(40, s.T["Overview.CommitmentsByCell"], lines);
    }

    private static (int Year, DateOnly Today) Today(OverviewScope s)
    {
        var local = LocalTime.Of(s.Now, s.Zone);
        return (local.Year, DateOnly.FromDateTime(local));
    }
}
