using System.Net.Mail;
using System.Text;
using StudyBot.Agency;
using StudyBot.Conversations;
using StudyBot.Downloads;
using StudyBot.Resources;

namespace StudyBot.Members.Import;

/// <summary>
/// Reads the member file (README, "Importing members"): UTF-8 CSV, one person per line, headers in Vietnamese
/// or English. Every problem is reported with its line number; a file with any problem yields no rows.
/// </summary>
public static class MemberCsv
{
    public const int MaxRows = 20_000;

    /// <summary>Folded header → field. Both the Vietnamese and the English names are accepted.</summary>
    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        ["upn"] = "upn",
        ["ho_ten"] = "name", ["ho_va_ten"] = "name", ["name"] = "name",
        ["email"] = "email",
        ["aad_object_id"] = "aad", ["aad"] = "aad",
        ["don_vi"] = "units", ["units"] = "units",
        ["dang_vien"] = "party", ["party_member"] = "party",
        ["vai_tro"] = "roles", ["roles"] = "roles",
    };

    public static (List<MemberRow> Rows, List<ImportError> Errors) Parse(TextReader reader, Texts t)
    {
        var rows = new List<MemberRow>();
        var errors = new List<ImportError>();
        using var records = CsvText.Read(reader).GetEnumerator();
        if (!records.MoveNext()) return ([], [new ImportError(1, t["Import.Empty"])]);

        var header = records.Current.Fields;
        var map = new Dictionary<string, int>();
        for (var i = 0; i < header.Count; i++)
        {
            var folded = CommandText.Fold(header[i].Trim()).Replace(' ', '_').Replace('-', '_');
            if (Columns.TryGetValue(folded, out var field)) map.TryAdd(field, i);
            else if (folded.Length > 0) errors.Add(new ImportError(1, t.Format("Import.UnknownColumn", header[i])));
        }
        foreach (var required in new[] { "upn", "name" })
            if (!map.ContainsKey(required)) errors.Add(new ImportError(1, t.Format("Import.MissingColumn", required == "upn" ? "upn" : "ho_ten")));
        if (errors.Count > 0) return ([], errors);

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (records.MoveNext())
        {
            var (line, values) = (records.Current.Line, records.Current.Fields);
            if (rows.Count + errors.Count >= MaxRows) { errors.Add(new ImportError(line, t.Format("Import.TooMany", MaxRows))); break; }
            string Field(string name) =>
                map.TryGetValue(name, out var i) && i < values.Count ? values[i].Normalize(NormalizationForm.FormC).Trim() : "";
            if (values.All(string.IsNullOrWhiteSpace)) continue; // blank lines are harmless

            var lineErrors = new List<string>();
            var upn = Field("upn").ToLowerInvariant();
            if (upn.Length == 0) lineErrors.Add(t["Import.MissingUpn"]);
            else if (!IsAddress(upn)) lineErrors.Add(t.Format("Import.BadUpn", upn));
            else if (seen.TryGetValue(upn, out var first)) lineErrors.Add(t.Format("Import.DuplicateUpn", upn, first));
            else seen[upn] = line;

            var name = Field("name");
            if (name.Length == 0) lineErrors.Add(t["Import.MissingName"]);
            else if (name.Length > 200) lineErrors.Add(t["Import.NameTooLong"]);

            var email = Field("email").ToLowerInvariant();
            if (email.Length > 0 && !IsAddress(email)) lineErrors.Add(t.Format("Import.BadEmail", email));

            var aad = Field("aad").ToLowerInvariant();
            if (aad.Length > 0 && !Guid.TryParse(aad, out _)) lineErrors.Add(t.Format("Import.BadAad", aad));

            var party = ParseFlag(Field("party"));
            if (party is null) lineErrors.Add(t.Format("Import.BadParty", Field("party")));

            var paths = Split(Field("units"))
                .Select(p => (IReadOnlyList<string>)p.Split('>').Select(n => n.Trim()).ToList())
                .ToList();
            foreach (var path in paths)
                if (path.Any(n => n.Length is 0 or > 200)) lineErrors.Add(t.Format("Import.BadUnit", string.Join(" > ", path)));

            var roles = new List<(Role, string?)>();
            foreach (var item in Split(Field("roles")))
            {
                var at = item.IndexOf('@');
                var word = at < 0 ? item : item[..at];
                var unit = at < 0 ? null : item[(at + 1)..].Trim();
                var role = RoleNames.Parse(CommandText.Fold(word));
                if (role is null) lineErrors.Add(t.Format("Import.BadRole", item));
                else if (role == Role.Secretary && string.IsNullOrEmpty(unit)) lineErrors.Add(t["Import.SecretaryNeedsUnit"]);
                else if (unit is { Length: 0 }) lineErrors.Add(t.Format("Import.BadRole", item));
                else roles.Add((role.Value, unit));
            }

            if (lineErrors.Count > 0) errors.AddRange(lineErrors.Select(e => new ImportError(line, e)));
            else rows.Add(new MemberRow(line, upn, name, NullIfEmpty(email), NullIfEmpty(aad), party!.Value, paths, roles));
        }
        if (rows.Count == 0 && errors.Count == 0) errors.Add(new ImportError(1, t["Import.Empty"]));
        return errors.Count > 0 ? ([], errors) : (rows, errors);
    }

    private static IEnumerable<string> Split(string field) =>
        field.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static bool IsAddress(string s) =>
        s.Length <= 256 && MailAddress.TryCreate(s, out var address) && address.Address == s && s.Contains('.');

    private static bool? ParseFlag(string value) => CommandText.Fold(value) switch
    {
        "" or "khong" or "no" or "false" or "0" => false,
        "co" or "x" or "yes" or "true" or "1" or "dang vien" => true,
        _ => null,
    };
}
