using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Storage;
using StudyBot.Telemetry;

namespace StudyBot.Delivery;

/// <summary>
/// Waits for a send permit from the tenant's shared token bucket. Permits are drawn from the database a few
/// at a time (a version check makes the draw atomic across instances) and handed out locally, so the
/// database sees a handful of writes per second, not one per message.
/// </summary>
public sealed class RateGate(IServiceScopeFactory scopes, TimeProvider time, IOptions<DeliveryOptions> options, TenantRates rates)
{
    private readonly ConcurrentDictionary<string, Pool> _pools = new();

    private sealed class Pool
    {
        public readonly SemaphoreSlim Lock = new(1, 1);
        public int Tokens;
    }

    private double Rate => options.Value.MaxPerSecond;

    /// <summary>Half a second of sends may go at once; the rest are paced.</summary>
    private double Burst => Math.Max(1, Rate / 2);

    public async Task WaitAsync(string tenant, CancellationToken ct)
    {
        var pool = _pools.GetOrAdd(tenant, _ => new Pool());
        await pool.Lock.WaitAsync(ct);
        try
        {
            while (pool.Tokens == 0)
            {
                var (granted, wait) = await DrawAsync(tenant, ct);
                pool.Tokens = granted;
                if (granted == 0) await Task.Delay(wait, time, ct);
            }
            pool.Tokens--;
        }
        finally { pool.Lock.Release(); }
        rates.Permitted(tenant);
    }

    /// <summary>Stops everyone's sends to this tenant for a while: Teams said 429.</summary>
    public async Task PauseAsync(string tenant, TimeSpan pause, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
        var until = time.GetUtcNow().UtcDateTime + pause;
        await db.Set<DeliveryBucket>().Where(b => b.TenantId == tenant && (b.PausedUntil == null || b.PausedUntil < until))
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.PausedUntil, until).SetProperty(b => b.Tokens, 0), ct);
        if (_pools.TryGetValue(tenant, out var pool)) Interlocked.Exchange(ref pool.Tokens, 0);
    }

    private async Task<(int Granted, TimeSpan Wait)> DrawAsync(string tenant, CancellationToken ct)
    {
        var chunk = Math.Max(1, (int)(Rate / 20));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var bucket = await db.Set<DeliveryBucket>().AsNoTracking().FirstOrDefaultAsync(b => b.TenantId == tenant, ct);
            if (bucket is null)
            {
                db.Add(new DeliveryBucket { TenantId = tenant, Tokens = Burst, RefilledAt = now });
                try { await db.SaveChangesAsync(ct); }
                catch (DbUpdateException) { } // another instance made it first
                db.ChangeTracker.Clear();
                continue;
            }
            if (bucket.PausedUntil > now) return (0, bucket.PausedUntil.Value - now);
            var tokens = Math.Min(Burst, bucket.Tokens + Math.Max(0, (now - bucket.RefilledAt).TotalSeconds) * Rate);
            var granted = (int)Math.Min(chunk, Math.Floor(tokens));
            if (granted == 0) return (0, TimeSpan.FromSeconds((1 - tokens) / Rate));
            var changed = await db.Set<DeliveryBucket>()
                .Where(b => b.TenantId == tenant && b.Version == bucket.Version)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Tokens, tokens - granted)
                    .SetProperty(b => b.RefilledAt, now).SetProperty(b => b.Version, bucket.Version + 1), ct);
            if (changed == 1) return (granted, TimeSpan.Zero);
        }
        return (0, TimeSpan.FromMilliseconds(10));
    }
}
