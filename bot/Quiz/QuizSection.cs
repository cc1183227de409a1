using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Content;
using StudyBot.Protocol;
using StudyBot.Resources;
using StudyBot.Storage;

namespace StudyBot.Quiz;

/// <summary>
/// The "quiz" section of a content pack: {replace?, sources: [{id, kind, work, text, citation}], questions: [{id,
/// kind, category, prompt, choices|items, answer, accept?, source, explain?}]}. An import adds or updates by id;
/// with "replace": true, questions the pack does not list are retired. A pack carries the sources its questions cite.
/// </summary>
public sealed class QuizSection : IContentSection
{
    public string Name => "quiz";

    public void Validate(JsonNode section, string place, List<ContentError> errors, Texts t)
    {
        if (section is not JsonObject quiz) { errors.Add(new(place, t["Content.NotObject"])); return; }
        ContentFields.Known(quiz, place, errors, t, "replace", "sources", "questions");
        ContentFields.Flag(quiz, "replace", place, errors, t);
        var sources = ValidateSources(quiz["sources"], $"{place}.sources", errors, t);
        ValidateQuestions(quiz["questions"], $"{place}.questions", sources, errors, t);
    }

    private static HashSet<string> ValidateSources(JsonNode? node, string place, List<ContentError> errors, Texts t)
    {
        var ids = new HashSet<string>();
        if (node is null) return ids;
        if (node is not JsonArray list) { errors.Add(new(place, t["Content.NotList"])); return ids; }
        for (var i = 0; i < list.Count; i++)
        {
            var at = $"{place}[{i}]";
            if (list[i] is not JsonObject s) { errors.Add(new(at, t["Content.NotObject"])); continue; }
            ContentFields.Known(s, at, errors, t, "id", "kind", "work", "text", "citation");
            if (ContentFields.Id(s, at, errors, t) is { } id && !ids.Add(id)) errors.Add(new($"{at}.id", t.Format("Quiz.Pack.DuplicateId", id)));
            if (ContentFields.Text(s, "kind", 16, true, at, errors, t) is { } kind && !SourceKinds.All.Contains(kind))
                errors.Add(new($"{at}.kind", t.Format("Quiz.Pack.OneOf", string.Join(", ", SourceKinds.All))));
            ContentFields.Text(s, "work", 300, true, at, errors, t);
            ContentFields.Text(s, "text", 2000, true, at, errors, t);
            ContentFields.Text(s, "citation", 500, true, at, errors, t);
        }
        return ids;
    }

