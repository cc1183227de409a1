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

    /// <summary>Kept, tied to the anonymised row, as before this part had its own room: the cell's record of what was asked.</summary>
    public Task EraseAsync(StudyBotDb db, Member member, CancellationToken ct) => Task.CompletedTask;
}
