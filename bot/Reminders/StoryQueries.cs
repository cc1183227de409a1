using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Storage;

namespace StudyBot.Reminders;

public static class StoryQueries
{
    /// <summary>Who tells the story at this meeting: the one who accepted, else the one asked and not yet answering.</summary>
    public static async Task<string?> StorytellerNameAsync(StudyBotDb db, Guid reminderId, DateTime due, CancellationToken ct)
    {
        var current = await db.Set<StoryAssignment>()
            .Where(a => a.ReminderId == reminderId && a.OccurrenceDue == due
                        && (a.Status == StoryStatus.Accepted || a.Status == StoryStatus.Asked || a.Status == StoryStatus.SwapAsked))
            .OrderBy(a => a.Status == StoryStatus.Accepted ? 0 : 1).ThenByDescending(a => a.AskedAt)
            .Join(db.Set<Member>(), a => a.MemberId, m => m.Id, (a, m) => m.Name)
            .FirstOrDefaultAsync(ct);
        return current;
    }
}
