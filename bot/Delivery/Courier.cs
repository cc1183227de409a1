using System.Net;
using Microsoft.Extensions.Options;
using StudyBot.Conversations;
using StudyBot.Protocol;

namespace StudyBot.Delivery;

/// <summary>
/// Makes one attempt at one claimed row and says what it came to, without touching the database: sends it within the
/// tenant's rate (a 429 pauses the tenant), opening a personal chat for someone new and reopening, once, a chat the
/// person deleted; hands updates to <see cref="MessageUpdates"/>.
/// </summary>
internal sealed class Courier(ConnectorClient connector, RateGate gate, IOptions<BotAuthOptions> auth, ChatOpener chats,
    MessageUpdates updates)
{
    public async Task<DeliveryOutcome> DeliverAsync(Recipient r, ConversationRecord? anyChat, CancellationToken ct)
    {
        if (r.Activity is null) return new DeliveryOutcome.Failed("no content");
        if (r.Row.ReplacesId is not null) return await updates.ReplaceAsync(r, ct);
        if (r.Member is { Unreachable: true } m) return new DeliveryOutcome.Unreachable(m.UnreachableReason ?? "AppRemoved");
        if (r.Member is { ErasedAt: not null }) return new DeliveryOutcome.Unreachable("Erased");

        var chat = r.Chat;
        ConversationRecord? opened = null;
        try
        {
            if (chat is null)
            {
                if (r.Member?.ChannelUserId is null || anyChat is null) return new DeliveryOutcome.Unreachable("NeverSeen");
                chat = opened = await chats.OpenAsync(r.Member, anyChat, ct);
            }
            try
            {
                return new DeliveryOutcome.Sent(await SendAsync(chat, r, ct), chat.Id) { NewConversation = opened };
            }
            catch (ConnectorException ex) when (ex.Status == HttpStatusCode.NotFound && r.Member?.ChannelUserId is not null && anyChat is not null)
            {
                // The person deleted the chat: open it again, once, and send there.
                chat = opened = await chats.OpenAsync(r.Member, chat, ct);
                return new DeliveryOutcome.Sent(await SendAsync(chat, r, ct), chat.Id) { NewConversation = opened };
            }
        }
        catch (ConnectorException ex)
        {
            return SendErrors.Classify(ex, r.Row.Attempts) with { NewConversation = opened };
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new DeliveryOutcome.Retry(SendErrors.Backoff(r.Row.Attempts), ex.GetType().Name, Ambiguous: true) { NewConversation = opened };
        }
    }

    private async Task<string?> SendAsync(ConversationRecord chat, Recipient r, CancellationToken ct)
    {
        var tenant = chat.TenantId ?? auth.Value.MicrosoftAppTenantId;
        await gate.WaitAsync(tenant, ct);
        var activity = r.Activity!;
        activity.Conversation = new ConversationAccount { Id = chat.Id };
        activity.From = new ChannelAccount { Id = chat.BotId, Name = chat.BotName };
        activity.Recipient = chat.UserId is null ? null : new ChannelAccount { Id = chat.UserId };
        activity.ReplyToId = null;
        try
        {
            return (await connector.SendOnceAsync(chat.ServiceUrl, chat.Id, activity, ct)).Id;
        }
        catch (ConnectorException ex) when (ex.Status == HttpStatusCode.TooManyRequests)
        {
            await gate.PauseAsync(tenant, ex.RetryAfter ?? TimeSpan.FromSeconds(1), ct);
            throw;
        }
    }
}
