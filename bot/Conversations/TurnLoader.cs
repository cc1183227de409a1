using Microsoft.EntityFrameworkCore;
using StudyBot.Members;
using StudyBot.Protocol;
using StudyBot.Storage;

namespace StudyBot.Conversations;

/// <summary>
/// Finds (or records) who is speaking and where, refreshing the conversation reference that proactive
/// sends will need, and loads their dialog state. Any activity from a person clears "unreachable".
/// </summary>
public sealed class TurnLoader(TimeProvider time)
{
    public async Task<Turn> LoadAsync(Activity activity, StudyBotDb db, IServiceProvider services, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var from = activity.From!;
        var member = await FindMemberAsync(db, from, ct);
        if (member is null)
        {
            member = new Member { Id = Guid.NewGuid(), ChannelUserId = from.Id!, CreatedAt = now };
            db.Add(member);
        }
        member.ChannelUserId = from.Id!;
        member.AadObjectId ??= string.IsNullOrEmpty(from.AadObjectId) ? null : from.AadObjectId;
        if (!string.IsNullOrWhiteSpace(from.Name)) member.Name = from.Name;
        member.LastSeenAt = now;
        member.Unreachable = false;

        var conversationId = activity.Conversation!.Id!;
        var conversation = await db.Set<ConversationRecord>().FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        if (conversation is null)
        {
            conversation = new ConversationRecord { Id = conversationId };
            db.Add(conversation);
        }
        conversation.ChannelId = activity.ChannelId!;
        conversation.ServiceUrl = activity.ServiceUrl!;
        conversation.ConversationType = activity.Conversation.ConversationType ?? conversation.ConversationType;
        conversation.TenantId = activity.TenantId ?? conversation.TenantId;
        conversation.BotId = activity.Recipient?.Id ?? conversation.BotId;
        conversation.BotName = activity.Recipient?.Name ?? conversation.BotName;
        conversation.Locale = activity.Locale ?? conversation.Locale;
        conversation.UpdatedAt = now;
        if (conversation.ConversationType is null or "personal" && activity.Conversation.IsGroup != true)
        {
            conversation.MemberId = member.Id;
            conversation.UserId = from.Id;
        }

        var dialog = await db.Set<DialogState>()
            .FirstOrDefaultAsync(d => d.ConversationId == conversationId && d.UserId == from.Id, ct);
        return new Turn(activity, db, member, conversation, dialog, services, now);
    }

    private static async Task<Member?> FindMemberAsync(StudyBotDb db, ChannelAccount from, CancellationToken ct)
    {
        var members = db.Set<Member>();
        if (!string.IsNullOrEmpty(from.AadObjectId))
        {
            var byAad = await members.FirstOrDefaultAsync(m => m.AadObjectId == from.AadObjectId, ct);
            if (byAad is not null) return byAad;
        }
        return await members.FirstOrDefaultAsync(m => m.ChannelUserId == from.Id, ct);
    }
}
