using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Protocol;
using StudyBot.Storage;

namespace StudyBot.Conversations;

/// <summary>The person's chats with the bot: the conversation references, what they were in the middle of, their turns.</summary>
internal sealed class ConversationsPersonalData : IPersonalDataPart
{
    public async Task ExportAsync(StudyBotDb db, Member member, JsonObject export, CancellationToken ct)
    {
        var conversations = await db.Set<ConversationRecord>().Where(c => c.MemberId == member.Id).ToListAsync(ct);
        var userIds = new[] { member.ChannelUserId }.Where(id => id is not null).ToList();
        var dialogs = await db.Set<DialogState>().Where(d => userIds.Contains(d.UserId)).ToListAsync(ct);
        export["conversations"] = JsonSerializer.SerializeToNode(conversations.Select(c => new
        {
            c.Id, c.ChannelId, c.ConversationType, c.TenantId, c.UpdatedAt, c.WelcomedAt,
        }), WireJson.Options);
        export["dialogs"] = JsonSerializer.SerializeToNode(dialogs.Select(d => new { d.Dialog, d.Data, d.UpdatedAt }), WireJson.Options);
    }

    /// <summary>The chats go with the turns taken in them (each holds what the person wrote and the reply).</summary>
    public async Task EraseAsync(StudyBotDb db, Member member, CancellationToken ct)
    {
        var conversations = await db.Set<ConversationRecord>().Where(c => c.MemberId == member.Id).ToListAsync(ct);
        var conversationIds = conversations.Select(c => c.Id).ToList();
        db.RemoveRange(conversations);
        db.RemoveRange(await db.Set<ProcessedActivity>().Where(p => conversationIds.Contains(p.ConversationId)).ToListAsync(ct));
        if (member.ChannelUserId is { } userId)
            db.RemoveRange(await db.Set<DialogState>().Where(d => d.UserId == userId).ToListAsync(ct));
    }
}
