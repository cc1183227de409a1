using Microsoft.EntityFrameworkCore;
using StudyBot.Storage;

namespace StudyBot.Agency;

/// <summary>Who to tell when something needs an admin and no one in particular asked.</summary>
public static class AgencyAdmins
{
    /// <summary>Admins by stored role, and the configured ones the bot has met (it cannot write to a name it never saw).</summary>
    public static async Task<List<Member>> ListAsync(StudyBotDb db, StudyBotOptions options, CancellationToken ct)
    {
        var configured = options.Admins.Select(a => a.Trim().ToLowerInvariant()).Where(a => a.Length > 0).ToList();
        var stored = db.Set<RoleAssignment>().Where(r => r.Role == Role.Admin && r.UnitId == null).Select(r => r.MemberId);
        return (await db.Set<Member>().AsNoTracking()
                .Where(m => m.ErasedAt == null && (stored.Contains(m.Id)
                    || (m.Upn != null && configured.Contains(m.Upn.ToLower())) || (m.AadObjectId != null && configured.Contains(m.AadObjectId.ToLower()))))
                .ToListAsync(ct))
            .OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
    }
}
