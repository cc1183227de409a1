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

    public string Name(Texts t) => Period[0] == 'q' ? t.Format("Theme.Quarter", Period[1] - '0') : t.Format("Theme.Month", int.Parse(Period[1..], CultureInfo.InvariantCulture));
}

/// <summary>Where a commitment stands for the secretary: done, not reported since the last check-in, behind its milestones, or on track.</summary>
public enum Standing { OnTrack, Behind, Done, NotReported }

/// <summary>Milestones as a member types them ("Quý 1: 25%", "Tháng 6: 50% xong 10 đơn vị"), and how far a commitment should be by a day.</summary>
public static partial class Milestones
{
    [GeneratedRegex(@"^(quy|q|quarter|thang|t|month)\s*(\d{1,2})\s*[:\-–]\s*(\d{1,3})\s*%?\s*[,;:\-–]?\s*(.*)$")]
    private static partial Regex Line();

    /// <summary>Every line that is not a milestone, or goes back down, is reported; what parses is returned in order.</summary>
    public static List<Milestone> Parse(string? text, Texts t, Cards.FormErrors errors)
    {
        var list = new List<Milestone>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var raw = line.Normalize(System.Text.NormalizationForm.FormC);
            // The note keeps its diacritics: only the period and the figure are read from the folded line.
            var folded = CommandText.Fold(raw);
            var match = Line().Match(folded);
            var isQuarter = match.Success && match.Groups[1].Value is "quy" or "q" or "quarter";
            var number = match.Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
            var percent = match.Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : -1;
            if (!match.Success || number < 1 || number > (isQuarter ? 4 : 12) || percent is < 0 or > 100)
            {
                errors.When(true, t.Format("Commit.BadMilestone", Cards.CardText.User(raw, 60)));
                continue;
            }
            var note = match.Groups[4].Value.Length == 0 ? null : raw[^match.Groups[4].Value.Length..].Trim();
            list.Add(new Milestone(isQuarter ? $"q{number}" : $"m{number}", percent, note));
        }
        list = list.OrderBy(m => m.End(2000)).ThenBy(m => m.Percent).ToList();
        for (var i = 1; i < list.Count; i++)
            if (list[i].Percent < list[i - 1].Percent)
                errors.When(true, t.Format("Commit.MilestoneDown", list[i].Name(t), list[i - 1].Name(t)));
        return list;
    }

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
