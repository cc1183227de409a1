using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StudyBot.Protocol;
using StudyBot.Scheduling;
using StudyBot.Storage;

namespace StudyBot.Delivery;

/// <summary>
/// How features send later or to many: rows added to the caller's <see cref="StudyBotDb"/>, so they are saved
/// in the same transaction as the change that caused them, and delivered afterwards at the tenant's rate.
/// </summary>
public static class Outbox
{
    public const string FanOutKind = "broadcast.fanout";

    /// <summary>
    /// Starts a broadcast, or returns the existing one with the same <paramref name="key"/> (so the theme push
    /// of a year happens once however it is started).
    /// </summary>
    public static async Task<(Broadcast Broadcast, bool Started)> BroadcastAsync(StudyBotDb db, string kind, string? key,
        string title, IReadOnlyDictionary<string, Activity> contentByLanguage, Audience audience, Guid? startedBy,
        DateTime now, CancellationToken ct)
    {
        if (key is not null && await db.Set<Broadcast>().FirstOrDefaultAsync(b => b.Key == key, ct) is { } existing)
            return (existing, false);
        var broadcast = new Broadcast
        {
            Id = Guid.CreateVersion7(), Kind = kind, Key = key, Title = title, StartedBy = startedBy, CreatedAt = now,
            Content = JsonSerializer.Serialize(contentByLanguage, WireJson.Options),
            Audience = JsonSerializer.Serialize(audience, WireJson.Options),
        };
        db.Add(broadcast);
        await Jobs.ScheduleAsync(db, FanOutKind, now, new FanOutPayload(broadcast.Id), $"fanout:{broadcast.Id}", now, ct);
        return (broadcast, true);
    }

    /// <summary>A message to one person, sent through their personal chat (opened if need be), now or at <paramref name="dueAt"/>.</summary>
    public static OutboxMessage SendTo(StudyBotDb db, Guid memberId, Activity activity, DateTime now, DateTime? dueAt = null)
    {
        var row = New(activity, now, dueAt ?? now);
        row.MemberId = memberId;
        db.Add(row);
        return row;
    }

    /// <summary>A message to a conversation rather than a person: a channel named in settings.</summary>
    public static OutboxMessage SendToConversation(StudyBotDb db, string conversationId, Activity activity, DateTime now)
    {
        var row = New(activity, now, now);
        row.ConversationId = conversationId;
        db.Add(row);
        return row;
    }

    /// <summary>Changes in place the message <paramref name="original"/> sent (or will send): delivered after it, by PUT.</summary>
    public static OutboxMessage Replace(StudyBotDb db, OutboxMessage original, Activity activity, DateTime now)
    {
        var row = New(activity, now, now);
        (row.MemberId, row.ConversationId, row.ReplacesId) = (original.MemberId, original.ConversationId, original.Id);
        db.Add(row);
        return row;
    }

    private static OutboxMessage New(Activity activity, DateTime now, DateTime dueAt) => new()
    {
        Id = Guid.CreateVersion7(), DueAt = dueAt, CreatedAt = now, Content = JsonSerializer.Serialize(activity, WireJson.Options),
    };

    public static async Task<BroadcastReport> ReportAsync(StudyBotDb db, Broadcast broadcast, CancellationToken ct)
    {
        var counts = await db.Set<OutboxMessage>().Where(m => m.BroadcastId == broadcast.Id)
            .GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var duplicates = await db.Set<OutboxMessage>()
            .CountAsync(m => m.BroadcastId == broadcast.Id && m.Ambiguous && m.Status == OutboxStatus.Sent, ct);
        int Count(string status) => counts.GetValueOrDefault(status);
        return new BroadcastReport(broadcast.Title, counts.Values.Sum(), Count(OutboxStatus.Sent),
            Count(OutboxStatus.Pending) + Count(OutboxStatus.Sending), Count(OutboxStatus.Failed), Count(OutboxStatus.Unreachable),
            duplicates, broadcast.Status == BroadcastStatus.Done);
    }
}

public sealed record FanOutPayload(Guid BroadcastId);

/// <summary>Where a broadcast stands. <see cref="PossibleDuplicates"/> counts sends that followed an ambiguous failure.</summary>
public sealed record BroadcastReport(string Title, int Total, int Sent, int Pending, int Failed, int Unreachable,
    int PossibleDuplicates, bool Done);
