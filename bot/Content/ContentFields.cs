using System.Text.Json;
using System.Text.Json.Nodes;
using StudyBot.Resources;

namespace StudyBot.Content;

/// <summary>Checks for the fields of a content-pack entry, shared by the sections.</summary>
public static class ContentFields
{
    /// <summary>Reads a text field, reporting a missing, non-text or too long value; null when absent or blank.</summary>
    public static string? Text(JsonObject o, string key, int max, bool required, string at, List<ContentError> errors, Texts t)
    {
        var node = o[key];
        if (node is null)
        {
            if (required) errors.Add(new($"{at}.{key}", t.Format("Content.Required", key)));
            return null;
        }
        if (node.GetValueKind() != JsonValueKind.String) { errors.Add(new($"{at}.{key}", t["Content.NotText"])); return null; }
        var text = node.GetValue<string>().Trim();
        if (required && text.Length == 0) errors.Add(new($"{at}.{key}", t.Format("Content.Required", key)));
        if (text.Length > max) errors.Add(new($"{at}.{key}", t.Format("Content.TooLong", max)));
        return text.Length == 0 ? null : text;
    }

    /// <summary>Reports every field the entry has that the section does not know, so a typo is not silently ignored.</summary>
    public static void Known(JsonObject o, string at, List<ContentError> errors, Texts t, params string[] known)
    {
        foreach (var key in o.Select(kv => kv.Key).Where(k => !known.Contains(k)))
            errors.Add(new($"{at}.{key}", t.Format("Content.UnknownField", key)));
    }
}
