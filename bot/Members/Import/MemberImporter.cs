using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Resources;
using StudyBot.Storage;

namespace StudyBot.Members.Import;

public sealed record ImportReport(int People, int Created, int Updated, int Unchanged, int UnitsCreated,
    int RolesAdded, int RolesRemoved, int MembershipsAdded, int MembershipsRemoved)
{
    public bool ChangedNothing => Created + Updated + UnitsCreated + RolesAdded + RolesRemoved
        + MembershipsAdded + MembershipsRemoved == 0;
}

/// <summary>
/// Applies a checked member file in one transaction. Keyed by UPN; each person's units and roles become
/// what the file says, but only entries that came from an import are changed, so roles given by command
/// and memberships read from a team roster stay. Running the same file again changes nothing.
/// </summary>
public sealed class MemberImporter(StudyBotDb db, TimeProvider time)
{
    public async Task<(ImportReport? Report, List<ImportError> Errors)> ApplyAsync(
        IReadOnlyList<MemberRow> rows, Texts t, Guid? actorId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var errors = new List<ImportError>();
        var units = await db.Set<Unit>().ToDictionaryAsync(u => u.Name, StringComparer.OrdinalIgnoreCase, ct);
        var parents = PlanParents(rows, t, errors);
        foreach (var row in rows)
            foreach (var (_, unit) in row.Roles)
                if (unit is not null && !units.ContainsKey(unit) && !rows.Any(r => r.Units.Contains(unit, StringComparer.OrdinalIgnoreCase)))
                    errors.Add(new ImportError(row.Line, t.Format("Import.UnknownRoleUnit", unit)));

        var members = await db.Set<Member>().Where(m => m.ErasedAt == null).ToListAsync(ct);
        var byUpn = members.Where(m => m.Upn is not null).ToDictionary(m => m.Upn!, StringComparer.Ordinal);
        var byAad = members.Where(m => m.AadObjectId is not null).ToDictionary(m => m.AadObjectId!, StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
            if (row.AadObjectId is { } aad && byAad.TryGetValue(aad, out var holder) && holder.Upn is { } other && other != row.Upn)
                errors.Add(new ImportError(row.Line, t.Format("Import.AadTaken", aad, other)));
        if (errors.Count > 0) return (null, errors.OrderBy(e => e.Line).ToList());

        var unitsCreated = EnsureUnits(parents, units, now);
        var (created, updated) = (0, 0);
        var people = new List<(MemberRow Row, Member Member)>();
        foreach (var row in rows)
        {
            var member = byUpn.GetValueOrDefault(row.Upn)
                         ?? (row.AadObjectId is { } aad ? byAad.GetValueOrDefault(aad) : null);
            if (member is null)
            {
                member = new Member { Id = Guid.NewGuid(), CreatedAt = now };
                db.Add(member);
                created++;
            }
            else if (!Matches(member, row)) updated++;
            member.Upn = row.Upn;
            member.Name = row.Name;
            member.Email = row.Email ?? member.Email;
            member.AadObjectId = row.AadObjectId ?? member.AadObjectId;
            member.IsPartyMember = row.IsPartyMember;
            people.Add((row, member));
        }

        var ids = people.Select(p => p.Member.Id).ToList();
        var (membershipsAdded, membershipsRemoved) = await SyncMembershipsAsync(people, ids, units, ct);
        var (rolesAdded, rolesRemoved) = await SyncRolesAsync(people, ids, units, now, ct);

        var report = new ImportReport(rows.Count, created, updated, rows.Count - created - updated, unitsCreated,
            rolesAdded, rolesRemoved, membershipsAdded, membershipsRemoved);
        db.Add(new AuditEntry
        {
            Id = Guid.CreateVersion7(), At = now, ActorId = actorId, Action = "members.import",
            Detail = $"people={report.People} created={created} updated={updated} units={unitsCreated} "
                     + $"roles+={rolesAdded} roles-={rolesRemoved}",
        });
        await db.SaveChangesAsync(ct);
        return (report, []);
    }

    private static bool Matches(Member m, MemberRow row) =>
        m.Upn == row.Upn && m.Name == row.Name && (row.Email is null || m.Email == row.Email)
        && (row.AadObjectId is null || string.Equals(m.AadObjectId, row.AadObjectId, StringComparison.OrdinalIgnoreCase))
        && m.IsPartyMember == row.IsPartyMember;

    /// <summary>Unit name → its parent named in the file ("A > B" makes A the parent of B), or null.</summary>
    private static Dictionary<string, (string? Parent, int Line)> PlanParents(IReadOnlyList<MemberRow> rows, Texts t,
        List<ImportError> errors)
    {
        var plan = new Dictionary<string, (string? Parent, int Line)>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
            foreach (var path in row.UnitPaths)
                for (var i = 0; i < path.Count; i++)
                {
                    var parent = i == 0 ? null : path[i - 1];
                    if (!plan.TryGetValue(path[i], out var known)) plan[path[i]] = (parent, row.Line);
                    else if (parent is not null && known.Parent is null) plan[path[i]] = (parent, row.Line);
                    else if (parent is not null && !string.Equals(parent, known.Parent, StringComparison.OrdinalIgnoreCase))
                        errors.Add(new ImportError(row.Line, t.Format("Import.ParentConflict", path[i], known.Line, row.Line)));
                }
        return plan;
    }

    private int EnsureUnits(Dictionary<string, (string? Parent, int Line)> plan, Dictionary<string, Unit> units, DateTime now)
    {
        var created = 0;
        foreach (var name in plan.Keys.Where(n => !units.ContainsKey(n)))
        {
            var unit = new Unit { Id = Guid.NewGuid(), Name = name, CreatedAt = now };
            units[name] = unit;
            db.Add(unit);
            created++;
        }
        foreach (var (name, (parent, _)) in plan)
            if (parent is not null && units[name].ParentId != units[parent].Id) units[name].ParentId = units[parent].Id;
        return created;
    }

    private async Task<(int Added, int Removed)> SyncMembershipsAsync(List<(MemberRow Row, Member Member)> people,
        List<Guid> ids, Dictionary<string, Unit> units, CancellationToken ct)
    {
        var existing = (await db.Set<UnitMembership>()
                .Where(m => m.Source == MembershipSource.Import).ToListAsync(ct))
            .Where(m => ids.Contains(m.MemberId)).ToLookup(m => m.MemberId);
        var (added, removed) = (0, 0);
        foreach (var (row, member) in people)
        {
            var wanted = row.Units.Select(n => units[n].Id).ToHashSet();
            foreach (var stale in existing[member.Id].Where(m => !wanted.Contains(m.UnitId))) { db.Remove(stale); removed++; }
            foreach (var unitId in wanted.Where(u => existing[member.Id].All(m => m.UnitId != u)))
            {
                db.Add(new UnitMembership { MemberId = member.Id, UnitId = unitId, Source = MembershipSource.Import });
                added++;
            }
        }
        return (added, removed);
    }

    private async Task<(int Added, int Removed)> SyncRolesAsync(List<(MemberRow Row, Member Member)> people,
        List<Guid> ids, Dictionary<string, Unit> units, DateTime now, CancellationToken ct)
    {
        var existing = (await db.Set<RoleAssignment>()
                .Where(r => r.Source == MembershipSource.Import).ToListAsync(ct))
            .Where(r => ids.Contains(r.MemberId)).ToLookup(r => r.MemberId);
        var (added, removed) = (0, 0);
        foreach (var (row, member) in people)
        {
            // Everyone is a member; only the roles that grant something are stored.
            var wanted = row.Roles.Where(r => r.Role != Role.Member)
                .Select(r => (r.Role, UnitId: r.Unit is null ? (Guid?)null : units[r.Unit].Id)).ToHashSet();
            foreach (var stale in existing[member.Id].Where(r => !wanted.Contains((r.Role, r.UnitId)))) { db.Remove(stale); removed++; }
            foreach (var (role, unitId) in wanted.Where(w => !existing[member.Id].Any(r => r.Role == w.Role && r.UnitId == w.UnitId)))
            {
                db.Add(new RoleAssignment
                {
                    Id = Guid.NewGuid(), MemberId = member.Id, Role = role, UnitId = unitId,
                    Source = MembershipSource.Import, CreatedAt = now,
                });
                added++;
            }
        }
        return (added, removed);
    }
}
