using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StudyBot.Protocol;

public sealed record ResourceResponse(string? Id);

public sealed class ConversationParameters
{
    public bool IsGroup { get; set; }
    public ChannelAccount? Bot { get; set; }
    public List<ChannelAccount> Members { get; set; } = [];
    public string? TenantId { get; set; }
    public Activity? Activity { get; set; }
    public JsonNode? ChannelData { get; set; }
}

public sealed record ConversationResourceResponse(string? Id, string? ActivityId, string? ServiceUrl);

/// <summary>A member as the roster returns it: Teams adds the AAD fields to the plain channel account.</summary>
public sealed class TeamsMember
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? ObjectId { get; set; }
    public string? GivenName { get; set; }
    public string? Surname { get; set; }
    public string? Email { get; set; }
    public string? UserPrincipalName { get; set; }
    public string? TenantId { get; set; }
    public string? UserRole { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed record PagedMembersResult(string? ContinuationToken, List<TeamsMember>? Members);

public sealed record ErrorBody(string? Code, string? Message);

public sealed record ErrorResponse(ErrorBody? Error);

/// <summary>The body of an HTTP 200 answer to an invoke; <c>StatusCode</c> is the invoke's own status.</summary>
public sealed record InvokeResponse(int StatusCode, string? Type, JsonNode? Value)
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    public static InvokeResponse Card(JsonNode card) => new(200, CardType, card);

    public static InvokeResponse Message(string text) => new(200, MessageType, JsonValue.Create(text));

    public static InvokeResponse Error(int status, string code, string message) =>
        new(status, ErrorType, new JsonObject { ["code"] = code, ["message"] = message });
}
