using System.Text.RegularExpressions;

namespace StudyBot.Conduct;

/// <summary>
/// A question that asks for a figure, a date or an article ("mấy ngày", "bao nhiêu %", "điều mấy") is answered only by
/// an entry that gives that kind of figure. The base never invents one, so an entry on the right subject without it is
/// not an answer: the member should be offered the secretary, not a general paragraph stated with confidence. A number
/// elsewhere in the answer ("Quận 9", "13/13 đảng viên") is not the figure asked for, so the figure must come with
/// the thing counted. This holds for an entry that leaves the detail to the unit's rules too: a member who asked for
/// the number is better served by «Hỏi bí thư» up front than by a confident paragraph saying there is none.
/// </summary>
public static partial class FigureAsked
{
    private const string Number = @"(\d+|hai|ba|bon|nam|sau|bay|tam|chin|muoi|mot)";

    /// <summary>
    /// What an answer must hold to answer the question, as a pattern over folded text; null when the question asks for
    /// no figure.
    /// </summary>
    public static Regex? Wanted(string question)
    {
        var q = VietnameseText.Fold(question);
        if (Article().IsMatch(q)) return Cached(@"\b(dieu|khoan|chuong) \d");
        if (Date().IsMatch(q)) return Cached(@"\b\d{1,2}/\d{1,2}/\d{4}\b|\bngay \d{1,2}\b");
        if (Verbatim().IsMatch(q)) return Cached("«");
        if (Money().IsMatch(q) || Percent().IsMatch(q)) return Cached(@"\d[\d.,]*\s*(%|(phan tram|dong|trieu|nghin|ty)\b)");
        if (q.Contains("bao lau", StringComparison.Ordinal)) return Cached($@"\b{Number} (ngay|thang|nam|gio|tuan|phut)\b");
        if (Counted().Match(q) is { Success: true } m)
            return Cached($@"\b{Number}( \w+){{0,2}},? {Regex.Escape(m.Groups[2].Value)}\b");
        return null;
    }

    /// <summary>Whether the folded answer gives what <see cref="Wanted"/> asks.</summary>
    public static bool Gives(string foldedAnswer, Regex wanted) => wanted.IsMatch(foldedAnswer);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> Patterns = new();

    // A few dozen distinct patterns in all (one per thing counted), so they are kept compiled.
    private static Regex Cached(string pattern) => Patterns.Count > 512 ? new Regex(pattern, RegexOptions.CultureInvariant)
        : Patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant | RegexOptions.Compiled));

    [GeneratedRegex(@"\b(dieu|khoan|chuong) (may|nao|so)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Article();

    [GeneratedRegex(@"\b(ngay nao|thang nao|han chot|han nop|han cuoi)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Date();

    [GeneratedRegex(@"\b(trich|xin|gui|cho)( \w+)? nguyen van\b", RegexOptions.CultureInvariant)]
    private static partial Regex Verbatim();

    [GeneratedRegex(@"\b(muc (dong|huong|phat|luong)|so tien|bao nhieu tien)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Money();

    [GeneratedRegex(@"(bao nhieu|may) ?(%|phan tram)", RegexOptions.CultureInvariant)]
    private static partial Regex Percent();

    // Quantities only: "mấy bước", "mấy biểu hiện" are answered by an entry that lists them, without a count.
    [GeneratedRegex(@"\b(may|bao nhieu) (ngay|lan|thang|nam|gio|tuan|phut|tieng|buoi|ky|dong|trieu|nguoi)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Counted();
}
