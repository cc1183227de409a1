using System.Text.Json;
using System.Text.Json.Nodes;
using StudyBot.Agency;
using StudyBot.Resources;
using StudyBot.Storage;

namespace StudyBot.Content;

/// <summary>
/// The content pack format (README, "Content packs"): a JSON object with "format", an optional "name", and
/// sections. Checking reports every error with its place; importing applies all sections in one transaction,
/// or nothing.
/// </summary>
public sealed class ContentPacks(IEnumerable<IContentSection> sections, TimeProvider time)
{
    public const string Format = "studybot/content-pack@1";
    private const string DefaultResource = "StudyBot.Content.default-pack.json";

    public static string DefaultPackText()
    {
        using var stream = typeof(ContentPacks).Assembly.GetManifestResourceStream(DefaultResource)
                           ?? throw new InvalidOperationException("The default content pack is not embedded");
        return new StreamReader(stream).ReadToEnd();
    }

    public (JsonObject? Pack, List<ContentError> Errors) Check(string text, Texts t)
    {
        var errors = new List<ContentError>();
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            return (null, [new ContentError(t.Format("Content.At", (ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1),
                t["Content.NotJson"])]);
        }
        if (root is not JsonObject pack) return (null, [new ContentError("$", t["Content.NotObject"])]);

        if (pack["format"]?.GetValueKind() != JsonValueKind.String || pack["format"]!.GetValue<string>() != Format)
            errors.Add(new ContentError("$.format", t.Format("Content.BadFormat", Format)));
        var known = sections.ToDictionary(s => s.Name);
        foreach (var (key, value) in pack)
        {
            if (key is "format" or "name" or "$schema") continue;
            if (!known.TryGetValue(key, out var section)) errors.Add(new ContentError($"$.{key}", t.Format("Content.UnknownSection", key)));
            else if (value is null) errors.Add(new ContentError($"$.{key}", t["Content.EmptySection"]));
            else section.Validate(value, $"$.{key}", errors, t);
        }
        if (!pack.Any(kv => known.ContainsKey(kv.Key))) errors.Add(new ContentError("$", t["Content.NoSections"]));
        return errors.Count == 0 ? (pack, errors) : (null, errors);
    }

    /// <summary>What a pack holds, section by section, for `content check`; counts what it can even in a pack with errors.</summary>
    public Dictionary<string, int> Count(string text)
    {
        var counts = new Dictionary<string, int>();
        JsonObject? pack;
        try { pack = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }) as JsonObject; }
        catch (JsonException) { pack = null; }
        foreach (var section in sections)
            if (pack?[section.Name] is { } node) section.Count(node, counts);
        return counts;
    }

    public async Task<(List<string>? Report, List<ContentError> Errors)> ImportAsync(StudyBotDb db, string text, Texts t,
        Guid? actorId, CancellationToken ct)
    {
        var (pack, errors) = Check(text, t);
        if (pack is null) return (null, errors);
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var report = new List<string>();
        foreach (var section in sections.Where(s => pack[s.Name] is not null))
            report.Add(await section.ApplyAsync(db, pack[section.Name]!, actorId, now, t, ct));
        db.Add(new AuditEntry
        {
            Id = Guid.CreateVersion7(), At = now, ActorId = actorId, Action = "content.import",
            Detail = (pack["name"]?.GetValue<string>() ?? "") + ": " + string.Join("; ", report),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (report, []);
    }

    public async Task<JsonObject> ExportAsync(StudyBotDb db, CancellationToken ct)
    {
        var pack = new JsonObject { ["format"] = Format, ["name"] = "StudyBot export " + time.GetUtcNow().ToString("yyyy-MM-dd") };
        foreach (var section in sections)
            if (await section.ExportAsync(db, ct) is { } node) pack[section.Name] = node;
        return pack;
    }

    /// <summary>Fills each empty section from the default pack; sections that already hold data are left alone.</summary>
    public async Task SeedDefaultAsync(StudyBotDb db, CancellationToken ct)
    {
        var (pack, errors) = Check(DefaultPackText(), Texts.Vietnamese);
        if (pack is null) throw new InvalidOperationException("The default content pack is invalid: " + string.Join("; ", errors));
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var section in sections.Where(s => pack[s.Name] is not null))
            if (await section.IsEmptyAsync(db, ct))
                await section.ApplyAsync(db, pack[section.Name]!, null, now, Texts.Vietnamese, ct);
        await db.SaveChangesAsync(ct);
    }

    public static string Describe(IEnumerable<ContentError> errors, Texts t, int shown = 30)
    {
        var list = errors.ToList();
        var lines = list.Take(shown).Select(e => $"{e.Place}: {e.Message}").ToList();
        if (list.Count > shown) lines.Add(t.Format("Import.MoreErrors", list.Count - shown));
        return t.Format("Content.Failed", list.Count) + "\n\n" + string.Join("\n\n", lines);
    }
}

/// <summary>Fills an empty store from the default pack at start.</summary>
public sealed class DefaultContentSeed : IDatabaseSeed
{
    public Task SeedAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<ContentPacks>().SeedDefaultAsync(services.GetRequiredService<StudyBotDb>(), ct);
}
