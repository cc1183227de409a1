using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StudyBot.Conversations;
using StudyBot.Members;
using StudyBot.Protocol;
using StudyBot.Storage;

namespace StudyBot.Delivery;

/// <summary>A claimed row with everything needed to send it, read before the parallel sends start.</summary>
public sealed record Recipient(OutboxMessage Row, Member? Member, ConversationRecord? Chat, Activity? Activity);

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
            var chat = row.MemberId is { } mid ? chats.GetValueOrDefault(mid) : null;
            var json = row.Content
                       ?? (row.BroadcastId is { } b && contents.TryGetValue(b, out var byLanguage)
                           ? byLanguage.GetValueOrDefault(member?.Language ?? "vi") ?? byLanguage.GetValueOrDefault("vi")
                           : null);
            var activity = json is null ? null : JsonSerializer.Deserialize<Activity>(json, WireJson.Options);
            return new Recipient(row, member, chat, activity);
        }).ToList();
        return (list, anyChat);
    }
}
