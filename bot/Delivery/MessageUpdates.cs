using System.Net;
using Microsoft.Extensions.Options;
using StudyBot.Protocol;

namespace StudyBot.Delivery;

/// <summary>Outbox rows that change a message already sent instead of sending a new one.</summary>
internal sealed class MessageUpdates(ConnectorClient connector, RateGate gate, IOptions<BotAuthOptions> auth)
{
    /// <summary>
    /// An update: changes the message its original row sent, in place (PUT). It waits while the original is on
    /// its way, and gives up when the original never arrived (there is nothing to change).
    /// </summary>
    public async Task<DeliveryOutcome> ReplaceAsync(Recipient r, CancellationToken ct)
    {
        var original = r.Original;
        if (original is null) return new DeliveryOutcome.Failed("the message to replace is gone");
        if (original.Status is OutboxStatus.Pending or OutboxStatus.Sending)
            return new DeliveryOutcome.Retry(TimeSpan.FromSeconds(2), "waiting for the original", Ambiguous: false);
        if (original.Status != OutboxStatus.Sent || original.SentActivityId is null || r.Chat is null)
            return new DeliveryOutcome.Unreachable("OriginalNotDelivered");
        var tenant = r.Chat.TenantId ?? auth.Value.MicrosoftAppTenantId;
        try
        {
            await gate.WaitAsync(tenant, ct);
            var activity = r.Activity!;
            activity.Id = original.SentActivityId;
            activity.Conversation = new ConversationAccount { Id = r.Chat.Id };
            activity.From = new ChannelAccount { Id = r.Chat.BotId, Name = r.Chat.BotName };
            await connector.UpdateAsync(r.Chat.ServiceUrl, r.Chat.Id, original.SentActivityId, activity, ct);
            return new DeliveryOutcome.Sent(original.SentActivityId, r.Chat.Id);
        }
        catch (ConnectorException ex)
        {
            if (ex.Status == HttpStatusCode.TooManyRequests) await gate.PauseAsync(tenant, ex.RetryAfter ?? TimeSpan.FromSeconds(1), ct);
            // The message was deleted or the chat is gone: nothing left to change.
            return ex.Status == HttpStatusCode.NotFound ? new DeliveryOutcome.Unreachable("MessageGone") : SendErrors.Classify(ex, r.Row.Attempts);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            // A PUT of the same content twice is harmless: no ambiguity to record.
            return new DeliveryOutcome.Retry(SendErrors.Backoff(r.Row.Attempts), ex.GetType().Name, Ambiguous: false);
        }
    }
}
