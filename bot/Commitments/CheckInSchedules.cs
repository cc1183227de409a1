using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;
using StudyBot.Resources;

namespace StudyBot.Commitments;

/// <summary>What the schedule form holds, as typed.</summary>
public sealed record ScheduleForm(string Cadence, string? Day, string? Time, string? RecordDate);

/// <summary>`làm theo lịch`: when a cell is asked for progress (monthly by default) and when the record of the year goes out.</summary>
public static class CheckInSchedules
{
    public const string FormVerb = "commit.schedule.form";
    public const string SaveVerb = "commit.schedule.save";

    public static async Task FormAsync(Turn turn)
    {
        if (await UnitAsync(turn, "commit.schedule") is not var (unitName, unitId)) return;
        var s = await turn.Db.Set<CheckInSchedule>().FirstOrDefaultAsync(x => x.UnitId == unitId) ?? new CheckInSchedule { UnitId = unitId };
        var (year, _) = CommitmentCommands.Today(turn);
        var values = new ScheduleForm(s.Cadence, s.Day.ToString(CultureInfo.InvariantCulture), s.Time, RecordIso(s.RecordDate, year));
        turn.Show(Card(turn.T, unitName, unitId, year, values));
    }

    public static async Task SaveAsync(Turn turn)
    {
        if (await UnitAsync(turn, "commit.schedule") is not var (unitName, unitId)) return;
        var (year, _) = CommitmentCommands.Today(turn);
        var values = new ScheduleForm(turn.Field("cadence") ?? "", turn.Field("day")?.Trim(), turn.Field("time")?.Trim(), turn.Field("record")?.Trim());
        var t = turn.T;
        var dayOk = int.TryParse(values.Day, NumberStyles.Integer, CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 28;
        var timeOk = TimeOnly.TryParseExact(values.Time, "HH:mm", out _);
        var (_, today) = CommitmentCommands.Today(turn);
        var recordOk = DateOnly.TryParseExact(values.RecordDate, "yyyy-MM-dd", out var record) && record.Year == year && record.Month >= 10;
        var errors = new FormErrors()
            .When(values.Cadence is not (CheckInCadence.Monthly or CheckInCadence.Quarterly or CheckInCadence.Off), t["Commit.BadCadence"])
            .When(!dayOk, t["Commit.BadDay"]).When(!timeOk, t["Commit.BadTime"])
            .When(!recordOk, t.Format("Commit.BadRecordDate", year))
            // A day already past would send no record this year at all.
            .When(recordOk && record < today, t["Commit.RecordDatePast"]);
        if (errors.Text is { } error) { turn.UpdateCard(Card(t, unitName, unitId, year, values, error)); return; }

        var schedule = await turn.Db.Set<CheckInSchedule>().FirstOrDefaultAsync(x => x.UnitId == unitId);
        // Jobs scheduled before the cell had a row carry version 1, the default: a new row must move past it.
        if (schedule is null) turn.Db.Add(schedule = new CheckInSchedule { UnitId = unitId });
        (schedule.Cadence, schedule.Day, schedule.Time, schedule.RecordDate) = (values.Cadence, day, values.Time!, record.ToString("dd/MM", CultureInfo.InvariantCulture));
        (schedule.Version, schedule.UpdatedAt, schedule.UpdatedBy) = (schedule.Version + 1, turn.Now, turn.Member.Id);
        var zone = CommitmentCommands.Zone(turn);
        await CheckIns.EnsureScheduledAsync(turn.Db, unitId, turn.Now, zone, default);
        turn.Audit("commit.schedule", unitId.ToString(), detail: $"{values.Cadence} {day} {values.Time} {schedule.RecordDate}");
        var next = Next(schedule, turn.Now, zone);
        turn.UpdateCard(CardMessages.Notice(t.Format("Commit.ScheduleTitle", CardText.User(unitName, 100)),
            t.Format(next is null ? "Commit.ScheduleSavedOff" : "Commit.ScheduleSaved",
                next is { } due ? LocalTime.Describe(LocalTime.Of(due, zone), t) : "", record.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture))));
    }

