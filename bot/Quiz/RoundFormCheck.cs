using System.Globalization;
using StudyBot.Resources;

namespace StudyBot.Quiz;

/// <summary>
/// Checks the round form: a title, times that parse, opening in the future, closing after opening, a question
/// count the bank can fill (or picked questions that exist), and a per-question limit from the offered list.
/// The first problem found is the one the secretary reads, with what to do about it.
/// </summary>
public sealed record RoundFormCheck(string? Error, DateTime OpensAt, DateTime ClosesAt, List<QuizQuestion> Questions, bool Picked, int? Seconds)
{
    private static readonly int[] OfferedSeconds = [0, 30, 60, 120, 300];

    private static RoundFormCheck Fail(string error) => new(error, default, default, [], false, null);

    public static RoundFormCheck Run(Texts t, RoundForm v, TimeZoneInfo zone, DateTime now, IReadOnlyList<QuizQuestion> bank, int max)
    {
        if (v.Title is null) return Fail(t["Round.TitleRequired"]);
        if (v.Title.Length > 200) return Fail(t.Format("Content.TooLong", 200));
        if (ToUtc(v.OpenDate, v.OpenTime, zone) is not { } opens) return Fail(t["Round.BadOpen"]);
        if (ToUtc(v.CloseDate, v.CloseTime, zone) is not { } closes) return Fail(t["Round.BadClose"]);
        if (opens <= now) return Fail(t["Round.OpenInPast"]);
        if (closes <= opens) return Fail(t["Round.CloseBeforeOpen"]);
        if (!int.TryParse(v.Seconds ?? "0", NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || !OfferedSeconds.Contains(seconds))
            return Fail(t["Round.BadSeconds"]);

        List<QuizQuestion> questions;
        var picked = (v.Questions ?? "").Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (picked.Count > 0)
        {
            var byId = bank.ToDictionary(q => q.Id, StringComparer.OrdinalIgnoreCase);
            if (picked.FirstOrDefault(id => !byId.ContainsKey(id)) is { } unknown) return Fail(t.Format("Round.UnknownQuestion", unknown));
            if (picked.Count > max) return Fail(t.Format("Round.TooMany", max));
            questions = picked.Select(id => byId[id]).ToList();
        }
        else
        {
            if (!int.TryParse(v.Count, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var count)
                || count < 1 || count > max)
                return Fail(t.Format("Round.BadCount", max));
            if (count > bank.Count) return Fail(t.Format("Round.BankTooSmall", bank.Count));
            questions = bank.OrderBy(_ => Random.Shared.Next()).Take(count).ToList();
        }
        return new RoundFormCheck(null, opens, closes, questions, picked.Count > 0, seconds == 0 ? null : seconds);
    }

    private static DateTime? ToUtc(string? date, string? time, TimeZoneInfo zone)
    {
        if (!DateTime.TryParseExact($"{date} {time}", "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return null;
        // A wall-clock time skipped by a daylight-saving change does not exist; Vietnam has none, other zones may.
        if (zone.IsInvalidTime(local)) return null;
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
    }
}
