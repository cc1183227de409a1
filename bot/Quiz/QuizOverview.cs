using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Storage;

namespace StudyBot.Quiz;

/// <summary>Quizzes at a glance: the open round and who has not finished; a member's own open round; participation by cell.</summary>
internal sealed class QuizOverview : IOverviewPart
{
    public async Task<OverviewBlock?> CellAsync(OverviewScope s, CancellationToken ct)
    {
        var year = await YearAsync(s, ct);
        var round = await s.Db.Set<QuizRound>().Where(r => s.Units.Contains(r.UnitId) && r.Status == RoundStatus.Open && r.ClosesAt > s.Now)
            .OrderBy(r => r.ClosesAt).FirstOrDefaultAsync(ct);
        if (round is null)
            return year is null ? null : new OverviewBlock(10, s.T["Overview.RoundsYearHeading"], [year.Value.Line], Chart: year.Value.Chart);
        var audience = await RoundQueries.AudienceAsync(s.Db, round, ct);
        var finished = (await s.Db.Set<QuizAttempt>().Where(a => a.RoundId == round.Id && a.FinishedAt != null).Select(a => a.MemberId).ToListAsync(ct)).ToHashSet();
        var unfinished = audience.Where(m => !finished.Contains(m.Id)).Select(m => CardText.User(m.Name, 100)).Order(StringComparer.Ordinal).ToList();
        var lines = new List<string>
        {
            s.T.Format("Overview.Round", CardText.User(round.Title, 200), audience.Count - unfinished.Count, audience.Count, LocalTime.Describe(LocalTime.Of(round.ClosesAt, s.Zone), s.T)),
        };
        if (unfinished.Count > 0) lines.Add(s.T.Format("Overview.RoundUnfinished", string.Join(", ", unfinished.Take(15)) + (unfinished.Count > 15 ? "…" : "")));
        // «Nhắc ngay» keeps its own once-an-hour rule on the server, whichever card it is pressed on.
        var action = unfinished.Count > 0 ? CardAction.Execute(s.T["Round.RemindNow"], RoundProgress.RemindVerb, new JsonObject { ["roundId"] = round.Id.ToString() }) : null;
        if (year is { } y) lines.Add(y.Line);
        return new OverviewBlock(10, s.T["Overview.RoundHeading"], lines, action, year?.Chart);
    }

    /// <summary>The cells' closed rounds of this year with their average scores: a line and its chart.</summary>
    private static async Task<(string Line, ChartSpec Chart)?> YearAsync(OverviewScope s, CancellationToken ct)
    {
        var (from, _) = LocalTime.Year(LocalTime.Of(s.Now, s.Zone).Year, s.Zone);
        var rounds = await s.Db.Set<QuizRound>().Where(r => s.Units.Contains(r.UnitId) && r.Status == RoundStatus.Closed && r.OpensAt >= from)
            .OrderByDescending(r => r.ClosesAt).Take(24).ToListAsync(ct);
        var ids = rounds.Select(r => r.Id).ToList();
        var attempts = await s.Db.Set<QuizAttempt>().Where(a => a.RoundId != null && ids.Contains(a.RoundId.Value) && a.FinishedAt != null)
            .Select(a => new { a.RoundId, a.Score, a.Count }).ToListAsync(ct);
        // The latest 24, oldest first; a round nobody finished has no average, rather than 0%.
        rounds = rounds.Where(r => attempts.Any(a => a.RoundId == r.Id)).OrderBy(r => r.ClosesAt).ToList();
        if (rounds.Count == 0) return null;
        var averages = rounds.Select(r => attempts.Where(a => a.RoundId == r.Id).Select(a => a.Count == 0 ? 0 : 100.0 * a.Score / a.Count).Average())
            .Select(a => Math.Round(a)).ToList();
        var labels = rounds.Select(r => LocalTime.Of(r.ClosesAt, s.Zone).ToString("dd/MM")).ToList();
        var line = s.T.Format("Overview.RoundsYear", string.Join(", ", rounds.Zip(averages, (r, a) => $"«{CardText.User(r.Title, 60)}» {a}%")));
        return (line, new ChartSpec(ChartSpec.Line, s.T["Overview.ScoresChart"], labels, averages));
    }

    public async Task<OverviewBlock?> MemberAsync(OverviewScope s, CancellationToken ct)
    {
        var done = s.Db.Set<QuizAttempt>().Where(a => a.MemberId == s.Viewer.Id && a.FinishedAt != null).Select(a => a.RoundId);
        var round = await s.Db.Set<QuizRound>().Where(r => s.Units.Contains(r.UnitId) && r.Status == RoundStatus.Open && r.ClosesAt > s.Now && !done.Contains(r.Id))
            .OrderBy(r => r.ClosesAt).FirstOrDefaultAsync(ct);
        if (round is null) return null;
        return new OverviewBlock(10, s.T["Overview.RoundHeading"],
            [s.T.Format("Overview.MyRound", CardText.User(round.Title, 200), LocalTime.Describe(LocalTime.Of(round.ClosesAt, s.Zone), s.T))],
            CardAction.Execute(s.T["Round.Start"], RoundCards.StartVerb, new JsonObject { ["roundId"] = round.Id.ToString() }));
    }

    public async Task<OverviewBlock?> AgencyAsync(OverviewScope s, CancellationToken ct)
    {
        var (from, _) = LocalTime.Year(LocalTime.Of(s.Now, s.Zone).Year, s.Zone);
        var rounds = await s.Db.Set<QuizRound>().Where(r => r.Status == RoundStatus.Closed && r.OpensAt >= from)
            .Join(s.Db.Set<Unit>(), r => r.UnitId, u => u.Id, (r, u) => new { r, u.Name }).ToListAsync(ct);
        if (rounds.Count == 0) return null;
        var lines = new List<string>();
        var (labels, values) = (new List<string>(), new List<double>());
        foreach (var cell in rounds.GroupBy(x => x.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var last = cell.OrderByDescending(x => x.r.ClosesAt).First().r;
            var audience = (await RoundQueries.AudienceAsync(s.Db, last, ct)).Count;
            var attempts = await s.Db.Set<QuizAttempt>().Where(a => a.RoundId == last.Id && a.FinishedAt != null).Select(a => new { a.Score, a.Count }).ToListAsync(ct);
            var average = attempts.Count == 0 ? 0 : (int)Math.Round(attempts.Average(a => a.Count == 0 ? 0 : 100.0 * a.Score / a.Count));
            // Over the year: attempts finished in all the cell's rounds, against its members once per round.
            var ids = cell.Select(x => x.r.Id).ToList();
            var yearAttempts = await s.Db.Set<QuizAttempt>().CountAsync(a => a.RoundId != null && ids.Contains(a.RoundId.Value) && a.FinishedAt != null, ct);
            var members = await s.Db.Set<UnitMembership>().CountAsync(m => m.UnitId == last.UnitId, ct);
            var yearShare = members == 0 ? 0 : (int)Math.Round(100.0 * yearAttempts / (members * cell.Count()));
            lines.Add(s.T.Format("Overview.CellRound", CardText.User(cell.Key, 100), CardText.User(last.Title, 100), attempts.Count, audience, average, cell.Count(), Math.Min(100, yearShare)));
            labels.Add(cell.Key);
            values.Add(audience == 0 ? 0 : Math.Round(100.0 * attempts.Count / audience));
        }
        return new OverviewBlock(10, s.T["Overview.RoundsHeading"], lines, Chart: new ChartSpec(ChartSpec.Bars, s.T["Overview.ParticipationChart"], labels, values));
    }
}
