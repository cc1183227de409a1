using System.Text.Json.Nodes;

namespace StudyBot.Tests.Infrastructure;

/// <summary>
/// Activities from a named person in their personal chat, with the profile the connector reports for them
/// (so the bot binds them to an imported member by UPN), and card clicks from them.
/// </summary>
public static class People
{
    public static JsonObject Says(BotHost bot, string upn, string text)
    {
        var userId = "29:" + upn;
        bot.Channel.Profiles[userId] = new JsonObject
        {
            ["id"] = userId, ["name"] = upn, ["aadObjectId"] = "aad-" + upn, ["userPrincipalName"] = upn.ToUpperInvariant(),
        };
        var activity = Activities.Message(bot.Channel.ServiceUrl, text, userId: userId, conversationId: "a:" + upn);
        activity["from"]!["aadObjectId"] = "aad-" + upn;
        activity["from"]!["name"] = upn;
        return activity;
    }

    /// <summary>An Action.Execute click by this person; returns the invoke answer's body.</summary>
    public static async Task<JsonNode> ClicksAsync(BotHost bot, string upn, string verb, JsonObject data)
    {
        // A copy, so the same data can be clicked again (a replay) without moving it between activities.
        var invoke = Activities.Invoke(bot.Channel.ServiceUrl, verb, data.DeepClone().AsObject());
        invoke["from"] = Says(bot, upn, "")["from"]!.DeepClone();
        invoke["conversation"] = new JsonObject { ["id"] = "a:" + upn, ["conversationType"] = "personal" };
        return JsonNode.Parse(await (await bot.SendAsync(invoke)).Content.ReadAsStringAsync())!;
    }

    /// <summary>The cards that reached this person's chat, as card content, oldest first.</summary>
    public static List<JsonNode> CardsTo(BotHost bot, string upn) =>
        bot.Channel.Delivered.Where(d => d.ConversationId == "a:" + upn && d.Body?["attachments"]?[0]?["content"] is not null)
            .Select(d => d.Body!["attachments"]![0]!["content"]!).ToList();

    /// <summary>
    /// The latest text message in this person's chat, or "(nothing)". Not "the last call to the connector": outbox
    /// deliveries to others may land in between.
    /// </summary>
    public static string LastTextTo(BotHost bot, string upn) =>
        bot.Channel.Delivered.Where(d => d.ConversationId == "a:" + upn && d.Body?["text"] is not null)
            .Select(d => d.Body!["text"]!.GetValue<string>()).LastOrDefault() ?? "(nothing)";
}
