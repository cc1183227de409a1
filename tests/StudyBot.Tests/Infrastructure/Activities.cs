using System.Text.Json.Nodes;

namespace StudyBot.Tests.Infrastructure;

/// <summary>Activities shaped like the ones Teams sends, for a personal chat.</summary>
public static class Activities
{
    public const string ConversationId = "a:personal-conversation-1";
    public const string UserId = "29:user-1";
    public const string BotId = "28:" + BotHost.AppId;

    public static JsonObject Message(string serviceUrl, string text, string? id = null, string userId = UserId,
        string conversationId = ConversationId) => Base("message", serviceUrl, id, userId, conversationId, text);

    public static JsonObject Base(string type, string serviceUrl, string? id = null, string userId = UserId,
        string conversationId = ConversationId, string? text = null)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = id ?? Guid.NewGuid().ToString("N"),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = userId, ["name"] = "Nguyễn Thị Hoa", ["aadObjectId"] = "aad-" + userId },
            ["conversation"] = new JsonObject
            {
                ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = BotHost.TenantId,
            },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "StudyBot" },
            ["locale"] = "en-US",
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = BotHost.TenantId } },
        };
        if (text is not null) { activity["text"] = text; activity["textFormat"] = "plain"; }
        return activity;
    }

    public static JsonObject Installed(string serviceUrl)
    {
        var a = Base("installationUpdate", serviceUrl);
        a["action"] = "add";
        return a;
    }

    public static JsonObject Invoke(string serviceUrl, string verb, JsonObject? data = null, string? replyToId = null)
    {
        var a = Base("invoke", serviceUrl);
        a["name"] = "adaptiveCard/action";
        a["replyToId"] = replyToId ?? "card-message-1";
        a["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data ?? new JsonObject() },
            ["trigger"] = "manual",
        };
        return a;
    }
}
