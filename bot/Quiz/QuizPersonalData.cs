using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Protocol;
using StudyBot.Storage;

namespace StudyBot.Quiz;

/// <summary>The person's quiz attempts, practice and rounds alike.</summary>
internal sealed class QuizPersonalData : IPersonalDataPart
{
    public async Task ExportAsync(StudyBotDb db, Member member, JsonObject export, CancellationToken ct)
    {
        var quiz = await db.Set<QuizAttempt>().Where(a => a.MemberId == member.Id)
            .GroupJoin(db.Set<QuizRound>(), a => a.RoundId, r => r.Id, (a, r) => new { a, r })
            .SelectMany(x => x.r.DefaultIfEmpty(), (x, r) => new { Round = r == null ? null : r.Title, x.a.Score, x.a.Count, x.a.StartedAt, x.a.FinishedAt })
            .OrderBy(x => x.StartedAt).ToListAsync(ct);
        export["quiz"] = JsonSerializer.SerializeToNode(quiz, WireJson.Options);
    }

    /// <summary>Attempts stay, tied to the anonymised row, so a round's counts and scores do not change.</summary>
    public Task EraseAsync(StudyBotDb db, Member member, CancellationToken ct) => Task.CompletedTask;
}
