using StudyBot.Agency;

namespace StudyBot.Themes;

/// <summary>Under <c>Themes:</c>: when the yearly theme goes out, in the agency's local time (its zone is set here too).</summary>
public sealed class ThemeOptions : AgencyOptions
{
    /// <summary>Month and day of the yearly push, MM-dd.</summary>
    public string PushDate { get; set; } = "01-05";
    /// <summary>Also send the month's topic on the 1st of each month, when the theme has one.</summary>
    public bool MonthlyPush { get; set; }

    /// <summary>The first yearly push moment strictly after <paramref name="nowUtc"/>, in UTC.</summary>
    public DateTime NextYearlyPush(DateTime nowUtc)
    {
        var local = Local(nowUtc);
        var (month, day) = (int.Parse(PushDate[..2]), int.Parse(PushDate[3..]));
        for (var year = local.Year; ; year++)
        {
            var at = ToUtc(new DateTime(year, month, day).Add(TimeOfDay));
            if (at > nowUtc) return at;
        }
    }
}