    public static AdaptiveCard Card(Texts t, string unitName, Guid unitId, int year, ScheduleForm values, string? error = null)
    {
        var card = new AdaptiveCard().Add(Element.Heading(t.Format("Commit.ScheduleTitle", CardText.User(unitName, 100))));
        if (error is not null) card.Add(Element.Error(error));
        return card
            .Add(Element.ChoiceInput("cadence", t["Commit.FieldCadence"],
                [(t["Commit.Cadence.monthly"], CheckInCadence.Monthly), (t["Commit.Cadence.quarterly"], CheckInCadence.Quarterly), (t["Commit.Cadence.off"], CheckInCadence.Off)],
                values.Cadence))
            .Add(Element.TextInput("day", t["Commit.FieldDay"], values.Day, 2, placeholder: "25"))
            .Add(new JsonObject { ["type"] = "Input.Time", ["id"] = "time", ["label"] = t["Reminder.FieldTime"], ["value"] = values.Time, ["isRequired"] = true, ["errorMessage"] = t["Reminder.FieldTime"] })
            .Add(new JsonObject
            {
                ["type"] = "Input.Date", ["id"] = "record", ["label"] = t["Commit.FieldRecordDate"], ["value"] = values.RecordDate,
                ["min"] = $"{year}-10-01", ["max"] = $"{year}-12-31", ["isRequired"] = true, ["errorMessage"] = t["Commit.FieldRecordDate"],
            })
            .AddAction(CardAction.Execute(t["Theme.Save"], SaveVerb, new JsonObject { ["unit"] = unitId.ToString() }));
    }

    /// <summary>The next check-in after <paramref name="afterUtc"/>: the day of each month (or of each quarter's last month), at the time, local.</summary>
    public static DateTime? Next(CheckInSchedule s, DateTime afterUtc, TimeZoneInfo zone)
    {
        if (s.Cadence == CheckInCadence.Off) return null;
        var after = LocalTime.Of(afterUtc, zone);
        var time = TimeOnly.TryParseExact(s.Time, "HH:mm", out var t) ? t : new TimeOnly(9, 0);
        var month = new DateTime(after.Year, after.Month, 1);
        for (var i = 0; i < 15; i++, month = month.AddMonths(1))
        {
            if (s.Cadence == CheckInCadence.Quarterly && month.Month % 3 != 0) continue;
            var local = month.AddDays(Math.Clamp(s.Day, 1, 28) - 1) + time.ToTimeSpan();
            if (local > after) return LocalTime.ToUtc(local, zone);
        }
        return null;
    }

    /// <summary>
    /// The cell's settings as this turn sees them: one added in this very turn counts (it is not in the store yet), and
    /// a cell without a row has the defaults.
    /// </summary>
    public static async Task<CheckInSchedule> CurrentAsync(StudyBot.Storage.StudyBotDb db, Guid unitId, CancellationToken ct) =>
        db.Set<CheckInSchedule>().Local.FirstOrDefault(s => s.UnitId == unitId)
        ?? await db.Set<CheckInSchedule>().FirstOrDefaultAsync(s => s.UnitId == unitId, ct)
        ?? new CheckInSchedule { UnitId = unitId };

    /// <summary>The record date of <paramref name="year"/> as the date input wants it.</summary>
    public static string RecordIso(string recordDate, int year) =>
        DateOnly.TryParseExact($"{recordDate}/{year}", "dd/MM/yyyy", out var d) ? d.ToString("yyyy-MM-dd") : $"{year}-12-15";

    /// <summary>The unit the card names if this person manages it, else their own first cell; refused when they manage none.</summary>
    private static async Task<(string, Guid)?> UnitAsync(Turn turn, string action)
    {
        var units = await ManagedUnits.ListAsync(turn.Db, turn.Roles, turn.Member.Id);
        if (units.Count == 0) { turn.Refuse(action, Access.SecretariesAndAdmins); return null; }
        if (turn.Field("unit") is not { } named) return units[0];
        var match = units.FirstOrDefault(u => u.Id.ToString() == named);
        if (match.Name is null) { turn.Refuse(action, Access.SecretariesAndAdmins, named); return null; }
        return match;
    }
}
