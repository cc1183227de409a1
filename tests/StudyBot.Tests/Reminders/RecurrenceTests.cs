using StudyBot.Reminders;

namespace StudyBot.Tests.Reminders;

/// <summary>Occurrences in the unit's local time, across month ends, leap years and (elsewhere) daylight saving.</summary>
public sealed class RecurrenceTests
{
    private static readonly TimeZoneInfo Hanoi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    private static List<DateTime> Next(Recurrence r, DateTime fromUtc, int count)
    {
        var list = new List<DateTime>();
        var at = fromUtc;
        for (var i = 0; i < count && r.NextAfter(at) is { } next; i++) { list.Add(next); at = next; }
        return list;
    }

    private static DateTime Local(DateTime utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTimeFromUtc(utc, zone);

    [Fact]
    public void The_cell_meeting_on_day_3_at_14_00_is_07_00_utc_every_month()
    {
        var r = new Recurrence(RepeatRule.MonthlyOnDay, new DateTime(2026, 1, 3, 14, 0, 0), Hanoi);
        var next = Next(r, new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc), 3);
        Assert.Equal([new(2026, 12, 3, 7, 0, 0), new(2027, 1, 3, 7, 0, 0), new(2027, 2, 3, 7, 0, 0)], next);
    }

    [Fact]
    public void Day_31_falls_back_to_the_last_day_of_short_months_and_to_29_february_in_a_leap_year()
    {
        var r = new Recurrence(RepeatRule.MonthlyOnDay, new DateTime(2027, 12, 31, 9, 0, 0), Hanoi);
        var days = Next(r, new DateTime(2027, 12, 1, 0, 0, 0, DateTimeKind.Utc), 5).Select(u => Local(u, Hanoi).ToString("yyyy-MM-dd HH:mm"));
        Assert.Equal(["2027-12-31 09:00", "2028-01-31 09:00", "2028-02-29 09:00", "2028-03-31 09:00", "2028-04-30 09:00"], days);
    }

    [Fact]
    public void The_last_day_and_the_last_friday_of_each_month()
    {
        var lastDay = new Recurrence(RepeatRule.MonthlyLastDay, new DateTime(2027, 1, 10, 16, 30, 0), Hanoi);
        Assert.Equal(["2027-01-31", "2027-02-28", "2027-03-31"],
            Next(lastDay, new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc), 3).Select(u => Local(u, Hanoi).ToString("yyyy-MM-dd")));
        var lastFriday = new Recurrence(RepeatRule.MonthlyLastFriday, new DateTime(2028, 2, 1, 8, 0, 0), Hanoi);
        Assert.Equal(["2028-02-25", "2028-03-31", "2028-04-28"],
            Next(lastFriday, new DateTime(2028, 2, 1, 0, 0, 0, DateTimeKind.Utc), 3).Select(u => Local(u, Hanoi).ToString("yyyy-MM-dd")));
    }

    [Fact]
    public void Weekly_keeps_the_weekday_and_a_past_one_off_has_no_next()
    {
        var weekly = new Recurrence(RepeatRule.Weekly, new DateTime(2026, 11, 23, 7, 30, 0), Hanoi); // a Monday
        var next = Next(weekly, new DateTime(2026, 12, 20, 0, 0, 0, DateTimeKind.Utc), 2).Select(u => Local(u, Hanoi)).ToList();
        Assert.All(next, d => Assert.Equal(DayOfWeek.Monday, d.DayOfWeek));
        Assert.Equal(new DateTime(2026, 12, 21, 7, 30, 0), next[0]);

        var once = new Recurrence(RepeatRule.Once, new DateTime(2026, 11, 25, 9, 0, 0), Hanoi);
        Assert.Equal(new DateTime(2026, 11, 25, 2, 0, 0), once.NextAfter(new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Null(once.NextAfter(new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Local_clock_time_holds_across_a_daylight_saving_change_in_a_zone_that_has_one()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var r = new Recurrence(RepeatRule.MonthlyOnDay, new DateTime(2027, 3, 3, 14, 0, 0), berlin);
        Assert.Equal([new(2027, 3, 3, 13, 0, 0), new(2027, 4, 3, 12, 0, 0)], Next(r, new DateTime(2027, 3, 1, 0, 0, 0, DateTimeKind.Utc), 2));
    }
}
