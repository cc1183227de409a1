using System.Text.Json.Nodes;

namespace StudyBot.Cards;

/// <summary>Card elements. Text written by the bot goes in as is; text people typed goes through <see cref="CardText.User"/>.</summary>
public static class Element
{
    public static JsonObject Heading(string text) => new()
    {
        ["type"] = "TextBlock", ["text"] = text, ["size"] = "Medium", ["weight"] = "Bolder", ["wrap"] = true,
        ["style"] = "heading",
    };

    public static JsonObject Text(string text, bool subtle = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (subtle) block["isSubtle"] = true;
        return block;
    }

    public static JsonObject Facts(IEnumerable<(string Title, string Value)> facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray(facts
            .Select(f => (JsonNode)new JsonObject { ["title"] = f.Title, ["value"] = f.Value })
            .ToArray()),
    };
}
