using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Protocol;
using StudyBot.Storage;

namespace StudyBot.Delivery;

/// <summary>
/// Messages waiting in the outbox, or kept after sending, carry copies of what people wrote: a nomination card to a
/// leader, an answer to the asker. Erasure must reach them too, or a card naming the person still goes out after it.
/// </summary>
internal sealed class DeliveryPersonalData : IPersonalDataPart
{
    /// <summary>Nothing of its own: what the outbox carried is the bot's words, and the data in them is exported where it is kept.</summary>
    public Task ExportAsync(StudyBotDb db, Member member, JsonObject export, CancellationToken ct) => Task.CompletedTask;

    public async Task EraseAsync(StudyBotDb db, Member member, CancellationToken ct)
    {
        foreach (var row in await db.Set<OutboxMessage>().Where(m => m.MemberId == member.Id || m.Content != null).ToListAsync(ct))
        {
            if (row.MemberId == member.Id)
            {
                // Their own chat is gone with their data: nothing more is sent to them, and what was is not kept.
                if (row.Status == OutboxStatus.Pending) (row.Status, row.LastError) = (OutboxStatus.Unreachable, "erased");
                if (row.Status != OutboxStatus.Sending) row.Content = null;
            }
            else row.Content = WithoutName(row.Content, member.Name);
        }
        foreach (var broadcast in await db.Set<Broadcast>().ToListAsync(ct))
            broadcast.Content = WithoutName(broadcast.Content, member.Name)!;
    }

    /// <summary>The stored activity with the name taken out of every text in it (cards included), read as JSON so escaping cannot hide it.</summary>
    private static string? WithoutName(string? json, string name)
    {
        if (json is null || JsonNode.Parse(json) is not { } node) return json;
        return Rewrite(node, name) ? node.ToJsonString(WireJson.Options) : json;
    }

    private static bool Rewrite(JsonNode node, string name)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                    if (value is JsonValue v && v.TryGetValue<string>(out var s)) changed |= Replace(s, name, x => o[key] = x);
                    else if (value is not null) changed |= Rewrite(value, name);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    if (a[i] is JsonValue v && v.TryGetValue<string>(out var s)) { var at = i; changed |= Replace(s, name, x => a[at] = x); }
                    else if (a[i] is { } child) changed |= Rewrite(child, name);
                break;
        }
        return changed;
    }

    private static bool Replace(string text, string name, Action<string> set)
    {
        var without = ErasedText.WithoutName(text, name)!;
        if (without == text) return false;
        set(without);
        return true;
    }
}
