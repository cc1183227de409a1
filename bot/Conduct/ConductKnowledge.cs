using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StudyBot.Protocol;
using StudyBot.Quiz;
using StudyBot.Storage;

namespace StudyBot.Conduct;

/// <summary>
/// The index the bot answers from: approved entries and the question bank's conduct scenarios. Built once and kept;
/// a small stamp (counts and latest change) is read again at most every few seconds, so an import or an approval on
/// any instance is answered with within seconds, without four extra queries on every question.
/// </summary>
public sealed class ConductKnowledge(TimeProvider time)
{
    private static readonly TimeSpan StampLifetime = TimeSpan.FromSeconds(3);

    /// <summary>Replaced whole, so a question never sees a stamp with another index.</summary>
    private sealed record Snapshot(string Stamp, ConductIndex Index, DateTimeOffset CheckedAt);

    private volatile Snapshot? _cache;

    /// <summary>After an approval or an import on this instance: the next question reads the store again.</summary>
    public void Invalidate() => _cache = null;

    public async Task<ConductIndex> IndexAsync(StudyBotDb db, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_cache is { } fresh && now - fresh.CheckedAt < StampLifetime) return fresh.Index;
        var entries = db.Set<ConductEntry>().Where(e => e.Status == ConductStatus.Approved);
        var scenarios = db.Set<QuizQuestion>().Where(q => q.Active && q.Category == QuestionCategories.Scenario && q.Kind == QuestionKinds.Single);
        var stamp = $"{await entries.CountAsync(ct)}|{await entries.MaxAsync(e => (DateTime?)e.UpdatedAt, ct):O}|" +
                    $"{await scenarios.CountAsync(ct)}|{await scenarios.MaxAsync(q => (DateTime?)q.UpdatedAt, ct):O}";
        if (_cache is { } cached && cached.Stamp == stamp)
        {
            _cache = cached with { CheckedAt = now };
            return cached.Index;
        }

        var items = (await entries.AsNoTracking().ToListAsync(ct)).Select(e => new KnowledgeItem(e.Id,
            JsonSerializer.Deserialize<List<string>>(e.Questions, WireJson.Options) ?? [], e.Answer, e.Citation,
            JsonSerializer.Deserialize<List<string>>(e.Tags, WireJson.Options) ?? [], e.UnitRule)).ToList();
        var questions = await scenarios.AsNoTracking().ToListAsync(ct);
        var sourceIds = questions.Select(q => q.SourceId).ToList();
        var citations = await db.Set<QuizSource>().Where(s => sourceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => SourceLine.Readable(s.Citation), ct);
        foreach (var q in questions)
        {
            var choices = JsonSerializer.Deserialize<List<string>>(q.Options, WireJson.Options) ?? [];
            if (!int.TryParse(q.Answer, out var right) || right >= choices.Count) continue;
            items.Add(KnowledgeItems.Scenario(q.Id, q.Prompt, choices[right], q.Explain, citations.GetValueOrDefault(q.SourceId, "")));
        }
        var index = new ConductIndex(items);
        _cache = new Snapshot(stamp, index, now);
        return index;
    }
}
