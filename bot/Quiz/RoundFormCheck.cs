using System.Globalization;
using StudyBot.Cards;
using StudyBot.Resources;

namespace StudyBot.Quiz;

/// <summary>
/// Checks the round form: a title, times that parse, opening in the future, closing after opening, a question
/// count the bank can fill (or picked questions that exist), and a per-question limit from the offered list.
/// Every problem found is reported at once (<see cref="FormErrors"/>), each with what to do about it.
/// </summary>
public sealed record RoundFormCheck(string? Error, DateTime OpensAt, DateTime ClosesAt, List<QuizQuestion> Questions, bool Picked, int? Seconds)
{
    private static readonly int[] OfferedSeconds = [0, 30, 60, 120, 300];

    public static RoundFormCheck Run(Texts t, RoundForm v, TimeZoneInfo zone, DateTime now, IReadOnlyList<QuizQuestion> bank, int max)
    {
        var opens = ToUtc(v.OpenDate, v.OpenTime, zone);
        var closes = ToUtc(v.CloseDate, v.CloseTime, zone);
        var secondsRead = int.TryParse(v.Seconds ?? "0", NumberStyles.None, CultureInfo.InvariantCulture, out var seconds);
        var errors = new FormErrors()
            .When(v.Title is null, t["Round.TitleRequired"])
            .When(v.Title is { Length: > 200 }, t.Format("Content.TooLong", 200))
            .When(opens is null, t["Round.BadOpen"])
            .When(closes is null, t["Round.BadClose"])
            .When(opens <= now, t["Round.OpenInPast"])
            .When(opens is not null && closes <= opens, t["Round.CloseBeforeOpen"])
            .When(!secondsRead || !OfferedSeconds.Contains(seconds), t["Round.BadSeconds"]);

        var questions = new List<QuizQuestion>();
        var picked = (v.Questions ?? "").Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (picked.Count > 0)
        {
            var byId = bank.ToDictionary(q => q.Id, StringComparer.OrdinalIgnoreCase);
            foreach (var unknown in picked.Where(id => !byId.ContainsKey(id))) errors.When(true, t.Format("Round.UnknownQuestion", unknown));
            errors.When(picked.Count > max, t.Format("Round.TooMany", max));
            questions = picked.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
        }
        else
        {
            var counted = int.TryParse(v.Count, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var count)
                && count >= 1 && count <= max;
            errors.When(!counted, t.Format("Round.BadCount", max)).When(counted && count > bank.Count, t.Format("Round.BankTooSmall", bank.Count));
            if (counted) questions = bank.OrderBy(_ => Random.Shared.Next()).Take(count).ToList();
        }
        return errors.Text is { } error ? new(error, default, default, [], false, null)
            : new RoundFormCheck(null, opens!.Value, closes!.Value, questions, picked.Count > 0, seconds == 0 ? null : seconds);
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
