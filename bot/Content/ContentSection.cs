using System.Text.Json.Nodes;
using StudyBot.Resources;
using StudyBot.Storage;

namespace StudyBot.Content;

/// <summary>A problem in a content pack, with where it is: a JSON path such as $.themes[2].title, or a line and column.</summary>
public sealed record ContentError(string Place, string Message);

/// <summary>
/// One section of a content pack ("themes"; the quiz and conduct features add theirs), owned by the feature
/// that uses it: it checks its part, writes it to the store, and reads it back for export.
/// </summary>
public interface IContentSection
{
    string Name { get; }

    void Validate(JsonNode section, string place, List<ContentError> errors, Texts t);

    /// <summary>Writes the (valid) section; returns a line for the import report. Saved by the caller.</summary>
    Task<string> ApplyAsync(StudyBotDb db, JsonNode section, Guid? actorId, DateTime now, Texts t, CancellationToken ct);

    Task<JsonNode?> ExportAsync(StudyBotDb db, CancellationToken ct);

    /// <summary>True when the store holds nothing of this section yet, so the default pack should fill it.</summary>
    Task<bool> IsEmptyAsync(StudyBotDb db, CancellationToken ct);

    /// <summary>Adds what the section holds to the counts `content check` prints (themes=…, questions=…).</summary>
    void Count(JsonNode section, IDictionary<string, int> counts);
}
