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

    /// <summary>A warning line at the top of a form: what is wrong and what to do.</summary>
    public static JsonObject Error(string text) => new()
    {
        ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true, ["color"] = "Attention", ["weight"] = "Bolder",
    };

    public static JsonObject TextInput(string id, string label, string? value, int maxLength, bool multiline = false,
        bool required = false, string? placeholder = null)
    {
        var input = new JsonObject
        {
            ["type"] = "Input.Text", ["id"] = id, ["label"] = label, ["maxLength"] = maxLength, ["isMultiline"] = multiline,
        };
        if (value is not null) input["value"] = value;
        if (placeholder is not null) input["placeholder"] = placeholder;
        if (required) { input["isRequired"] = true; input["errorMessage"] = label; }
        return input;
    }

    public static JsonObject ChoiceInput(string id, string label, IEnumerable<(string Title, string Value)> choices, string? value)
    {
        var input = new JsonObject
        {
            ["type"] = "Input.ChoiceSet", ["id"] = id, ["label"] = label, ["style"] = "compact", ["isRequired"] = true,
            ["errorMessage"] = label,
            ["choices"] = new JsonArray(choices.Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["value"] = c.Value }).ToArray()),
        };
        if (value is not null) input["value"] = value;
        return input;
    }

    /// <summary>The "unit" list of a form: the units a person may act on by name, <paramref name="selected"/> (an id) chosen.</summary>
    public static JsonObject UnitChoice(string label, IEnumerable<(string Name, Guid Id)> units, string selected) =>
        ChoiceInput("unit", label, units.Select(u => (CardText.Choice(u.Name, 100), u.Id.ToString())), selected);

    public static JsonObject Facts(IEnumerable<(string Title, string Value)> facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray(facts
            .Select(f => (JsonNode)new JsonObject { ["title"] = f.Title, ["value"] = f.Value })
            .ToArray()),
    };
}
