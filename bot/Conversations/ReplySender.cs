using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StudyBot.Conversations.Speed;
using StudyBot.Protocol;
using StudyBot.Resources;
using StudyBot.Storage;

namespace StudyBot.Conversations;

/// <summary>
/// Sends a turn's replies through the connector and keeps the de-duplication record honest: replies
/// are stored with the turn, marked sent once they are out, and sent again only by a redelivery that
/// finds them unsent and unclaimed.
/// </summary>
public sealed class ReplySender(
    IServiceScopeFactory scopes, ConnectorClient connector, TimeProvider time, SentMarks marks, ILogger<ReplySender> logger)
{
    /// <summary>How long the turn that wrote the replies has to send them before a redelivery may.</summary>
    private static readonly TimeSpan SendLease = TimeSpan.FromSeconds(30);

    public static Activity Message(Activity inbound, string? text, string language) => new()
    {
        Type = ActivityTypes.Message,
        From = inbound.Recipient,
        Recipient = inbound.From,
        Conversation = new ConversationAccount { Id = inbound.Conversation!.Id },
        ReplyToId = inbound.Id,
        Text = text,
        TextFormat = text is null ? null : "markdown",
        Locale = language == Languages.English ? "en-US" : "vi-VN",
    };

    public ProcessedActivity? Record(Activity activity, IReadOnlyList<Outgoing> outgoing, InvokeResponse? invoke)
    {
        if (string.IsNullOrEmpty(activity.Id)) return null;
        var now = time.GetUtcNow().UtcDateTime;
        return new ProcessedActivity
        {
            ConversationId = activity.Conversation!.Id!,
            ActivityId = activity.Id,
            ReceivedAt = now,
            PendingReplies = outgoing.Count == 0 ? null : JsonSerializer.Serialize(outgoing, WireJson.Options),
            SendLeaseUntil = outgoing.Count == 0 ? null : now + SendLease,
            RepliesSentAt = outgoing.Count == 0 ? now : null,
            InvokeResponse = invoke is null ? null : JsonSerializer.Serialize(invoke, WireJson.Options),
            InvokeStatus = invoke is null ? 0 : 200,
        };
    }

    /// <summary>
    /// Sends the replies and answers as the turn should. The turn that wrote them marks them sent in the next batch
    /// (<see cref="SentMarks"/>); a redelivery that had to send them marks them at once.
    /// </summary>
    public async Task<TurnOutcome> SendAsync(Activity activity, IReadOnlyList<Outgoing> outgoing,
        InvokeResponse? invoke, CancellationToken ct, bool markNow = false)
    {
        try
        {
            foreach (var item in outgoing) await SendOneAsync(activity, item, ct);
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException)
        {
            // Not acknowledged: the channel redelivers, and the redelivery sends what is stored.
            logger.LogWarning("Could not send the replies of a {Type} turn: {Error}", activity.Type, ex.Message);
            await UpdateRecordAsync(activity, sent: false, ct);
            return new TurnOutcome(StatusCodes.Status502BadGateway);
        }
        // No row for refused tenants: marking it is a no-op.
        if (outgoing.Count > 0 && !string.IsNullOrEmpty(activity.Id))
        {
            if (markNow) await UpdateRecordAsync(activity, sent: true, ct);
            else marks.Add(activity.Conversation!.Id!, activity.Id);
        }
        return Outcome(invoke);
    }

    /// <summary>For an activity already handled: send its replies if nobody did, and answer as before.</summary>
    public async Task<TurnOutcome?> ReplayIfDuplicateAsync(Activity activity, StudyBotDb db, TurnRows rows, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(activity.Id) || rows.Processed is not { } record) return null;
        logger.LogInformation("Activity redelivered in conversation {ConversationId}; not handled again",
            activity.Conversation!.Id);
        var invoke = record.InvokeResponse is null
            ? null
            : JsonSerializer.Deserialize<InvokeResponse>(record.InvokeResponse, WireJson.Options);
        var now = time.GetUtcNow().UtcDateTime;
        if (record.RepliesSentAt is not null || record.PendingReplies is null || record.SendLeaseUntil > now)
            return Outcome(invoke);

        var claimed = await db.Set<ProcessedActivity>()
            .Where(p => p.ConversationId == record.ConversationId && p.ActivityId == record.ActivityId
                        && p.RepliesSentAt == null && p.SendLeaseUntil == record.SendLeaseUntil)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.SendLeaseUntil, now + SendLease), ct);
        if (claimed == 0) return Outcome(invoke);
        var outgoing = JsonSerializer.Deserialize<List<Outgoing>>(record.PendingReplies, WireJson.Options) ?? [];
        return await SendAsync(activity, outgoing, invoke, ct, markNow: true);
    }

    private static TurnOutcome Outcome(InvokeResponse? invoke) =>
        invoke is null ? TurnOutcome.Ok : new TurnOutcome(200, JsonSerializer.SerializeToNode(invoke, WireJson.Options));

    private Task SendOneAsync(Activity inbound, Outgoing item, CancellationToken ct)
    {
        var serviceUrl = inbound.ServiceUrl!;
        var conversationId = inbound.Conversation!.Id!;
        if (item.UpdateActivityId is { } id)
        {
            item.Activity.Id = id;
            return connector.UpdateAsync(serviceUrl, conversationId, id, item.Activity, ct);
        }
        return inbound.Type == ActivityTypes.Message && inbound.Id is { } replyTo
            ? connector.ReplyAsync(serviceUrl, conversationId, replyTo, item.Activity, ct)
            : connector.SendAsync(serviceUrl, conversationId, item.Activity, ct);
    }

    private async Task UpdateRecordAsync(Activity activity, bool sent, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(activity.Id)) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
        var now = time.GetUtcNow().UtcDateTime;
        var rows = db.Set<ProcessedActivity>()
            .Where(p => p.ConversationId == activity.Conversation!.Id && p.ActivityId == activity.Id);
        if (sent)
            await rows.ExecuteUpdateAsync(s => s
                .SetProperty(p => p.RepliesSentAt, now)
                .SetProperty(p => p.PendingReplies, (string?)null)
                .SetProperty(p => p.SendLeaseUntil, (DateTime?)null), CancellationToken.None);
        else
            await rows.ExecuteUpdateAsync(s => s.SetProperty(p => p.SendLeaseUntil, (DateTime?)null), CancellationToken.None);
    }
}
