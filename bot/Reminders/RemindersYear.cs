using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Resources;
using StudyBot.Storage;

namespace StudyBot.Reminders;

/// <summary>A year of meetings: reminders acknowledged, and the stories of Bác told at the cell's meetings.</summary>
internal sealed class RemindersYear : IYearPart
{
    public int Order => 20;

    public async Task<IReadOnlyList<YearLine>> MemberAsync(StudyBotDb db, Guid memberId, int year, Texts t, TimeZoneInfo zone, CancellationToken ct)
    {
        var (from, to) = LocalTime.Year(year, zone);
        var acknowledged = await db.Set<Acknowledgement>().CountAsync(a => a.MemberId == memberId && a.At >= from && a.At < to, ct);
        var stories = await db.Set<StoryAssignment>().Where(s => s.MemberId == memberId && s.Status == StoryStatus.Accepted && s.OccurrenceDue >= from && s.OccurrenceDue < to)
            .OrderBy(s => s.OccurrenceDue).Select(s => s.OccurrenceDue).ToListAsync(ct);
        var lines = new List<YearLine> { new(t["Year.Reminders"], t.Format("Year.Acknowledged", acknowledged)) };
        lines.AddRange(stories.Select(d => new YearLine(t["Year.Stories"], t.Format("Year.StoryLine", LocalTime.Of(d, zone).ToString("dd/MM/yyyy")))));
        return lines;
    }

    public async Task<YearFigures> CellAsync(StudyBotDb db, IReadOnlyList<Guid> memberIds, Guid unitId, int year, Texts t, CancellationToken ct)
    {
        var unit = await db.Set<Unit>().FirstAsync(u => u.Id == unitId, ct);
        var zone = LocalTime.Zone(unit);
        var (from, to) = LocalTime.Year(year, zone);
        var stories = await db.Set<StoryAssignment>()
            .Where(s => s.Status == StoryStatus.Accepted && s.OccurrenceDue >= from && s.OccurrenceDue < to
                && db.Set<Reminder>().Any(r => r.Id == s.ReminderId && r.UnitId == unitId))
            .Join(db.Set<Member>(), s => s.MemberId, m => m.Id, (s, m) => new { s.OccurrenceDue, s.MemberId, m.Name })
            .OrderBy(s => s.OccurrenceDue).ToListAsync(ct);
        var byMember = memberIds.ToDictionary(id => id, id => stories.Count(s => s.MemberId == id).ToString());
        return new YearFigures([(t["Year.StoriesTold"], stories.Count.ToString())], [(t["Year.Stories"], byMember)],
            [(t["Year.Stories"], stories.Select(s => $"{LocalTime.Of(s.OccurrenceDue, zone):dd/MM/yyyy}: {s.Name}").ToList())]);
    }
}
