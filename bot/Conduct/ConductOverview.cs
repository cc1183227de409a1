using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Cards;

namespace StudyBot.Conduct;

/// <summary>Questions at a glance: those waiting for the cell's secretary, oldest first; across the agency, those waiting too long.</summary>
internal sealed class ConductOverview(IOptions<ConductOptions> options) : IOverviewPart
{
    public async Task<OverviewBlock?> CellAsync(OverviewScope s, CancellationToken ct)
    {
        // The cell a question is the secretary's to answer by: the asker's cell, else where it was routed.
        var open = await s.Db.Set<Escalation>().Where(e => e.Status == EscalationStatus.Open
                && (e.AskerUnitId != null ? s.Units.Contains(e.AskerUnitId.Value) : e.UnitId != null && s.Units.Contains(e.UnitId.Value)))
            .OrderBy(e => e.CreatedAt).Take(5).ToListAsync(ct);
        if (open.Count == 0) return null;
        // What members asked their secretary is for those who answer: anyone else reads how many wait.
        if (!s.Acts) return new OverviewBlock(30, s.T["Overview.QuestionsHeading"], [s.T.Format("Overview.QuestionsWaiting", open.Count)]);
        var lines = open.Select(e => s.T.Format("Overview.Question", e.Number, LocalTime.Describe(LocalTime.Of(e.CreatedAt, s.Zone), s.T), CardText.User(e.Question, 120))).ToList();
        return new OverviewBlock(30, s.T["Overview.QuestionsHeading"], lines, CardAction.SendText(s.T["Overview.OpenQuestions"], s.T["Overview.OpenQuestionsCommand"]));
    }

    public Task<OverviewBlock?> MemberAsync(OverviewScope s, CancellationToken ct) => Task.FromResult<OverviewBlock?>(null);

    public async Task<OverviewBlock?> AgencyAsync(OverviewScope s, CancellationToken ct)
    {
        // Waiting longer than the reminder period: a rough count of working days is enough for a glance.
        // Late as the reminders count it: the working days of the agency's calendar, holidays left out.
        var nowLocal = LocalTime.Of(s.Now, s.Zone);
        var late = (await s.Db.Set<Escalation>().Where(e => e.Status == EscalationStatus.Open)
                .GroupJoin(s.Db.Set<Unit>(), e => e.UnitId, u => u.Id, (e, u) => new { e, u })
                .SelectMany(x => x.u.DefaultIfEmpty(), (x, u) => new { x.e.Number, x.e.CreatedAt, Unit = u == null ? null : u.Name }).ToListAsync(ct))
            .Where(e => WorkingDays.Add(LocalTime.Of(e.CreatedAt, s.Zone), options.Value.ReminderWorkingDays, options.Value.Holidays) < nowLocal).ToList();
        if (late.Count == 0) return null;
        var lines = late.GroupBy(x => x.Unit ?? s.T["Overview.NoUnit"]).OrderByDescending(g => g.Count())
            .Select(g => s.T.Format("Overview.LateQuestions", CardText.User(g.Key, 100), g.Count())).ToList();
        return new OverviewBlock(30, s.T.Format("Overview.LateHeading", options.Value.ReminderWorkingDays), lines);
    }
}
