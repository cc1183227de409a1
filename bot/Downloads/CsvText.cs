using System.Text;

namespace StudyBot.Downloads;

/// <summary>One CSV record and the line it starts on (a quoted field may span lines).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// RFC 4180 CSV: quoted fields with "" for a quote and line breaks inside quotes. The delimiter is found
/// from the header line, because spreadsheets save with ',' or ';' depending on the machine's settings.
/// </summary>
public static class CsvText
{
    /// <summary>
    /// One cell for writing: quoted when it holds a comma, quote or line break, and with a leading apostrophe
    /// when it starts like a spreadsheet formula, so a name such as "=HYPERLINK(…)" stays text in Excel.
    /// </summary>
    public static string Quote(string cell)
    {
        if (cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r') cell = "'" + cell;
        return cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
    }

    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        var text = reader.ReadToEnd();
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var delimiter = DetectDelimiter(text);
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0: quoted = true; break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString()); field.Clear();
                    yield return new CsvRecord(recordLine, fields);
                    fields = [];
                    recordLine = ++line;
                    break;
                default:
                    if (c == delimiter) { fields.Add(field.ToString()); field.Clear(); }
                    else field.Append(c);
                    break;
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordLine, fields);
        }
    }

    private static char DetectDelimiter(string text)
    {
        var end = text.IndexOf('\n');
        var header = end < 0 ? text : text[..end];
        return new[] { ',', ';', '\t' }.OrderByDescending(d => header.Count(ch => ch == d)).First();
    }
}
