using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using StudyBot.Conversations;
using StudyBot.Protocol;
using StudyBot.Resources;

namespace StudyBot.Commitments;

/// <summary>A point on the way (Rõ tiến độ): by the end of a quarter or a month, this far.</summary>
public sealed record Milestone(string Period, int Percent, string? Note = null)
{
    /// <summary>The last day of the period in <paramref name="year"/>.</summary>
    public DateOnly End(int year)
    {
        var month = Period[0] == 'q' ? (Period[1] - '0') * 3 : int.Parse(Period[1..], CultureInfo.InvariantCulture);
        return new DateOnly(year, month, DateTime.DaysInMonth(year, month));
    }

    /// <summary>The first day of the period in <paramref name="year"/>.</summary>
    public DateOnly Start(int year) => Period[0] == 'q' ? new DateOnly(year, (Period[1] - '0') * 3 - 2, 1) : new DateOnly(year, End(year).Month, 1);

    public string Name(Texts t) => Period[0] == 'q' ? t.Format("Theme.Quarter", Period[1] - '0') : t.Format("Theme.Month", int.Parse(Period[1..], CultureInfo.InvariantCulture));
}

/// <summary>Where a commitment stands for the secretary: done, not reported since the last check-in, behind its milestones, or on track.</summary>
public enum Standing { OnTrack, Behind, Done, NotReported }

/// <summary>Milestones as a member types them ("Quý 1: 25%", "Tháng 6: 50% xong 10 đơn vị"), and how far a commitment should be by a day.</summary>
public static partial class Milestones
{
    // Read from the folded line (lower case, no diacritics, same length): "quý IV", "Q2", "tháng 03", "T6", "Month 9",
    // "6/2026", anywhere in the line ("hết quý 3", "- Tháng 4"), with or without a year after it.
    [GeneratedRegex(@"\b(?:(?:quy|q|quarter)\.?\s*(?<q>iv|i{1,3}|\d{1,2})|(?:thang|month|t)\.?\s*(?<m>\d{1,2}))\b(?:\s*/\s*\d{4})?|\b(?<my>\d{1,2})\s*/\s*\d{4}\b")]
    private static partial Regex Period();

    // "50%", "30 %"; or a bare figure right after the period and a colon ("Quý 1: 25").
    [GeneratedRegex(@"(?<p>\d{1,3})\s*%")]
    private static partial Regex Percent();

    [GeneratedRegex(@"\d[,.]\d+\s*%")]
    private static partial Regex Decimal();

    [GeneratedRegex(@"^\s*[:\-–]\s*(?<p>\d{1,3})\b(?!\s*/)")]
    private static partial Regex BareAfterPeriod();

    /// <summary>Every line that is not a milestone, or goes back down, is reported; what parses is returned in order.</summary>
    public static List<Milestone> Parse(string? text, Texts t, Cards.FormErrors errors)
    {
        var list = new List<Milestone>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var raw = line.Normalize(System.Text.NormalizationForm.FormC);
            if (Read(raw) is { } milestone) list.Add(milestone);
            else errors.When(true, t.Format("Commit.BadMilestone", Cards.CardText.User(raw, 60)));
        }
        list = list.OrderBy(m => m.End(2000)).ThenBy(m => m.Percent).ToList();
        for (var i = 1; i < list.Count; i++)
            if (list[i].Percent < list[i - 1].Percent)
                errors.When(true, t.Format("Commit.MilestoneDown", list[i].Name(t), list[i - 1].Name(t)));
        return list;
    }

    /// <summary>One typed line as a milestone, or null when a careful reader would not take it as one.</summary>
    public static Milestone? Read(string raw)
    {
        // The folded line has the same length as the typed one, so a note is cut from the typed line, diacritics and all.
        var folded = CommandText.Fold(raw);
        var period = Period().Match(folded);
        if (!period.Success) return null;
        string? code = null;
        if (period.Groups["q"].Success)
        {
            var q = period.Groups["q"].Value switch { "i" => 1, "ii" => 2, "iii" => 3, "iv" => 4, var d => int.Parse(d, CultureInfo.InvariantCulture) };
            if (q is >= 1 and <= 4) code = $"q{q}";
        }
        else
        {
            var m = int.Parse(period.Groups["m"].Success ? period.Groups["m"].Value : period.Groups["my"].Value, CultureInfo.InvariantCulture);
            if (m is >= 1 and <= 12) code = $"m{m}";
        }
        if (code is null) return null;
        var periodEnd = period.Index + period.Length;
        var figure = Percent().Match(folded);
        int noteFrom;
        if (figure.Success && !Overlaps(figure, period)) noteFrom = figure.Index + figure.Length;
        else
        {
            figure = BareAfterPeriod().Match(folded[periodEnd..]);
            if (!figure.Success) return null;
            noteFrom = periodEnd + figure.Index + figure.Length;
        }
        var percent = int.Parse(figure.Groups["p"].Value, CultureInfo.InvariantCulture);
        if (percent > 100) return null;
        // "2,5%" is not 2%; and a second period or figure on the line ("Quý 1: 25%, Quý 2: 50%") is two milestones on one
        // line, which must be two lines rather than one milestone with the rest taken for a note.
        if (Decimal().IsMatch(folded)) return null;
        var tail = folded[Math.Min(noteFrom, folded.Length)..];
        if (Period().IsMatch(tail) || Percent().IsMatch(tail)) return null;
        var note = raw[Math.Min(noteFrom, raw.Length)..].Trim(' ', '.', ',', ';', ':', '-', '–', '(', ')');
        return new Milestone(code, percent, note.Length == 0 ? null : note);
    }

    private static bool Overlaps(Match a, Match b) => a.Index < b.Index + b.Length && b.Index < a.Index + a.Length;

    public static string Format(IEnumerable<Milestone> milestones, Texts t) =>
        string.Join('\n', milestones.Select(m => $"{m.Name(t)}: {m.Percent}%{(m.Note is { } n ? " " + n : "")}"));

    public static List<Milestone> Read(Commitment c) => JsonSerializer.Deserialize<List<Milestone>>(c.Milestones, WireJson.Options) ?? [];

    public static string Write(IEnumerable<Milestone> milestones) => JsonSerializer.Serialize(milestones, WireJson.Options);

    /// <summary>How far it should be by <paramref name="today"/>: the highest milestone already past, and all of it after the deadline.</summary>
    public static int Expected(Commitment c, int year, DateOnly today) =>
        today > c.Deadline ? 100 : Read(c).Where(m => m.End(year) < today).Select(m => m.Percent).DefaultIfEmpty(0).Max();

    /// <summary>
    /// Done at 100%; otherwise not reported when a check-in went out after its last report (or it never reported once
    /// one was due); otherwise behind when short of what its milestones expect by now.
    /// </summary>
    public static Standing Of(Commitment c, int year, DateOnly today, DateTime? lastCheckIn)
    {
        if (c.Percent >= 100) return Standing.Done;
        if (lastCheckIn is { } asked && (c.ReportedAt is null || c.ReportedAt < asked)) return Standing.NotReported;
        return (c.Percent ?? 0) < Expected(c, year, today) ? Standing.Behind : Standing.OnTrack;
    }
}
