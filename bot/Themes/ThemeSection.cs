using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Content;
using StudyBot.Protocol;
using StudyBot.Resources;
using StudyBot.Storage;

namespace StudyBot.Themes;

/// <summary>
/// The "themes" section of a content pack: a list of {years, title, directive, description?, source?, link?,
/// months?: [{month, topic}]}. One entry may serve several years (the 2021–2025 whole-term theme).
/// </summary>
public sealed class ThemeSection : IContentSection
{
    public string Name => "themes";

    public void Validate(JsonNode section, string place, List<ContentError> errors, Texts t)
    {
        if (section is not JsonArray entries) { errors.Add(new(place, t["Content.NotList"])); return; }
        var seen = new Dictionary<int, string>();
        for (var i = 0; i < entries.Count; i++)
        {
            var at = $"{place}[{i}]";
            if (entries[i] is not JsonObject entry) { errors.Add(new(at, t["Content.NotObject"])); continue; }
            ContentFields.Known(entry, at, errors, t, "years", "title", "directive", "description", "source", "link", "months");
            var years = entry["years"] as JsonArray;
            if (years is null || years.Count == 0) errors.Add(new($"{at}.years", t["Theme.YearsRequired"]));
            else
                for (var y = 0; y < years.Count; y++)
                {
                    if (years[y]?.GetValueKind() != JsonValueKind.Number || !years[y]!.AsValue().TryGetValue<int>(out var year) || year is < 2000 or > 2100)
                        errors.Add(new($"{at}.years[{y}]", t["Theme.BadYear"]));
                    else if (!seen.TryAdd(year, at)) errors.Add(new($"{at}.years[{y}]", t.Format("Theme.DuplicateYear", year, seen[year])));
                }
            ContentFields.Text(entry, "title", 500, required: true, at, errors, t);
            ContentFields.Text(entry, "directive", 200, required: true, at, errors, t);
            ContentFields.Text(entry, "description", 4000, required: false, at, errors, t);
            ContentFields.Text(entry, "source", 500, required: false, at, errors, t);
            if (ContentFields.Text(entry, "link", 1000, required: false, at, errors, t) is { } link && !IsHttpsUrl(link))
                errors.Add(new($"{at}.link", t["Theme.BadLink"]));
            if (entry["months"] is { } months) ValidateMonths(months, $"{at}.months", errors, t);
        }
    }

    public static bool IsHttpsUrl(string link) => Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;

    private static void ValidateMonths(JsonNode months, string place, List<ContentError> errors, Texts t)
    {
        if (months is not JsonArray list) { errors.Add(new(place, t["Content.NotList"])); return; }
        var seen = new HashSet<int>();
        for (var i = 0; i < list.Count; i++)
        {
            var at = $"{place}[{i}]";
            if (list[i] is not JsonObject m) { errors.Add(new(at, t["Content.NotObject"])); continue; }
            if (m["month"]?.GetValueKind() != JsonValueKind.Number || !m["month"]!.AsValue().TryGetValue<int>(out var month) || month is < 1 or > 12)
                errors.Add(new($"{at}.month", t["Theme.BadMonth"]));
            else if (!seen.Add(month)) errors.Add(new($"{at}.month", t.Format("Theme.DuplicateMonth", month)));
            ContentFields.Text(m, "topic", 500, required: true, at, errors, t);
        }
    }

    public async Task<string> ApplyAsync(StudyBotDb db, JsonNode section, Guid? actorId, DateTime now, Texts t, CancellationToken ct)
    {
        var existing = await db.Set<StudyTheme>().ToDictionaryAsync(x => x.Year, ct);
        var years = new List<int>();
        foreach (var entry in section.AsArray().OfType<JsonObject>())
            foreach (var year in entry["years"]!.AsArray().Select(y => y!.GetValue<int>()))
            {
                if (!existing.TryGetValue(year, out var theme))
                {
                    theme = new StudyTheme { Id = Guid.NewGuid(), Year = year };
                    db.Add(theme);
                }
                var before = StudyTheme.Shown(theme);
                theme.Title = entry["title"]!.GetValue<string>().Trim();
                theme.Directive = entry["directive"]!.GetValue<string>().Trim();
                theme.Description = entry["description"]?.GetValue<string>().Trim();
                theme.Source = entry["source"]?.GetValue<string>().Trim();
                theme.Link = entry["link"]?.GetValue<string>().Trim();
                theme.Months = (entry["months"] ?? new JsonArray()).ToJsonString();
                // Re-importing the same pack changes nothing people read, so it must not make a correction due.
                if (StudyTheme.Shown(theme) != before || theme.UpdatedAt == default) (theme.Origin, theme.UpdatedAt, theme.UpdatedBy) = ("pack", now, actorId);
                years.Add(year);
            }
        return t.Format("Theme.Imported", years.Count, string.Join(", ", years.Order()));
    }

    public async Task<JsonNode?> ExportAsync(StudyBotDb db, CancellationToken ct)
    {
        var themes = await db.Set<StudyTheme>().OrderBy(x => x.Year).ToListAsync(ct);
        // Years with the very same theme are written once, as the default pack does for 2021–2025.
        var entries = themes.GroupBy(x => (x.Title, x.Directive, x.Description, x.Source, x.Link, x.Months)).Select(g =>
        {
            var entry = new JsonObject
            {
                ["years"] = new JsonArray(g.Select(x => (JsonNode)x.Year).ToArray()),
                ["title"] = g.Key.Title, ["directive"] = g.Key.Directive,
            };
            if (g.Key.Description is not null) entry["description"] = g.Key.Description;
            if (g.Key.Source is not null) entry["source"] = g.Key.Source;
            if (g.Key.Link is not null) entry["link"] = g.Key.Link;
            if (g.Key.Months != "[]") entry["months"] = JsonNode.Parse(g.Key.Months);
            return (JsonNode)entry;
        });
        return new JsonArray(entries.ToArray());
    }

    public async Task<bool> IsEmptyAsync(StudyBotDb db, CancellationToken ct) => !await db.Set<StudyTheme>().AnyAsync(ct);

    public void Count(JsonNode section, IDictionary<string, int> counts) =>
        counts["themes"] = section is JsonArray entries ? entries.OfType<JsonObject>().Sum(e => (e["years"] as JsonArray)?.Count ?? 0) : 0;

    public static List<MonthlyTopic> Months(StudyTheme theme) =>
        JsonSerializer.Deserialize<List<MonthlyTopic>>(theme.Months, WireJson.Options) ?? [];
}
