using System.Text.Json.Nodes;

namespace StudyBot.Tests.Infrastructure;

public static class CardReader
{
    /// <summary>Everything a person could read on a card (texts, titles, fact values), joined by new lines.</summary>
    public static string Visible(JsonNode card)
    {
        var parts = new List<string>();
        Walk(card, parts);
        return string.Join("\n", parts);
    }

    private static void Walk(JsonNode? node, List<string> parts)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key is "text" or "title" or "value" or "label" or "placeholder" && value is JsonValue v && v.TryGetValue<string>(out var s)) parts.Add(s);
                    else Walk(value, parts);
                }
                break;
            case JsonArray a:
                foreach (var item in a) Walk(item, parts);
                break;
        }
    }

    /// <summary>The card's own actions, the buttons under it.</summary>
    public static IEnumerable<JsonObject> Actions(JsonNode card) =>
        (card["actions"]?.AsArray() ?? []).OfType<JsonObject>();

    /// <summary>Every action on the card: its own first, then those in action sets and in the cards buttons open.</summary>
    public static IEnumerable<JsonObject> AllActions(JsonNode card)
    {
        var found = Actions(card).ToList();
        void Walk(JsonNode? node, bool top)
        {
            switch (node)
            {
                case JsonObject o:
                    if (!top && o["type"]?.GetValue<string>() is { } type && type.StartsWith("Action.", StringComparison.Ordinal)) found.Add(o);
                    foreach (var (key, value) in o) if (!(top && key == "actions")) Walk(value, false);
                    break;
                case JsonArray a:
                    foreach (var item in a) Walk(item, false);
                    break;
            }
        }
        Walk(card, true);
        foreach (var own in Actions(card)) Walk(own, true);
        return found.Distinct();
    }

    /// <summary>Every input on the card, wherever it sits (body, containers, the cards buttons open).</summary>
    public static IEnumerable<JsonObject> Inputs(JsonNode card)
    {
        var found = new List<JsonObject>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    if (o["type"]?.GetValue<string>() is { } type && type.StartsWith("Input.", StringComparison.Ordinal)) found.Add(o);
                    foreach (var (_, value) in o) Walk(value);
                    break;
                case JsonArray a:
                    foreach (var item in a) Walk(item);
                    break;
            }
        }
        Walk(card);
        return found;
    }
}
