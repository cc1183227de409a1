using Microsoft.EntityFrameworkCore;
using StudyBot.Storage;

namespace StudyBot.Agency;

/// <summary>The units a person may manage (reminders, quiz rounds): where they are secretary, every unit for admins.</summary>
public static class ManagedUnits
{
    /// <summary>
    /// The person's own cells first (where they are secretary, else where they are a member), then the rest by name:
    /// forms default to the first, and a secretary who is also an admin meant their own cell, not the first by name.
    /// </summary>
    public static async Task<List<(string Name, Guid Id)>> ListAsync(StudyBotDb db, RoleSet roles, Guid memberId)
    {
        var secretaryOf = roles.Assignments.Where(a => a.Role == Role.Secretary && a.UnitId is not null).Select(a => a.UnitId!.Value).ToHashSet();
        var memberOf = (await db.Set<UnitMembership>().Where(m => m.MemberId == memberId).Select(m => m.UnitId).ToListAsync()).ToHashSet();
        return (await db.Set<Unit>().OrderBy(u => u.Name).ToListAsync())
            .Where(u => roles.Holds(Role.Secretary, u.Id))
            .OrderBy(u => secretaryOf.Contains(u.Id) ? 0 : memberOf.Contains(u.Id) ? 1 : 2)
            .Select(u => (u.Name, u.Id)).ToList();
    }
}
