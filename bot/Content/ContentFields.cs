using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StudyBot.Resources;

namespace StudyBot.Content;

/// <summary>Checks for the fields of a content-pack entry, shared by the sections.</summary>
public static partial class ContentFields
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")]
    private static partial Regex IdPattern();

    /// <summary>An entry's "id": letters without diacritics, digits and dashes, at most 40; null (reported) otherwise.</summary>
    public static string? Id(JsonObject o, string at, List<ContentError> errors, Texts t)
    {
        var id = Text(o, "id", 40, true, at, errors, t);
        if (id is not null && !IdPattern().IsMatch(id)) { errors.Add(new($"{at}.id", t["Quiz.Pack.BadId"])); return null; }
        return id;
    }

    /// <summary>An optional true/false, such as a section's "replace".</summary>
    public static void Flag(JsonObject o, string key, string at, List<ContentError> errors, Texts t)
    {
        if (o[key] is { } value && value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            errors.Add(new($"{at}.{key}", t["Quiz.Pack.NotBool"]));
    }

    /// <summary>
    /// A list of non-blank texts (choices, question variants, tags) of min to max entries, each at most
    /// <paramref name="length"/> long, optionally without repeats; returns how many there are.
    /// </summary>
    public static int TextList(JsonObject o, string key, int min, int max, int length, string at, List<ContentError> errors, Texts t,
        bool required = true, bool distinct = false)
    {
        if (o[key] is null && !required) return 0;
        if (o[key] is not JsonArray list) { errors.Add(new($"{at}.{key}", t.Format("Content.Required", key))); return 0; }
        if (list.Count < min || list.Count > max) errors.Add(new($"{at}.{key}", t.Format("Quiz.Pack.Count", min, max)));
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i]?.GetValueKind() != JsonValueKind.String || list[i]!.GetValue<string>().Trim().Length == 0)
                errors.Add(new($"{at}.{key}[{i}]", t["Content.NotText"]));
            else if (list[i]!.GetValue<string>().Length > length) errors.Add(new($"{at}.{key}[{i}]", t.Format("Content.TooLong", length)));
        }
        if (distinct && list.Select(x => x?.ToString().Trim()).Distinct().Count() != list.Count)
            errors.Add(new($"{at}.{key}", t["Quiz.Pack.Repeated"]));
        return list.Count;
    }

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
