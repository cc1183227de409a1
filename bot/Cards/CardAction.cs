using System.Text.Json.Nodes;

namespace StudyBot.Cards;

public static class CardAction
{
    /// <summary>Opens a document; only https links get here (checked when the link is saved).</summary>
    public static JsonObject OpenUrl(string title, string url) => new() { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = url };

    /// <summary>
    /// A Universal Action (an invoke the bot answers inline), with an Action.Submit fallback carrying the
    /// same verb in its data for clients that do not know Action.Execute.
    /// </summary>
    public static JsonObject Execute(string title, string verb, JsonObject? data = null)
    {
        var submitData = data?.DeepClone().AsObject() ?? [];
        submitData["verb"] = verb;
        return new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = title,
            ["verb"] = verb,
            ["data"] = data?.DeepClone() ?? new JsonObject(),
            ["fallback"] = new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = submitData },
        };
    }

    /// <summary>
    /// A button on a card with inputs that it does not need: it sends none of them, so a required input left empty
    /// (the colleague to swap with) does not hold it back.
    /// </summary>
    public static JsonObject ExecuteWithoutInputs(string title, string verb, JsonObject? data = null)
    {
        var action = Execute(title, verb, data);
        action["associatedInputs"] = "none";
        action["fallback"]!["associatedInputs"] = "none";
        return action;
    }

    /// <summary>
    /// Sends <paramref name="text"/> as if the person had typed it (Teams' imBack): a button for a command, so it needs no
    /// verb of its own and works from any card.
    /// </summary>
    public static JsonObject SendText(string title, string text) => new()
    {
        ["type"] = "Action.Submit", ["title"] = title,
        ["data"] = new JsonObject { ["msteams"] = new JsonObject { ["type"] = "imBack", ["value"] = text } },
    };

    /// <summary>
    /// Opens a small card under the button (an answer box, say) without a round trip: one card can hold several such
    /// forms, each sending only its own inputs.
    /// </summary>
    public static JsonObject ShowCard(string title, IEnumerable<JsonObject> body, IEnumerable<JsonObject> actions) => new()
    {
        ["type"] = "Action.ShowCard", ["title"] = title,
        ["card"] = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["body"] = new JsonArray(body.Select(e => (JsonNode)e).ToArray()),
            ["actions"] = new JsonArray(actions.Select(a => (JsonNode)a).ToArray()),
        },
    };
}
