using System.Text;
using System.Text.RegularExpressions;

namespace StudyBot.Cards;

/// <summary>
/// Makes text that a person typed safe to show on someone else's card: it reads as plain text, never as
/// Markdown formatting, an HTML tag, a mention or a live link.
/// </summary>
public static partial class CardText
{
    public static string User(string? text, int maxChars = 2000)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var trimmed = text.Length > maxChars ? text[..maxChars] + "…" : text;
        var sb = new StringBuilder(trimmed.Length + 16);
        foreach (var c in trimmed)
        {
            switch (c)
            {
                // Markdown emphasis, code, links and headings that Teams' TextBlock would interpret.
                case '\\' or '*' or '_' or '`' or '[' or ']' or '~' or '#' or '|':
                    sb.Append('\\').Append(c);
                    break;
                // Angle brackets would open HTML or an <at> mention; full-width forms read the same.
                case '<': sb.Append('＜'); break;
                case '>': sb.Append('＞'); break;
                default: sb.Append(c); break;
            }
        }
        var escaped = LineStartList().Replace(sb.ToString(), m => m.Value[..^1] + "\\" + m.Value[^1..]);
        // A word joiner inside "://" and "www." stops clients from turning an address into a link.
        return escaped.Replace("://", ":\u2060//").Replace("www.", "www\u2060.", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Text for an input's choice or value, which clients show as plain text, never as Markdown: escaping it, as
    /// <see cref="User"/> does for a TextBlock, would show the backslashes ("\_\_\_" for a blank). Only angle brackets
    /// are replaced, and the text is cut at a word.
    /// </summary>
    public static string Choice(string? text, int maxChars = 200)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var plain = text.Replace('<', '＜').Replace('>', '＞').ReplaceLineEndings(" ");
        if (plain.Length <= maxChars) return plain;
        var cut = plain.LastIndexOf(' ', maxChars - 1);
        return plain[..(cut > maxChars / 2 ? cut : maxChars)].TrimEnd() + "…";
    }

    /// <summary>"- ", "+ " and "1. " at the start of a line would become a list.</summary>
    [GeneratedRegex(@"(?m)^(\s*)([-+]|\d+\.)(?=\s)")]
    private static partial Regex LineStartListRegex();

    private static Regex LineStartList() => LineStartListRegex();
}
