using Microsoft.EntityFrameworkCore;
using StudyBot.Storage;

namespace StudyBot.Delivery;

/// <summary>How long the outbox's oldest due message has waited: read by the sampler and by /readyz.</summary>
public static class DeliveryBacklog
{
    /// <summary>
    /// Since when the oldest due message has waited, or null when none is due. A message claimed by a worker whose lease
    /// ran out is due again, and has waited since its lease ended. Both reads use the (Status, DueAt) index or a few
    /// claimed rows.
    /// </summary>
    public static async Task<DateTime?> OldestDueSinceAsync(StudyBotDb db, DateTime now, CancellationToken ct)
    {
        var pending = await db.Set<OutboxMessage>().Where(m => m.Status == OutboxStatus.Pending && m.DueAt <= now)
            .MinAsync(m => (DateTime?)m.DueAt, ct);
        var abandoned = await db.Set<OutboxMessage>().Where(m => m.Status == OutboxStatus.Sending && m.LeaseUntil < now)
            .MinAsync(m => m.LeaseUntil, ct);
        return pending is null ? abandoned : abandoned is null ? pending : pending < abandoned ? pending : abandoned;
    }
}
