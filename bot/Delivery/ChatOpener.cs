using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Conversations;
using StudyBot.Protocol;

namespace StudyBot.Delivery;

/// <summary>Opens a personal chat with someone the bot knows by Teams id (bot-protocol.md C: create conversation).</summary>
/// <remarks>Used for someone the bot has never written to, and again, once, when a send finds the chat deleted (404).</remarks>
internal sealed class ChatOpener(ConnectorClient connector, RateGate gate, TimeProvider time, IOptions<BotAuthOptions> auth)
{
    public async Task<ConversationRecord> OpenAsync(Member member, ConversationRecord route, CancellationToken ct)
    {
        var tenant = route.TenantId ?? auth.Value.MicrosoftAppTenantId;
        await gate.WaitAsync(tenant, ct);
        var created = await connector.CreateConversationAsync(route.ServiceUrl, new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount { Id = route.BotId },
            Members = [new ChannelAccount { Id = member.ChannelUserId }],
            TenantId = tenant,
            ChannelData = new System.Text.Json.Nodes.JsonObject { ["tenant"] = new System.Text.Json.Nodes.JsonObject { ["id"] = tenant } },
        }, ct);
        return new ConversationRecord
        {
            Id = created.Id!, ChannelId = route.ChannelId, ServiceUrl = created.ServiceUrl ?? route.ServiceUrl,
            ConversationType = "personal", TenantId = tenant, BotId = route.BotId, BotName = route.BotName,
            MemberId = member.Id, UserId = member.ChannelUserId, UpdatedAt = time.GetUtcNow().UtcDateTime,
        };
    }
}
