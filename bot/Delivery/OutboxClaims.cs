using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Scheduling;
using StudyBot.Storage;

namespace StudyBot.Delivery;

/// <summary>
/// Takes due outbox rows under a lease in <paramref name="owner"/>'s name, so that no other worker, here or on
/// another instance, sends them meanwhile; and on a normal stop gives back the ones not finished.
/// </summary>
internal sealed class OutboxClaims(string owner, TimeProvider time, IOptions<DeliveryOptions> options)
{
    public async Task<List<OutboxMessage>> ClaimAsync(StudyBotDb db, CancellationToken ct)
    {
        // A row still "running" whose lease ran out lost its worker mid-send: it may have been delivered.
        // A person with a message in flight waits: their next one must not overtake it, nor break the pace of
        // their conversation, on another worker.
        var sql = LeaseClaim.Sql(StoreProvider.Of(db), "outbox",
            "((\"Status\" = 'pending' AND \"DueAt\" <= @now) OR (\"Status\" = 'running' AND \"LeaseUntil\" < @now))"
            + " AND NOT (\"MemberId\" IS NOT NULL AND EXISTS (SELECT 1 FROM \"outbox\" AS busy WHERE busy.\"MemberId\" = \"outbox\".\"MemberId\""
            + " AND busy.\"Status\" = 'running' AND busy.\"LeaseUntil\" >= @now))",
            "\"DueAt\"", also: ", \"Ambiguous\" = (\"Ambiguous\" OR \"Status\" = 'running')");
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await db.Set<OutboxMessage>().FromSqlRaw(sql,
                Jobs.Parameter(db, "owner", owner), Jobs.Parameter(db, "until", now + options.Value.Lease),
                Jobs.Parameter(db, "now", now), Jobs.Parameter(db, "limit", options.Value.BatchSize))
            .AsNoTracking().ToListAsync(ct);
        // RETURNING gives no order; one person's messages go in the order they were written (to the microsecond).
        return rows.OrderBy(r => r.DueAt).ThenBy(r => r.CreatedAt).ToList();
    }

    /// <summary>
    /// On shutdown, once what finished is recorded: hand back the rest at once instead of when the lease ends.
    /// A row caught mid-send may have been delivered, so it goes back marked ambiguous.
    /// </summary>
    public async Task HandBackAsync(StudyBotDb db, List<OutboxMessage> rows, IReadOnlyDictionary<Guid, bool> started,
        IReadOnlyDictionary<Guid, DeliveryOutcome> outcomes)
    {
        foreach (var group in rows.Where(r => !outcomes.ContainsKey(r.Id)).GroupBy(r => started.ContainsKey(r.Id)))
        {
            var ids = group.Select(r => r.Id).ToList();
            var ambiguous = group.Key;
            await db.Set<OutboxMessage>().Where(m => ids.Contains(m.Id) && m.LeaseOwner == owner && m.Status == OutboxStatus.Sending)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending)
                    .SetProperty(m => m.LeaseUntil, (DateTime?)null)
                    .SetProperty(m => m.Ambiguous, m => m.Ambiguous || ambiguous), CancellationToken.None);
        }
    }
}
