using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Storage;

namespace StudyBot.Commitments;

/// <summary>One member's set in a cell's year, with where each commitment stands.</summary>
public sealed record CellSet(Member Member, string Name, CommitmentSet Set, IReadOnlyList<CommitmentView> Views);

/// <summary>A cell's year of "làm theo", read once for the secretary's card, the reminders and the report.</summary>
public sealed record CellYear(IReadOnlyList<Member> Members, IReadOnlyList<CellSet> Sets, CellCounts Counts)
{
    public static async Task<CellYear> ReadAsync(StudyBotDb db, Guid unitId, int year, DateOnly today, CancellationToken ct)
    {
        var members = await db.Set<UnitMembership>().Where(m => m.UnitId == unitId)
            .Join(db.Set<Member>().Where(m => m.ErasedAt == null), m => m.MemberId, p => p.Id, (_, p) => p)
            .Distinct().ToListAsync(ct);
        members = members.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var sets = await db.Set<CommitmentSet>().Where(s => s.UnitId == unitId && s.Year == year).ToListAsync(ct);
        var setIds = sets.Select(s => s.Id).ToList();
        var commitments = (await db.Set<Commitment>().Where(c => setIds.Contains(c.SetId)).ToListAsync(ct))
            .GroupBy(c => c.SetId).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Position).ToList());
        var last = await CommitmentQueries.LastCheckInAsync(db, unitId, ct);
        var people = await db.Set<Member>().Where(m => sets.Select(s => s.MemberId).Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var cellSets = sets.Where(s => people.ContainsKey(s.MemberId))
            .Select(s => new CellSet(people[s.MemberId], people[s.MemberId].Name, s,
                CommitmentQueries.Views(commitments.GetValueOrDefault(s.Id) ?? [], s, today, last)))
            .OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var approved = cellSets.Where(s => s.Set.Status == CommitmentStatus.Approved).SelectMany(s => s.Views).ToList();
        int Count(Standing standing) => approved.Count(v => v.Standing == standing);
        var counts = new CellCounts(members.Count,
            cellSets.Count(s => s.Set.Status is CommitmentStatus.Submitted or CommitmentStatus.Approved),
            cellSets.Count(s => s.Set.Status == CommitmentStatus.Approved),
            cellSets.Count(s => s.Set.Status == CommitmentStatus.Submitted),
            cellSets.Count(s => s.Set.Status == CommitmentStatus.Returned),
            Count(Standing.OnTrack), Count(Standing.Behind), Count(Standing.Done), Count(Standing.NotReported));
        return new CellYear(members, cellSets, counts);
    }
}
