using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;
using StudyBot.Downloads;
using StudyBot.Resources;
using StudyBot.Storage;
using StudyBot.Themes;

namespace StudyBot.Commitments;

/// <summary>
/// `làm theo báo cáo [năm]`: the cell's year report for its secretary (Word and CSV), and the agency-wide version with a
/// row per cell for admins and leaders. Both through signed links that expire; who may have which is read from the
/// stored roles when the links are made.
/// </summary>
public static class CellReports
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(30);
    private const int MaxCells = 5;
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static async Task HandleAsync(Turn turn, Arguments args)
    {
        var (thisYear, _) = CommitmentCommands.Today(turn);
        var year = int.TryParse(args.Text, out var y) && y is >= 2000 and <= 2100 ? y : thisYear;
        var units = await ManagedUnits.ListAsync(turn.Db, turn.Roles, turn.Member.Id);
        var agency = turn.Roles.IsAdmin || turn.Roles.HoldsAnywhere(Role.Leader);
        if (units.Count == 0 && !agency) { turn.Refuse("commit.report", Access.SecretariesAndAdmins); return; }
        var links = turn.Services.GetRequiredService<SignedLinks>();
        var t = turn.T;
        var card = new AdaptiveCard().Add(Element.Heading(t.Format("Report.CardTitle", year)));
        // A secretary of several cells (or of a unit above cells) gets each, own cell first; an admin, who manages every
        // unit, gets the agency's instead of a long list.
        var cells = turn.Roles.IsAdmin
            ? units.Where(u => turn.Roles.Assignments.Any(a => a.Role == Role.Secretary && a.UnitId == u.Id)).ToList() : units;
        foreach (var (name, unitId) in cells.Take(MaxCells))
        {
            var report = await CellReport.BuildAsync(turn.Db, turn.Services.GetServices<IYearPart>(), unitId, year, Day(turn, year), t, default);
            if (!report.HasData) { card.Add(Element.Text(t.Format("Report.NoData", CardText.User(name, 100), year))); continue; }
            var docx = await links.CreateAsync($"/commitments/report/{unitId}/{year}.docx", turn.Now, LinkLifetime, default);
            var csv = await links.CreateAsync($"/commitments/report/{unitId}/{year}.csv", turn.Now, LinkLifetime, default);
            card.Add(new System.Text.Json.Nodes.JsonObject { ["type"] = "TextBlock", ["text"] = CardText.User(name, 100), ["wrap"] = true, ["weight"] = "Bolder", ["separator"] = true })
                .Add(Element.Facts(report.Facts.Select(f => (f.Label, CardText.User(f.Value, 300)))))
                .Add(new System.Text.Json.Nodes.JsonObject
                {
                    ["type"] = "ActionSet",
                    ["actions"] = new System.Text.Json.Nodes.JsonArray(CardAction.OpenUrl(t["Report.Docx"], docx), CardAction.OpenUrl(t["Report.Csv"], csv)),
                });
        }
        if (cells.Count > MaxCells) card.Add(Element.Text(t.Format("Members.More", cells.Count - MaxCells), subtle: true));
        if (agency)
            card.AddAction(CardAction.OpenUrl(t["Report.AgencyDocx"], await links.CreateAsync($"/commitments/report/agency/{year}.docx", turn.Now, LinkLifetime, default)))
                .AddAction(CardAction.OpenUrl(t["Report.AgencyCsv"], await links.CreateAsync($"/commitments/report/agency/{year}.csv", turn.Now, LinkLifetime, default)));
        card.Add(Element.Text(t.Format("Report.LinksFor", (int)LinkLifetime.TotalMinutes), subtle: true));
        turn.Audit("commit.report", year.ToString(), detail: agency ? "agency" : "cell");
        turn.Reply(card);
    }

    private static DateOnly Day(Turn turn, int year) => CommitmentQueries.DayIn(year, CommitmentCommands.Today(turn).Today);

    /// <summary>The agency's year: a row per cell with members, with the figures each cell's report leads with.</summary>
    public static async Task<(List<string> Header, List<List<string>> Rows)> AgencyAsync(StudyBotDb db, IEnumerable<IYearPart> parts, int year, DateOnly day, Texts t, CancellationToken ct)
    {
        var units = await db.Set<Unit>().Where(u => db.Set<UnitMembership>().Any(m => m.UnitId == u.Id)).OrderBy(u => u.Name).ToListAsync(ct);
        var header = new List<string> { t["Report.ColumnUnit"] };
        var rows = new List<List<string>>();
        foreach (var unit in units)
        {
            var report = await CellReport.BuildAsync(db, parts, unit.Id, year, day, t, ct);
            if (header.Count == 1) header.AddRange(report.Facts.Select(f => f.Label));
            rows.Add([unit.Name, .. report.Facts.Select(f => f.Value)]);
        }
        return (header, rows);
    }

    /// <summary>GET /commitments/report/{unitId|agency}/{year}.docx|.csv?expires=…&amp;sig=…</summary>
    internal static void Map(IEndpointRouteBuilder app) => app.MapGet("/commitments/report/{scope}/{year:int}.{extension}", async (string scope, int year,
        string extension, HttpRequest request, SignedLinks links, TimeProvider time, StudyBotDb db, IServiceProvider services,
        IOptions<ThemeOptions> themes, CancellationToken ct) =>
    {
        if (extension is not ("docx" or "csv")) return Results.NotFound();
        var now = time.GetUtcNow().UtcDateTime;
        if (!await links.IsValidAsync(request, now, ct)) return SignedLinks.Refused("Vui lòng gõ «làm theo báo cáo» để lấy liên kết mới.");
        var t = Texts.Vietnamese;
        var local = themes.Value.Local(now);
        var day = CommitmentQueries.DayIn(year, DateOnly.FromDateTime(local));
        var parts = services.GetServices<IYearPart>().ToList();
        if (scope == "agency")
        {
            var (header, rows) = await AgencyAsync(db, parts, year, day, t, ct);
            var title = t.Format("Report.AgencyTitle", year);
            return extension == "csv" ? SignedLinks.Csv(rows.Prepend(header), $"lam-theo-toan-co-quan-{year}.csv")
                : Results.File(CellReportDocument.WriteTable(title, header, rows, t), DocxType, $"lam-theo-toan-co-quan-{year}.docx");
        }
        if (!Guid.TryParse(scope, out var unitId) || !await db.Set<Unit>().AnyAsync(u => u.Id == unitId, ct)) return Results.NotFound();
        var report = await CellReport.BuildAsync(db, parts, unitId, year, day, t, ct);
        return extension == "csv" ? SignedLinks.Csv(report.ToCsv(t), $"lam-theo-{year}.csv")
            : Results.File(CellReportDocument.Write(report, t), DocxType, $"bao-cao-lam-theo-{year}.docx");
    });
}
