using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Conversations;
using StudyBot.Storage;

namespace StudyBot.Delivery;

/// <summary>
/// Stores what each send came to: the row's new status (sent, due again later, failed after
/// Delivery:MaxAttempts, unreachable), the person marked unreachable, and a chat opened on the way.
/// <see cref="OutcomeWriter"/> decides when a save happens; this is what one save changes.
/// </summary>
internal sealed class OutcomeRecorder(string owner, TimeProvider time, WriteGate writes, IOptions<DeliveryOptions> options)
{
    public async Task RecordAsync(StudyBotDb db, IReadOnlyDictionary<Guid, DeliveryOutcome> outcomes, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var ids = outcomes.Keys.ToList();
        // Only rows still leased to this worker: a row whose lease ran out belongs to whoever reclaimed it.
        var rows = await db.Set<OutboxMessage>().Where(m => ids.Contains(m.Id) && m.LeaseOwner == owner).ToListAsync(ct);
        foreach (var row in rows)
        {
            var outcome = outcomes[row.Id];
            row.LeaseUntil = null;
            switch (outcome)
            {
                case DeliveryOutcome.Sent sent:
                    (row.Status, row.SentAt, row.SentActivityId, row.LastError) = (OutboxStatus.Sent, now, sent.ActivityId, null);
                    row.SentConversationId = sent.ConversationId;
                    break;
                case DeliveryOutcome.Retry retry when row.Attempts >= options.Value.MaxAttempts:
                    (row.Status, row.LastError) = (OutboxStatus.Failed, "gave up after " + retry.Error);
                    row.Ambiguous |= retry.Ambiguous;
                    break;
                case DeliveryOutcome.Retry retry:
                    (row.Status, row.DueAt, row.LastError) = (OutboxStatus.Pending, now + retry.After, retry.Error);
                    row.Ambiguous |= retry.Ambiguous;
                    break;
                case DeliveryOutcome.Unreachable unreachable:
                    (row.Status, row.LastError) = (OutboxStatus.Unreachable, unreachable.Reason);
                    if (row.MemberId is { } id && unreachable.Reason is not ("NeverSeen" or "Erased"))
                        await db.Set<Member>().Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                            .SetProperty(m => m.Unreachable, true).SetProperty(m => m.UnreachableReason, unreachable.Reason), ct);
                    break;
                case DeliveryOutcome.Failed failed:
                    (row.Status, row.LastError) = (OutboxStatus.Failed, failed.Error);
                    break;
            }
            if (outcome.NewConversation is { } chat)
            {
                await db.Set<ConversationRecord>().Where(c => c.MemberId == chat.MemberId && c.ConversationType == "personal" && c.Id != chat.Id)
                    .ExecuteDeleteAsync(ct);
                if (await db.Set<ConversationRecord>().AnyAsync(c => c.Id == chat.Id, ct)) continue;
                db.Add(chat);
            }
        }
        using (await writes.EnterAsync(db, ct)) await db.SaveChangesAsync(ct);
    }
}
