using System.Globalization;

namespace StudyBot.Agency;

/// <summary>
/// The agency's own clock: the time zone its dates are read in where no unit is named (summaries, exports, the yearly
/// push), and the hour its news goes out. Set as <c>Themes:TimeZone</c> and <c>Themes:PushTime</c>, where they were first
/// needed, so existing settings keep working.
/// </summary>
public class AgencyOptions
{
    public string TimeZone { get; set; } = Unit.DefaultTimeZone;
    /// <summary>Local time of the yearly and monthly news (the theme, the month's nominations), HH:mm.</summary>
    public string PushTime { get; set; } = "08:00";

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>The next 1st-of-month moment at <see cref="PushTime"/> after <paramref name="nowUtc"/>, in UTC.</summary>
    public DateTime NextMonthlyPush(DateTime nowUtc)
    {
        var local = Local(nowUtc);
        var first = new DateTime(local.Year, local.Month, 1).Add(TimeOfDay);
        var at = ToUtc(first);
        return at > nowUtc ? at : ToUtc(first.AddMonths(1));
    }

    public TimeSpan TimeOfDay => TimeSpan.Parse(PushTime, CultureInfo.InvariantCulture);

    public DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);
}
