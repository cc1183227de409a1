using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Conversations;
using StudyBot.Protocol;
using StudyBot.Storage;

namespace StudyBot.Delivery;

/// <summary>
/// A claimed row with everything needed to send it, read before the parallel sends start. <see cref="Original"/> is
/// the message an update replaces.
/// </summary>
public sealed record Recipient(OutboxMessage Row, Member? Member, ConversationRecord? Chat, Activity? Activity, OutboxMessage? Original = null);

/// <summary>Reads, for a batch of rows, the people, their personal chats and the content, in a few queries.</summary>
public static class Recipients
{
    public static async Task<(List<Recipient> Recipients, ConversationRecord? AnyChat)> LoadAsync(StudyBotDb db,
        IReadOnlyList<OutboxMessage> rows, CancellationToken ct)
    {
        var memberIds = rows.Where(r => r.MemberId is not null).Select(r => r.MemberId!.Value).Distinct().ToList();
        var members = await db.Set<Member>().AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var chats = (await db.Set<ConversationRecord>().AsNoTracking()
                .Where(c => c.MemberId != null && memberIds.Contains(c.MemberId.Value) && c.ConversationType == "personal")
                .ToListAsync(ct))
            .GroupBy(c => c.MemberId!.Value).ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.UpdatedAt).First());
        // Rows for a conversation (a leadership channel) and updates: the conversations and originals they need.
        var originalIds = rows.Where(r => r.ReplacesId is not null).Select(r => r.ReplacesId!.Value).ToList();
        var originals = await db.Set<OutboxMessage>().AsNoTracking().Where(m => originalIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var conversationIds = rows.Select(r => r.ConversationId).Concat(originals.Values.Select(o => o.SentConversationId))
            .OfType<string>().Distinct().ToList();
        var conversations = await db.Set<ConversationRecord>().AsNoTracking().Where(c => conversationIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var broadcastIds = rows.Where(r => r.BroadcastId is not null).Select(r => r.BroadcastId!.Value).Distinct().ToList();
        // Kept as JSON and read once per row: each send fills in its own conversation and recipient, in parallel.
        var contents = await db.Set<Broadcast>().AsNoTracking().Where(b => broadcastIds.Contains(b.Id))
            .ToDictionaryAsync(b => b.Id, b => System.Text.Json.Nodes.JsonNode.Parse(b.Content)!.AsObject()
                .ToDictionary(kv => kv.Key, kv => kv.Value!.ToJsonString()), ct);
        // Any recent conversation gives the serviceUrl, bot id and tenant needed to open a chat with someone new.
        var anyChat = await db.Set<ConversationRecord>().AsNoTracking().OrderByDescending(c => c.UpdatedAt).FirstOrDefaultAsync(ct);

        var list = rows.Select(row =>
        {
            var member = row.MemberId is { } id ? members.GetValueOrDefault(id) : null;
            var original = row.ReplacesId is { } o ? originals.GetValueOrDefault(o) : null;
            var chat = original is not null ? Known(original.SentConversationId)
                : row.ConversationId is not null ? Known(row.ConversationId)
                : row.MemberId is { } mid ? chats.GetValueOrDefault(mid) : null;
            var json = row.Content
                       ?? (row.BroadcastId is { } b && contents.TryGetValue(b, out var byLanguage)
                           ? byLanguage.GetValueOrDefault(member?.Language ?? "vi") ?? byLanguage.GetValueOrDefault("vi")
                           : null);
            var activity = json is null ? null : JsonSerializer.Deserialize<Activity>(json, WireJson.Options);
            return new Recipient(row, member, chat, activity, original);
        }).ToList();
        return (list, anyChat);

        // A conversation the bot has not stored (a channel named in settings) is reached through any stored route.
        ConversationRecord? Known(string? id) => id is null ? null : conversations.GetValueOrDefault(id)
            ?? (anyChat is null ? null : new ConversationRecord
            {
                Id = id, ChannelId = anyChat.ChannelId, ServiceUrl = anyChat.ServiceUrl, ConversationType = "channel",
                TenantId = anyChat.TenantId, BotId = anyChat.BotId, BotName = anyChat.BotName, UpdatedAt = anyChat.UpdatedAt,
            });
    }
}
