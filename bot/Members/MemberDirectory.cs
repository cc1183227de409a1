using Microsoft.EntityFrameworkCore;
using StudyBot.Conversations;
using StudyBot.Storage;

namespace StudyBot.Members;

/// <summary>How a member can be reached by a message the bot starts, and if not, why not.</summary>
public enum Reach { PersonalChat, ViaTeam, AppRemoved, NeverSeen }

/// <summary>Look-ups shared by the admin commands, the CLI and later features.</summary>
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

    public static async Task<List<(Member Member, Reach Reach)>> UnitMembersAsync(StudyBotDb db, Guid unitId, CancellationToken ct)
    {
        var ids = db.Set<UnitMembership>().Where(m => m.UnitId == unitId).Select(m => m.MemberId).Distinct();
        var members = await db.Set<Member>().Where(m => ids.Contains(m.Id) && m.ErasedAt == null)
            .OrderBy(m => m.Name).ToListAsync(ct);
        var memberIds = members.Select(m => m.Id).ToList();
        var withChat = (await db.Set<ConversationRecord>()
                .Where(c => c.MemberId != null && c.ConversationType == "personal")
                .Select(c => c.MemberId!.Value).ToListAsync(ct))
            .Where(memberIds.Contains).ToHashSet();
        return members.Select(m => (m, m.Unreachable ? Reach.AppRemoved
            : withChat.Contains(m.Id) ? Reach.PersonalChat
            : m.ChannelUserId is not null ? Reach.ViaTeam
            : Reach.NeverSeen)).ToList();
    }
}
