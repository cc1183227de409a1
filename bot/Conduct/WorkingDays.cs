using System.Globalization;

namespace StudyBot.Conduct;

/// <summary>Counting working days: Monday to Friday, except the configured public holidays.</summary>
public static class WorkingDays
{
    /// <summary>The same time of day, <paramref name="days"/> working days after <paramref name="local"/>.</summary>
    public static DateTime Add(DateTime local, int days, IEnumerable<string> holidays)
    {
        var off = holidays.Select(h => DateOnly.TryParseExact(h, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : default)
            .ToHashSet();
        var at = local;
        for (var counted = 0; counted < days;)
        {
            at = at.AddDays(1);
            if (at.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !off.Contains(DateOnly.FromDateTime(at))) counted++;
        }
        return at;
    }
}
