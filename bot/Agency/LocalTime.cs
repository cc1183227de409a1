using StudyBot.Resources;

namespace StudyBot.Agency;

/// <summary>Dates as people read them (VOICE.md): weekday, dd/MM/yyyy and HH:mm, in the unit's time zone.</summary>
public static class LocalTime
{
    public static TimeZoneInfo Zone(Unit unit) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(unit.TimeZone, out var zone) ? zone : TimeZoneInfo.FindSystemTimeZoneById(Unit.DefaultTimeZone);

    public static DateTime Of(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>A wall-clock time in the zone as the UTC instant it is.</summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);

    /// <summary>A calendar year in the zone, as the UTC instants it starts and ends at.</summary>
    public static (DateTime From, DateTime To) Year(int year, TimeZoneInfo zone) =>
        (ToUtc(new DateTime(year, 1, 1), zone), ToUtc(new DateTime(year + 1, 1, 1), zone));

    public static string Describe(DateTime local, Texts t) =>
        t.Format("Time.At", t[$"Weekday.{local.DayOfWeek}"], local.ToString("dd/MM/yyyy"), local.ToString("HH:mm"));
}
