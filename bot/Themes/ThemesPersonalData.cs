using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Storage;

namespace StudyBot.Themes;

/// <summary>A cell's plan items are the cell's, not a person's; erasure only takes a person's name out of their words.</summary>
internal sealed class ThemesPersonalData : IPersonalDataPart
{
    /// <summary>Nothing: a plan item belongs to its cell, whoever typed it (the audit log, exported, says who did).</summary>
    public Task ExportAsync(StudyBotDb db, Member member, JsonObject export, CancellationToken ct) => Task.CompletedTask;

    public async Task EraseAsync(StudyBotDb db, Member member, CancellationToken ct)
    {
        foreach (var item in await db.Set<PlanItem>().ToListAsync(ct)) item.Text = ErasedText.WithoutName(item.Text, member.Name)!;
    }
}
