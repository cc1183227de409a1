using Microsoft.EntityFrameworkCore;
using StudyBot.Storage;

namespace StudyBot.Agency;

/// <summary>People and units as admins name them: shared by the admin commands, the CLI and the features.</summary>
public static class MemberDirectory
{
    /// <summary>By UPN, email or AAD object id, as admins type them.</summary>
    public static Task<Member?> FindAsync(StudyBotDb db, string key, CancellationToken ct)
    {
        var k = key.Trim().ToLowerInvariant();
        return db.Set<Member>().FirstOrDefaultAsync(
            m => m.ErasedAt == null && (m.Upn == k || m.Email == k || m.AadObjectId == k), ct);
    }

    /// <summary>Unit names compare without regard to case; SQLite's lower() only folds ASCII, so this is done here.</summary>
    public static async Task<Unit?> FindUnitAsync(StudyBotDb db, string name, CancellationToken ct)
    {
        var wanted = name.Trim().Normalize();
        return (await db.Set<Unit>().ToListAsync(ct))
            .FirstOrDefault(u => string.Equals(u.Name, wanted, StringComparison.OrdinalIgnoreCase));
    }
}
