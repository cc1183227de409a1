using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Protocol;
using StudyBot.Storage;

namespace StudyBot.Conduct;

/// <summary>What the person typed to the conduct feature: the questions they put to a secretary, and their ratings.</summary>
internal sealed class ConductPersonalData : IPersonalDataPart
{
    public async Task ExportAsync(StudyBotDb db, Member member, JsonObject export, CancellationToken ct)
    {
        var questions = await db.Set<Escalation>().Where(e => e.AskerId == member.Id).OrderBy(e => e.Number).ToListAsync(ct);
        var feedback = await db.Set<AnswerFeedback>().Where(f => f.MemberId == member.Id).OrderBy(f => f.At).ToListAsync(ct);
        export["conduct"] = new JsonObject
        {
            ["questions"] = JsonSerializer.SerializeToNode(questions.Select(e => new
            {
                e.Number, e.Question, e.Status, e.Answer, e.CreatedAt, e.AnsweredAt,
            }), WireJson.Options),
            ["feedback"] = JsonSerializer.SerializeToNode(feedback.Select(f => new { f.Question, f.ItemId, f.Helpful, f.At }),
                WireJson.Options),
        };
    }

    /// <summary>
    /// The rows stay, tied to the anonymised row, so the cell's counts stay true; the person's own words go, and their
    /// name is taken out of questions others asked and answers others gave.
    /// </summary>
    public async Task EraseAsync(StudyBotDb db, Member member, CancellationToken ct)
    {
        foreach (var e in await db.Set<Escalation>().ToListAsync(ct))
        {
            // A question turned into a knowledge-base entry keeps its answer, which the secretary wrote, but not the
            // asker's own words: the entry is asked by its other phrasings, or proposed again by a secretary.
            if (e.AskerId == member.Id && e.EntryId is { } entryId && await db.Set<ConductEntry>().FirstOrDefaultAsync(x => x.Id == entryId, ct) is { } entry)
            {
                var asked = JsonSerializer.Deserialize<List<string>>(entry.Questions, WireJson.Options) ?? [];
                asked.RemoveAll(q => q == e.Question);
                entry.Questions = JsonSerializer.Serialize(asked.Count > 0 ? asked : [ErasedText.Removed], WireJson.Options);
            }
            if (e.AskerId == member.Id) (e.Question, e.Answer) = (ErasedText.Removed, e.Answer is null ? null : ErasedText.Removed);
            else (e.Question, e.Answer) = (ErasedText.WithoutName(e.Question, member.Name)!, ErasedText.WithoutName(e.Answer, member.Name));
        }
        foreach (var f in await db.Set<AnswerFeedback>().Where(f => f.MemberId == member.Id).ToListAsync(ct)) f.Question = ErasedText.Removed;
        // An entry proposed from a question names the secretary who answered it.
        foreach (var entry in await db.Set<ConductEntry>().Where(x => x.Origin == "escalation").ToListAsync(ct))
            entry.Citation = ErasedText.WithoutName(entry.Citation, member.Name)!;
    }
}
