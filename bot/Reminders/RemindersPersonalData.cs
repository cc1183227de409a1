using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Protocol;
using StudyBot.Storage;

namespace StudyBot.Reminders;

/// <summary>The person's part in reminders: what they acknowledged, and their turns in the storytelling rota.</summary>
internal sealed class RemindersPersonalData : IPersonalDataPart
{
    public async Task ExportAsync(StudyBotDb db, Member member, JsonObject export, CancellationToken ct)
    {
        var acknowledgements = await db.Set<Acknowledgement>().Where(a => a.MemberId == member.Id).OrderBy(a => a.At).ToListAsync(ct);
        var storyTurns = await db.Set<StoryAssignment>().Where(s => s.MemberId == member.Id).OrderBy(s => s.AskedAt).ToListAsync(ct);
        export["reminders"] = new JsonObject
        {
            ["acknowledgements"] = JsonSerializer.SerializeToNode(acknowledgements.Select(a => new { a.OccurrenceId, a.At }),
                WireJson.Options),
            ["storyTurns"] = JsonSerializer.SerializeToNode(storyTurns.Select(s => new { s.OccurrenceDue, s.Status, s.AskedAt }),
                WireJson.Options),
        };
    }

    /// <summary>
    /// Acknowledgements and turns are kept, tied to the anonymised row, so counts and the rota's order stay true; a
    /// reminder's text ("Đồng chí … kể chuyện") loses the person's name.
    /// </summary>
    public async Task EraseAsync(StudyBotDb db, Member member, CancellationToken ct)
    {
        foreach (var reminder in await db.Set<Reminder>().ToListAsync(ct)) reminder.Text = ErasedText.WithoutName(reminder.Text, member.Name)!;
    }
}
