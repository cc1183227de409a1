using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Resources;
using StudyBot.Storage;

namespace StudyBot.Scheduling;

/// <summary>
/// An action a person may take at most once in a while (a reminder sent by hand, once an hour): when it was last done,
/// read from the audit trail, and how to say so. Racing presses are held to one by <see cref="OnceMarker"/>.
/// </summary>
public static class OncePer
{
    public static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>When the action was last done on the target within <paramref name="every"/>; null when it may be done now.</summary>
    public static async Task<DateTime?> LastAsync(StudyBotDb db, string action, string target, DateTime now, TimeSpan every) =>
        await db.Set<AuditEntry>().Where(a => a.Action == action && a.Target == target && a.Outcome == AuditOutcome.Done && a.At > now - every)
            .OrderByDescending(a => a.At).Select(a => (DateTime?)a.At).FirstOrDefaultAsync();

    /// <summary>"Reminded at …; again after …", in local time.</summary>
    public static string Said(Texts t, DateTime lastLocal, TimeSpan every) =>
        t.Format("Remind.DoneAt", LocalTime.Describe(lastLocal, t), LocalTime.Describe(lastLocal + every, t));
}
