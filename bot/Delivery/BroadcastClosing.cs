using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Protocol;
using StudyBot.Storage;

namespace StudyBot.Delivery;

/// <summary>
/// A broadcast with nothing left to send is done; the worker that flips it (one, by the guarded update)
/// tells whoever started it.
/// </summary>
internal sealed class BroadcastClosing(TimeProvider time, ILogger logger)
{
    public async Task CloseFinishedAsync(StudyBotDb db, IEnumerable<Guid> broadcastIds, CancellationToken ct)
    {
        foreach (var id in broadcastIds)
        {
            if (await db.Set<OutboxMessage>().AnyAsync(m => m.BroadcastId == id
                    && (m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending), ct)) continue;
            var now = time.GetUtcNow().UtcDateTime;
            var flipped = await db.Set<Broadcast>().Where(b => b.Id == id && b.Status == BroadcastStatus.Sending)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BroadcastStatus.Done).SetProperty(b => b.CompletedAt, now), ct);
            if (flipped == 0) continue;
            var broadcast = await db.Set<Broadcast>().AsNoTracking().FirstAsync(b => b.Id == id, ct);
            logger.LogInformation("Broadcast {Kind} {BroadcastId} done", broadcast.Kind, id);
            if (broadcast.StartedBy is not { } starter) continue;
            var language = await db.Set<Member>().Where(m => m.Id == starter).Select(m => m.Language).FirstOrDefaultAsync(ct);
            var report = await Outbox.ReportAsync(db, broadcast, ct);
            Outbox.SendTo(db, starter, new Activity
            {
                Type = ActivityTypes.Message, TextFormat = "markdown",
                Text = BroadcastText.Done(new Resources.Texts(language ?? "vi"), report),
            }, now);
            await db.SaveChangesAsync(ct);
        }
    }
}
