using System.Text.Json;
using System.Text.Json.Nodes;

namespace StudyBot.Protocol;

/// <summary>
/// Reading fields of JSON that someone else wrote (an activity, a card's data) without trusting its shape: a field of
/// the wrong type reads as absent instead of throwing in the middle of a turn.
/// </summary>
public static class JsonText
{
    /// <summary>The string at the end of <paramref name="path"/>, or null if any step is missing or of another type.</summary>
    public static string? At(JsonNode? node, params string[] path)
    {
        foreach (var step in path)
        {
            if (node is not JsonObject o) return null;
            node = o[step];
        }
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
    }

    /// <summary>A card field as text: strings as they are, numbers and true/false written out, objects and arrays as absent.</summary>
    public static string? Field(JsonObject data, string key) => data[key] is JsonValue v
        ? v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
            _ => null,
        }
        : null;
}
