namespace StudyBot.Agency;

/// <summary>
/// The agency's own clock: the time zone its dates are read in where no unit is named (summaries, exports, the yearly
/// push). Set as <c>Themes:TimeZone</c>, where it was first needed, so existing settings keep working.
/// </summary>
public class AgencyOptions
{
    public string TimeZone { get; set; } = Unit.DefaultTimeZone;

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}
