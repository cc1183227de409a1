using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Resources;
using StudyBot.Storage;

namespace StudyBot.Commitments;

/// <summary>Reads shared by the member's, the secretary's and the scheduled side.</summary>
public static class CommitmentQueries
{
    public static Task<CommitmentSet?> SetAsync(StudyBotDb db, Guid memberId, int year, CancellationToken ct = default) =>
        db.Set<CommitmentSet>().FirstOrDefaultAsync(s => s.MemberId == memberId && s.Year == year, ct);

    public static async Task<List<Commitment>> CommitmentsAsync(StudyBotDb db, Guid setId, CancellationToken ct = default) =>
        await db.Set<Commitment>().Where(c => c.SetId == setId).OrderBy(c => c.Position).ThenBy(c => c.CreatedAt).ToListAsync(ct);

    /// <summary>When the cell was last asked for progress; null before the first check-in.</summary>
    public static async Task<DateTime?> LastCheckInAsync(StudyBotDb db, Guid unitId, CancellationToken ct = default) =>
        await db.Set<CheckInSchedule>().Where(s => s.UnitId == unitId).Select(s => s.LastSentAt).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The commitments with their milestones, and where each stands when the set is approved. A check-in counts against
    /// a set only if it went out after the set was approved and within the set's year.
    /// </summary>
    public static List<CommitmentView> Views(IEnumerable<Commitment> commitments, CommitmentSet? set, DateOnly today, DateTime? lastCheckIn)
    {
        var asked = lastCheckIn is { } at && set is not null && at > (set.ReviewedAt ?? DateTime.MinValue) && at.Year <= set.Year ? lastCheckIn : null;
        return commitments.Select(c => new CommitmentView(c, Milestones.Read(c),
            set?.Status == CommitmentStatus.Approved ? Milestones.Of(c, set.Year, today, asked) : null,
            Milestones.Expected(c, set?.Year ?? today.Year, today))).ToList();
    }

    /// <summary>"Today" for a year: today in the year itself; for a year gone by, the day after it ended, so all of it counts.</summary>
    public static DateOnly DayIn(int year, DateOnly today) => year == today.Year ? today : year < today.Year ? new DateOnly(year + 1, 1, 1) : new DateOnly(year, 1, 1);

    /// <summary>
    /// The cell a member's set goes to: one of their cells with a secretary (the member aside), else their first cell.
    /// Null for someone in no cell, who has nobody to send it to.
    /// </summary>
    public static async Task<Unit?> CellOfAsync(StudyBotDb db, Guid memberId, CancellationToken ct = default)
    {
        var cells = await db.Set<UnitMembership>().Where(m => m.MemberId == memberId)
            .Join(db.Set<Unit>(), m => m.UnitId, u => u.Id, (_, u) => u).OrderBy(u => u.Name).ToListAsync(ct);
        var ids = cells.Select(c => c.Id).ToList();
        var led = (await db.Set<RoleAssignment>().Where(r => r.Role == Role.Secretary && r.UnitId != null && ids.Contains(r.UnitId.Value) && r.MemberId != memberId)
            .Select(r => r.UnitId!.Value).ToListAsync(ct)).ToHashSet();
        return cells.FirstOrDefault(c => led.Contains(c.Id)) ?? cells.FirstOrDefault();
    }

    /// <summary>
    /// Who reviews a set: the secretaries of its cell, else of the nearest unit above with one, else the admins. Never
    /// the member themself: a secretary's own set goes up a level.
    /// </summary>
    public static async Task<List<Member>> ReviewersAsync(StudyBotDb db, StudyBotOptions options, CommitmentSet set, CancellationToken ct = default)
    {
        var units = await db.Set<Unit>().AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        var secretaries = await db.Set<RoleAssignment>().Where(r => r.Role == Role.Secretary && r.UnitId != null && r.MemberId != set.MemberId)
            .Join(db.Set<Member>().Where(m => m.ErasedAt == null), r => r.MemberId, m => m.Id, (r, m) => new { r.UnitId, Member = m })
            .ToListAsync(ct);
        var current = units.GetValueOrDefault(set.UnitId);
        for (var depth = 0; current is not null && depth < 32; depth++)
        {
            var here = secretaries.Where(s => s.UnitId == current.Id).Select(s => s.Member).DistinctBy(m => m.Id).ToList();
            if (here.Count > 0) return here;
            current = current.ParentId is { } parent ? units.GetValueOrDefault(parent) : null;
        }
        return (await AgencyAdmins.ListAsync(db, options, ct)).Where(m => m.Id != set.MemberId).ToList();
    }

    /// <summary>The line under the heading: where the set is, in words.</summary>
    public static string StateLine(Texts t, CommitmentSet? set, DateTime? submittedLocal, DateTime? reviewedLocal) => set?.Status switch
    {
        null => t["Commit.StateNone"],
        CommitmentStatus.Draft => t["Commit.StateDraft"],
        CommitmentStatus.Submitted => t.Format("Commit.StateSubmitted", LocalTime.Describe(submittedLocal!.Value, t)),
        CommitmentStatus.Approved => t.Format("Commit.StateApproved", LocalTime.Describe(reviewedLocal!.Value, t)),
        _ => t.Format("Commit.StateReturned", LocalTime.Describe(reviewedLocal!.Value, t)),
    };
}
