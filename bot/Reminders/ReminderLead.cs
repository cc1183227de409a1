namespace StudyBot.Reminders;

/// <summary>
/// How far ahead of a meeting its reminder also goes out, so people can plan: two hours before, the day before at the
/// same time, or the afternoon before at 16:00. The card at the meeting's own time still comes.
/// </summary>
public static class ReminderLead
{
    public const string TwoHours = "2h";
    public const string DayBefore = "1d";
    public const string EveningBefore = "eve16";
    public static readonly string[] All = [TwoHours, DayBefore, EveningBefore];

    /// <summary>The moment (in the unit's local time) the early card goes out for a meeting at <paramref name="meeting"/>.</summary>
    public static DateTime? Before(string? lead, DateTime meeting) => lead switch
    {
        TwoHours => meeting.AddHours(-2),
        DayBefore => meeting.AddDays(-1),
        EveningBefore => meeting.Date.AddDays(-1).AddHours(16),
        _ => null,
    };
}
