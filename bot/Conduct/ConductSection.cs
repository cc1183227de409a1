using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Content;
using StudyBot.Protocol;
using StudyBot.Resources;
using StudyBot.Storage;

namespace StudyBot.Conduct;

/// <summary>
/// The "conduct" section of a content pack: {replace?, entries: [{id, questions, answer, citation, tags?, sources?,
/// unitRule?, note?, approvedBy, approvedAt}]}, an agency's own code of conduct as questions and answers. The citation
/// is what members read; sources (ids) and note are for the editors. An import adds or updates by id; with
/// "replace": true, entries from packs that the pack leaves out are retired (entries made from escalations stay).
/// </summary>
public sealed class ConductSection(ConductKnowledge knowledge) : IContentSection
{
    public string Name => "conduct";

    public void Validate(JsonNode section, string place, List<ContentError> errors, Texts t)
    {
        if (section is not JsonObject conduct) { errors.Add(new(place, t["Content.NotObject"])); return; }
        ContentFields.Known(conduct, place, errors, t, "replace", "entries");
        ContentFields.Flag(conduct, "replace", place, errors, t);
        if (conduct["entries"] is not JsonArray entries) { errors.Add(new($"{place}.entries", t["Content.NotList"])); return; }
        var ids = new HashSet<string>();
        for (var i = 0; i < entries.Count; i++)
        {
            var at = $"{place}.entries[{i}]";
            if (entries[i] is not JsonObject e) { errors.Add(new(at, t["Content.NotObject"])); continue; }
            ContentFields.Known(e, at, errors, t, "id", "questions", "answer", "citation", "tags", "sources", "unitRule", "note",
                "approvedBy", "approvedAt");
            if (ContentFields.Id(e, at, errors, t) is { } id && !ids.Add(id)) errors.Add(new($"{at}.id", t.Format("Quiz.Pack.DuplicateId", id)));
            ContentFields.TextList(e, "questions", 1, 20, 300, at, errors, t);
            ContentFields.TextList(e, "tags", 0, 20, 60, at, errors, t, required: false);
            ContentFields.Text(e, "answer", 2000, true, at, errors, t);
            ContentFields.Text(e, "citation", 500, true, at, errors, t);
            ContentFields.TextList(e, "sources", 0, 10, 40, at, errors, t, required: false);
            ContentFields.Flag(e, "unitRule", at, errors, t);
            ContentFields.Text(e, "note", 500, false, at, errors, t);
            ContentFields.Text(e, "approvedBy", 200, true, at, errors, t);
            if (ContentFields.Text(e, "approvedAt", 10, true, at, errors, t) is { } date
                && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                errors.Add(new($"{at}.approvedAt", t["Conduct.Pack.BadDate"]));
        }
    }

    public async Task<string> ApplyAsync(StudyBotDb db, JsonNode section, Guid? actorId, DateTime now, Texts t, CancellationToken ct)
    {
        var existing = await db.Set<ConductEntry>().ToDictionaryAsync(e => e.Id, ct);
        var (added, changed, listed) = (0, 0, new HashSet<string>());
        foreach (var e in section["entries"]!.AsArray().OfType<JsonObject>())
        {
            var id = e["id"]!.GetValue<string>().Trim();
            listed.Add(id);
            if (!existing.TryGetValue(id, out var entry)) { db.Add(entry = new ConductEntry { Id = id }); added++; }
            else changed++;
            entry.Questions = Clean(e["questions"]);
            entry.Tags = Clean(e["tags"]);
            entry.Answer = e["answer"]!.GetValue<string>().Trim();
            entry.Citation = e["citation"]!.GetValue<string>().Trim();
            entry.Sources = Clean(e["sources"]);
            entry.UnitRule = e["unitRule"]?.GetValue<bool>() ?? false;
            entry.Note = e["note"]?.GetValue<string>().Trim() is { Length: > 0 } note ? note : null;
            entry.ApprovedBy = e["approvedBy"]!.GetValue<string>().Trim();
            entry.ApprovedAt = DateTime.SpecifyKind(DateTime.ParseExact(e["approvedAt"]!.GetValue<string>().Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc);
            (entry.Status, entry.Origin, entry.UpdatedAt) = (ConductStatus.Approved, "pack", now);
        }
        var retired = 0;
        if (section["replace"]?.GetValue<bool>() == true)
            foreach (var entry in existing.Values.Where(e => e.Origin == "pack" && e.Status == ConductStatus.Approved && !listed.Contains(e.Id)))
            {
                (entry.Status, entry.UpdatedAt) = (ConductStatus.Retired, now);
                retired++;
            }
        knowledge.Invalidate();
        return t.Format("Conduct.Pack.Imported", added, changed, retired);
    }

    private static string Clean(JsonNode? list) =>
        JsonSerializer.Serialize((list as JsonArray ?? []).Select(x => x!.GetValue<string>().Trim()), WireJson.Options);

    public async Task<JsonNode?> ExportAsync(StudyBotDb db, CancellationToken ct)
    {
        var entries = await db.Set<ConductEntry>().Where(e => e.Status == ConductStatus.Approved).OrderBy(e => e.Id).ToListAsync(ct);
        return new JsonObject
        {
            ["entries"] = new JsonArray(entries.Select(e =>
            {
                var o = new JsonObject
                {
                    ["id"] = e.Id, ["questions"] = JsonNode.Parse(e.Questions), ["answer"] = e.Answer, ["citation"] = e.Citation,
                    ["tags"] = JsonNode.Parse(e.Tags), ["sources"] = JsonNode.Parse(e.Sources), ["unitRule"] = e.UnitRule,
                    ["approvedBy"] = e.ApprovedBy ?? "",
                    ["approvedAt"] = (e.ApprovedAt ?? e.UpdatedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                };
                if (e.Note is not null) o["note"] = e.Note;
                return (JsonNode)o;
            }).ToArray()),
        };
    }

    public async Task<bool> IsEmptyAsync(StudyBotDb db, CancellationToken ct) => !await db.Set<ConductEntry>().AnyAsync(ct);

    public void Count(JsonNode section, IDictionary<string, int> counts) =>
        counts["conduct"] = (section["entries"] as JsonArray)?.Count ?? 0;
}
