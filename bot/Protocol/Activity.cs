using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StudyBot.Protocol;

/// <summary>
/// The Bot Framework activity as it travels on the wire. Channels add fields over time, so anything
/// not modelled here is kept in <see cref="Extra"/> and written back unchanged.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? Text { get; set; }
    public string? TextFormat { get; set; }
    public string? Locale { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public List<JsonObject>? Entities { get; set; }
    public JsonNode? ChannelData { get; set; }
    public JsonNode? Value { get; set; }
    public string? Name { get; set; }
    public string? ReplyToId { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<ChannelAccount>? MembersRemoved { get; set; }
    public string? Action { get; set; }
    public List<JsonObject>? ReactionsAdded { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>Teams puts the tenant in channelData; the conversation carries it on some channels.</summary>
    [JsonIgnore]
    public string? TenantId =>
        JsonText.At(ChannelData, "tenant", "id") ?? Conversation?.TenantId;
}

public sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class ConversationAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public bool? IsGroup { get; set; }
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class Attachment
{
    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }
    public JsonNode? Content { get; set; }
    public string? Name { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>What a proactive send needs to reach a conversation again, possibly after a restart.</summary>
public sealed record ConversationReference(
    string ChannelId,
    string ServiceUrl,
    string ConversationId,
    string? ConversationType,
    string BotId,
    string? BotName,
    string? UserId,
    string? UserName,
    string? TenantId,
    string? Locale);
