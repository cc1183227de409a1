using Microsoft.EntityFrameworkCore;
using StudyBot.Storage;

namespace StudyBot.Agency;

/// <summary>The units a person may manage (reminders, quiz rounds): where they are secretary, every unit for admins.</summary>
public static class ManagedUnits
{
    public static async Task<List<(string Name, Guid Id)>> ListAsync(StudyBotDb db, RoleSet roles) =>
        (await db.Set<Unit>().OrderBy(u => u.Name).ToListAsync())
        .Where(u => roles.Holds(Role.Secretary, u.Id)).Select(u => (u.Name, u.Id)).ToList();
}
