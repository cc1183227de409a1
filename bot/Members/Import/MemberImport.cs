using System.Text;
using StudyBot.Resources;

namespace StudyBot.Members.Import;

/// <summary>Check, then apply, a member file; and say what happened in the admin's language.</summary>
public sealed class MemberImport(MemberImporter importer)
{
    private const int ErrorsShown = 30;

    public async Task<(ImportReport? Report, List<ImportError> Errors)> RunAsync(TextReader reader, Texts t,
        Guid? actorId, CancellationToken ct)
    {
        var (rows, errors) = MemberCsv.Parse(reader, t);
        return errors.Count > 0 ? (null, errors) : await importer.ApplyAsync(rows, t, actorId, ct);
    }

    public static string Describe(ImportReport? report, List<ImportError> errors, Texts t)
    {
        if (report is not null)
            return t.Format("Import.Done", report.People, report.Created, report.Updated, report.Unchanged,
                report.UnitsCreated, report.RolesAdded, report.RolesRemoved);
        var text = new StringBuilder(t.Format("Import.Failed", errors.Count));
        foreach (var e in errors.Take(ErrorsShown)) text.Append("\n\n").Append(t.Format("Import.Line", e.Line, e.Message));
        if (errors.Count > ErrorsShown) text.Append("\n\n").Append(t.Format("Import.MoreErrors", errors.Count - ErrorsShown));
        return text.ToString();
    }
}
