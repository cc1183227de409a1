namespace StudyBot.Reminders;

public enum RepeatRule
{
    Once,
    /// <summary>Every week on the weekday of the first time.</summary>
    Weekly,
    /// <summary>Every month on the day of the first time; day 31 falls back to the month's last day.</summary>
    MonthlyOnDay,
    MonthlyLastDay,
    MonthlyLastFriday,
}

/// <summary>
/// When a reminder falls, in the unit's local time, and the matching UTC instant. The first time's local
/// clock time is kept in every month, whatever the offset to UTC.
/// </summary>
public sealed record Recurrence(RepeatRule Rule, DateTime FirstLocal, TimeZoneInfo Zone)
{
    /// <summary>The first occurrence strictly after <paramref name="afterUtc"/>, or null when there is none (a past one-off).</summary>
    public DateTime? NextAfter(DateTime afterUtc)
    {
        var afterLocal = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(afterUtc, DateTimeKind.Utc), Zone);
        foreach (var local in LocalTimesFrom(afterLocal.AddDays(-1)))
        {
            var utc = ToUtc(local);
            if (utc > afterUtc) return utc;
        }
        return null;
    }

    /// <summary>Local occurrence times from about <paramref name="from"/> on (never before the first time).</summary>
    private IEnumerable<DateTime> LocalTimesFrom(DateTime from)
    {
        var time = FirstLocal.TimeOfDay;
        switch (Rule)
        {
            case RepeatRule.Once:
                yield return FirstLocal;
                yield break;
            case RepeatRule.Weekly:
                var weeks = Math.Max(0, (int)Math.Floor((from - FirstLocal).TotalDays / 7));
                for (var w = weeks; w < weeks + 3; w++) yield return FirstLocal.AddDays(7 * w);
                yield break;
            default:
                var start = new DateTime(FirstLocal.Year, FirstLocal.Month, 1);
                var month = from > start ? new DateTime(from.Year, from.Month, 1) : start;
                for (var m = 0; m < 3; m++, month = month.AddMonths(1))
                {
                    var day = DayIn(month);
                    var at = month.AddDays(day - 1).Add(time);
                    if (at >= FirstLocal) yield return at;
                }
                yield break;
        }
    }

    private int DayIn(DateTime month)
    {
        var last = DateTime.DaysInMonth(month.Year, month.Month);
        switch (Rule)
        {
            case RepeatRule.MonthlyOnDay: return Math.Min(FirstLocal.Day, last);
            case RepeatRule.MonthlyLastDay: return last;
            default:
                var day = last;
                while (new DateTime(month.Year, month.Month, day).DayOfWeek != DayOfWeek.Friday) day--;
                return day;
        }
    }

    /// <summary>Local to UTC; a local time that does not exist (a daylight-saving gap) moves forward an hour.</summary>
    private DateTime ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddHours(1);
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, Zone);
    }
}
