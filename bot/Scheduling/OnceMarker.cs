using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Storage;

namespace StudyBot.Scheduling;

/// <summary>
/// Lets one of several racing presses through (a double click, two secretaries at once) where each would otherwise find
/// "not done yet" and do it. Each writes a marker keyed by how many times the action was audited as done for the target;
/// the store's unique key on job keys admits one, and the other turn is retried on what is stored, where it finds the
/// action just done. The marker is a finished job: it never runs.
/// </summary>
public static class OnceMarker
{
    public static async Task ClaimAsync(StudyBotDb db, string action, string target, DateTime now)
    {
        var done = await db.Set<AuditEntry>().CountAsync(a => a.Action == action && a.Target == target && a.Outcome == AuditOutcome.Done);
        db.Add(new Job
        {
            Id = Guid.CreateVersion7(), Kind = action, Key = $"{action}:{target}:{done}", DueAt = now, CreatedAt = now,
            Status = JobStatus.Done, FinishedAt = now,
        });
    }
}
