using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Protocol;
using StudyBot.Storage;

namespace StudyBot.Nominations;

/// <summary>Nominations the person made or received, each with the role they had in it.</summary>
internal sealed class NominationsPersonalData : IPersonalDataPart
{
    public async Task ExportAsync(StudyBotDb db, Member member, JsonObject export, CancellationToken ct)
    {
        var nominations = await db.Set<Nomination>()
            .Where(n => n.NominatorId == member.Id || n.NomineeId == member.Id).OrderBy(n => n.CreatedAt).ToListAsync(ct);
        export["nominations"] = JsonSerializer.SerializeToNode(nominations.Select(n => new
        {
            n.Reference, Role = n.NominatorId == member.Id ? "nominator" : "nominee",
            n.Deed, n.DeedDate, n.Category, n.Note, n.Status, n.DecidedAt, n.DecisionReason, n.CreatedAt,
        }), WireJson.Options);
    }

    /// <summary>
    /// A nomination is the unit's record of a good deed: it stays with its state and dates, naming the anonymised row,
    /// but what was written about or by the person goes, and their name leaves others' nominations.
    /// </summary>
    public async Task EraseAsync(StudyBotDb db, Member member, CancellationToken ct)
    {
        foreach (var n in await db.Set<Nomination>().ToListAsync(ct))
        {
            if (n.NominatorId == member.Id || n.NomineeId == member.Id)
                (n.Deed, n.Note, n.DecisionReason) = (ErasedText.Removed, null, n.DecisionReason is null ? null : ErasedText.Removed);
            else
                (n.Deed, n.Note, n.DecisionReason) = (ErasedText.WithoutName(n.Deed, member.Name)!, ErasedText.WithoutName(n.Note, member.Name),
                    ErasedText.WithoutName(n.DecisionReason, member.Name));
        }
    }
}
