using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Conversations;
using StudyBot.Storage;

namespace StudyBot.Members;

/// <summary>How a member can be reached by a message the bot starts, and if not, why not.</summary>
public enum Reach { PersonalChat, ViaTeam, AppRemoved, NeverSeen }

/// <summary>A unit's people with how each can be reached, for the member list an admin or secretary reads.</summary>
public static class UnitRoster
{
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
