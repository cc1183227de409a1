using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Protocol;
using StudyBot.Scheduling;
using StudyBot.Storage;

namespace StudyBot.Delivery;

/// <summary>
/// Turns a broadcast into one outbox row per recipient, in batches, each batch in its own transaction.
/// Safe to run again (a crash half-way, a second instance): rows already there are skipped, and the unique
/// index on (broadcast, member) stops any that race.
/// </summary>
public sealed class FanOutJob(TimeProvider time) : IJobHandler
{
    private const int Batch = 500;

    public string Kind => Outbox.FanOutKind;
    public CatchUp CatchUp => CatchUp.Always;

    private async Task AddMissingAsync(StudyBotDb db, Guid broadcastId, Guid[] batch, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var have = (await db.Set<OutboxMessage>().Where(m => m.BroadcastId == broadcastId && batch.Contains(m.MemberId!.Value))
            .Select(m => m.MemberId).ToListAsync(ct)).ToHashSet();
        foreach (var memberId in batch.Where(id => !have.Contains(id)))
            db.Add(new OutboxMessage { Id = Guid.CreateVersion7(), BroadcastId = broadcastId, MemberId = memberId, DueAt = now, CreatedAt = now });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    public async Task RunAsync(Job job, IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<StudyBotDb>();
        var broadcastId = Jobs.Read<FanOutPayload>(job).BroadcastId;
        var broadcast = await db.Set<Broadcast>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == broadcastId, ct);
        if (broadcast is null) return;
        var audience = JsonSerializer.Deserialize<Audience>(broadcast.Audience, WireJson.Options)!;

        // The audience is read once, as ids: a few hundred kilobytes even for tens of thousands of people.
        var people = db.Set<Member>().Where(m => m.ErasedAt == null);
        if (audience.PartyMembersOnly) people = people.Where(m => m.IsPartyMember);
        if (audience.UnitId is { } unitId)
            people = people.Where(m => db.Set<UnitMembership>().Any(u => u.MemberId == m.Id && u.UnitId == unitId));
        var ids = await people.Select(m => m.Id).ToListAsync(ct);

        foreach (var batch in ids.Chunk(Batch))
        {
            // Another run of this fan-out (a worker whose lease ran out) may insert the same rows at the same
            // moment; the unique index stops the second, and this batch is then read again.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await AddMissingAsync(db, broadcastId, batch, ct);
                    break;
                }
                catch (DbUpdateException) when (attempt < 3)
                {
                    db.ChangeTracker.Clear();
                }
            }
        }

        var total = await db.Set<OutboxMessage>().CountAsync(m => m.BroadcastId == broadcastId, ct);
        var done = time.GetUtcNow().UtcDateTime;
        await db.Set<Broadcast>().Where(b => b.Id == broadcastId && b.Status == BroadcastStatus.FanningOut)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BroadcastStatus.Sending)
                .SetProperty(b => b.Total, total).SetProperty(b => b.FannedOutAt, done), ct);
    }
}
