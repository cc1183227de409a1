using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Resources;
using StudyBot.Storage;
using StudyBot.Themes;

namespace StudyBot.Commitments;

/// <summary>One row of the report's member table.</summary>
public sealed record ReportRow(string Name, bool PartyMember, string Commitments, IReadOnlyList<string> Parts, string Assessment);

/// <summary>
/// The cell's year, shaped like a cell's yearly report (seed 001): size, quiz participation and scores, stories told,
/// good deeds commended, commitments, Quy định 76 assessments, a row per member, and the sections the secretary writes.
/// </summary>
public sealed record CellReport(string Unit, int Year, IReadOnlyList<(string Label, string Value)> Facts, IReadOnlyList<string> PartHeaders,
    IReadOnlyList<ReportRow> Rows, IReadOnlyList<(string Heading, IReadOnlyList<string> Lines)> Details,
    IReadOnlyList<(string Heading, IReadOnlyList<string> Lines)> ToWrite, bool HasData)
{
    public static async Task<CellReport> BuildAsync(StudyBotDb db, IEnumerable<IYearPart> parts, Guid unitId, int year, DateOnly today, Texts t, CancellationToken ct)
    {
        var unit = await db.Set<Unit>().FirstAsync(u => u.Id == unitId, ct);
        var cell = await CellYear.ReadAsync(db, unitId, year, today, ct);
        var ids = cell.Members.Select(m => m.Id).ToList();
        var figures = new List<YearFigures>();
        foreach (var part in parts.OrderBy(p => p.Order)) figures.Add(await part.CellAsync(db, ids, unitId, year, t, ct));
        var records = await db.Set<YearRecord>().Where(r => r.UnitId == unitId && r.Year == year).ToDictionaryAsync(r => r.MemberId, ct);
        var party = cell.Members.Where(m => m.IsPartyMember).ToList();
        var good = party.Count(m => records.GetValueOrDefault(m.Id)?.Assessment == Assessment76.Good);
        var received = party.Count(m => records.GetValueOrDefault(m.Id)?.Assessment is Assessment76.Good or Assessment76.NotGood);
        var n = cell.Counts;
        var facts = new List<(string, string)>
        {
            (t["Report.Size"], t.Format("Report.SizeValue", cell.Members.Count, party.Count)),
        };
        facts.AddRange(figures.SelectMany(f => f.Facts));
        // Only sets sent to the secretary count as registered: a draft or a returned set is not yet a commitment.
        static bool Sent(CellSet s) => s.Set.Status is CommitmentStatus.Submitted or CommitmentStatus.Approved;
        facts.Add((t["Report.Commitments"], t.Format("Report.CommitmentsValue", cell.Sets.Where(Sent).Sum(s => s.Views.Count), n.Registered, n.Members,
            n.Done, n.Behind, n.NotReported)));
        facts.Add((t["Report.Assessments"], t.Format("Report.AssessmentsValue", good, party.Count, received)));

        var bySet = cell.Sets.ToDictionary(s => s.Member.Id);
        var rows = cell.Members.Select(m =>
        {
            var set = bySet.GetValueOrDefault(m.Id);
            var views = set?.Views ?? [];
            var commitments = set is null || views.Count == 0 ? t["Report.NoSet"] : !Sent(set) ? t["Report.NotSent"]
                : t.Format("Report.MemberCommitments", views.Count(v => v.Standing == Standing.Done), views.Count);
            var record = records.GetValueOrDefault(m.Id);
            var assessment = !m.IsPartyMember ? "" : t[$"Record.Assessment.{record?.Assessment ?? Assessment76.Pending}"];
            return new ReportRow(m.Name, m.IsPartyMember, commitments, figures.SelectMany(f => f.Columns).Select(c => c.ByMember.GetValueOrDefault(m.Id) ?? "").ToList(), assessment);
        }).ToList();

        // The sections the secretary writes, started with what the bot knows: what fell short, and next year's plan.
        var shortfalls = cell.Sets.SelectMany(s => s.Views.Where(v => v.Standing is Standing.Behind or Standing.NotReported)
                .Select(v => t.Format("Report.Shortfall", s.Name, v.Commitment.Task, v.Commitment.Percent ?? 0)))
            .Concat(cell.Members.Where(m => bySet.GetValueOrDefault(m.Id) is not { } s || !Sent(s))
                .Select(m => t.Format(bySet.ContainsKey(m.Id) ? "Report.NotSentLine" : "Report.NotRegistered", m.Name))).ToList();
        var next = await db.Set<PlanItem>().Where(p => p.UnitId == unitId && p.Year == year + 1).OrderBy(p => p.CreatedAt).Select(p => p.Text).ToListAsync(ct);
        var toWrite = new List<(string, IReadOnlyList<string>)>
        {
            (t["Report.Limits"], shortfalls.Count > 0 ? shortfalls : [t["Report.ToWrite"]]),
            (t["Report.Lessons"], [t["Report.ToWrite"]]),
            (t["Report.Directions"], next.Count > 0 ? next : [t["Report.ToWrite"]]),
        };
        var hasData = cell.Sets.Count > 0 || records.Count > 0 || figures.Any(f => f.Sections.Any(s => s.Lines.Count > 0));
        return new CellReport(unit.Name, year, facts, figures.SelectMany(f => f.Columns).Select(c => c.Header).ToList(), rows,
            figures.SelectMany(f => f.Sections).Where(s => s.Lines.Count > 0).ToList(), toWrite, hasData);
    }

    /// <summary>The same figures as the document, a row per member, for a spreadsheet.</summary>
    public IEnumerable<IEnumerable<string>> ToCsv(Texts t)
    {
        yield return [t["Report.ColumnName"], t["Report.ColumnParty"], t["Report.ColumnCommitments"], .. PartHeaders, t["Report.ColumnAssessment"]];
        foreach (var r in Rows) yield return [r.Name, t[r.PartyMember ? "Export.Yes" : "Export.No"], r.Commitments, .. r.Parts, r.Assessment];
        yield return [];
        foreach (var (label, value) in Facts) yield return [label, value];
    }
}