    private static void ValidateQuestions(JsonNode? node, string place, HashSet<string> sources, List<ContentError> errors, Texts t)
    {
        if (node is null) return;
        if (node is not JsonArray list) { errors.Add(new(place, t["Content.NotList"])); return; }
        var ids = new HashSet<string>();
        for (var i = 0; i < list.Count; i++)
        {
            var at = $"{place}[{i}]";
            if (list[i] is not JsonObject q) { errors.Add(new(at, t["Content.NotObject"])); continue; }
            ContentFields.Known(q, at, errors, t, "id", "kind", "category", "prompt", "choices", "items", "answer", "accept", "source", "explain");
            if (ContentFields.Id(q, at, errors, t) is { } id && !ids.Add(id)) errors.Add(new($"{at}.id", t.Format("Quiz.Pack.DuplicateId", id)));
            ContentFields.Text(q, "category", 40, true, at, errors, t);
            var prompt = ContentFields.Text(q, "prompt", 600, true, at, errors, t);
            ContentFields.Text(q, "explain", 1000, false, at, errors, t);
            if (ContentFields.Text(q, "source", 40, true, at, errors, t) is { } source && !sources.Contains(source))
                errors.Add(new($"{at}.source", t.Format("Quiz.Pack.UnknownSource", source)));
            switch (ContentFields.Text(q, "kind", 16, true, at, errors, t))
            {
                case QuestionKinds.Single:
                    var count = ContentFields.TextList(q, "choices", 2, 6, 300, at, errors, t, distinct: true);
                    if (q["answer"]?.GetValueKind() != JsonValueKind.Number || !q["answer"]!.AsValue().TryGetValue<int>(out var answer)
                        || answer < 0 || answer >= Math.Max(count, 1))
                        errors.Add(new($"{at}.answer", t["Quiz.Pack.AnswerIndex"]));
                    break;
                case QuestionKinds.TrueFalse:
                    if (q["answer"]?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                        errors.Add(new($"{at}.answer", t["Quiz.Pack.NotBool"]));
                    break;
                case QuestionKinds.Fill:
                    ContentFields.Text(q, "answer", 200, true, at, errors, t);
                    if (prompt is not null && !prompt.Contains("___")) errors.Add(new($"{at}.prompt", t["Quiz.Pack.FillBlank"]));
                    if (q["accept"] is not null) ContentFields.TextList(q, "accept", 1, 10, 200, at, errors, t, distinct: true);
                    break;
                case QuestionKinds.Order:
                    ContentFields.TextList(q, "items", 3, 6, 200, at, errors, t, distinct: true);
                    break;
                case { } other:
                    errors.Add(new($"{at}.kind", t.Format("Quiz.Pack.OneOf", string.Join(", ", QuestionKinds.All))));
                    break;
            }
        }
    }

    public async Task<string> ApplyAsync(StudyBotDb db, JsonNode section, Guid? actorId, DateTime now, Texts t, CancellationToken ct)
    {
        var quiz = section.AsObject();
        var sources = await db.Set<QuizSource>().ToDictionaryAsync(s => s.Id, ct);
        foreach (var s in (quiz["sources"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var id = s["id"]!.GetValue<string>().Trim();
            if (!sources.TryGetValue(id, out var source)) db.Add(sources[id] = source = new QuizSource { Id = id });
            source.Kind = s["kind"]!.GetValue<string>().Trim();
            source.Work = s["work"]!.GetValue<string>().Trim();
            source.Text = s["text"]!.GetValue<string>().Trim();
            source.Citation = s["citation"]!.GetValue<string>().Trim();
        }
        var questions = await db.Set<QuizQuestion>().ToDictionaryAsync(q => q.Id, ct);
        var (added, changed) = (0, 0);
        var listed = new HashSet<string>();
        foreach (var q in (quiz["questions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var id = q["id"]!.GetValue<string>().Trim();
            listed.Add(id);
            if (!questions.TryGetValue(id, out var question)) { db.Add(question = new QuizQuestion { Id = id }); added++; }
            else changed++;
            question.Kind = q["kind"]!.GetValue<string>().Trim();
            question.Category = q["category"]!.GetValue<string>().Trim();
            question.Prompt = q["prompt"]!.GetValue<string>().Trim();
            question.Options = new JsonArray(((q[question.Kind == QuestionKinds.Order ? "items" : "choices"] as JsonArray) ?? [])
                .Select(x => (JsonNode)x!.GetValue<string>().Trim()).ToArray()).ToJsonString(WireJson.Options);
            question.Answer = question.Kind switch
            {
                QuestionKinds.Single => q["answer"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture),
                QuestionKinds.TrueFalse => q["answer"]!.GetValue<bool>() ? "true" : "false",
                QuestionKinds.Fill => q["answer"]!.GetValue<string>().Trim(),
                _ => "",
            };
            question.Accept = (q["accept"] ?? new JsonArray()).ToJsonString(WireJson.Options);
            question.SourceId = q["source"]!.GetValue<string>().Trim();
            question.Explain = q["explain"]?.GetValue<string>().Trim();
            (question.Active, question.UpdatedAt) = (true, now);
        }
        var retired = 0;
        if (quiz["replace"]?.GetValue<bool>() == true)
            foreach (var question in questions.Values.Where(q => q.Active && !listed.Contains(q.Id)))
            {
                question.Active = false;
                retired++;
            }
        return t.Format("Quiz.Pack.Imported", added, changed, retired, sources.Count);
    }

    public async Task<JsonNode?> ExportAsync(StudyBotDb db, CancellationToken ct)
    {
        var questions = await db.Set<QuizQuestion>().Where(q => q.Active).OrderBy(q => q.Id).ToListAsync(ct);
        var cited = questions.Select(q => q.SourceId).ToHashSet();
        var sources = (await db.Set<QuizSource>().OrderBy(s => s.Id).ToListAsync(ct)).Where(s => cited.Contains(s.Id));
        return new JsonObject
        {
            ["sources"] = new JsonArray(sources.Select(s => (JsonNode)new JsonObject
            {
                ["id"] = s.Id, ["kind"] = s.Kind, ["work"] = s.Work, ["text"] = s.Text, ["citation"] = s.Citation,
            }).ToArray()),
            ["questions"] = new JsonArray(questions.Select(q => (JsonNode)ToJson(q)).ToArray()),
        };
    }

    private static JsonObject ToJson(QuizQuestion q)
    {
        var o = new JsonObject { ["id"] = q.Id, ["kind"] = q.Kind, ["category"] = q.Category, ["source"] = q.SourceId, ["prompt"] = q.Prompt };
        var options = JsonNode.Parse(q.Options);
        switch (q.Kind)
        {
            case QuestionKinds.Single: o["choices"] = options; o["answer"] = int.Parse(q.Answer, CultureInfo.InvariantCulture); break;
            case QuestionKinds.TrueFalse: o["answer"] = q.Answer == "true"; break;
            case QuestionKinds.Fill:
                o["answer"] = q.Answer;
                if (q.Accept != "[]") o["accept"] = JsonNode.Parse(q.Accept);
                break;
            case QuestionKinds.Order: o["items"] = options; break;
        }
        if (q.Explain is not null) o["explain"] = q.Explain;
        return o;
    }

    public async Task<bool> IsEmptyAsync(StudyBotDb db, CancellationToken ct) => !await db.Set<QuizQuestion>().AnyAsync(ct);

    public void Count(JsonNode section, IDictionary<string, int> counts)
    {
        var sources = (section["sources"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var questions = (section["questions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        string? Field(JsonObject o, string key) => o[key]?.GetValueKind() == JsonValueKind.String ? o[key]!.GetValue<string>() : null;
        counts["excerpts"] = sources.Count(s => Field(s, "kind") is { } k && SourceKinds.IsQuotation(k));
        counts["questions"] = questions.Count;
        foreach (var kind in QuestionKinds.All) counts[kind] = questions.Count(q => Field(q, "kind") == kind);
        counts["scenarios"] = questions.Count(q => Field(q, "category") == QuestionCategories.Scenario);
    }
}
