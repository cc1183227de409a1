using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Storage;

namespace StudyBot.Scheduling;

/// <summary>
/// Runs due jobs. Each instance claims jobs under a lease; a job whose worker died becomes due again when
/// its lease runs out. A failed job is retried with backoff up to Scheduling:MaxAttempts. Late notifications
/// outside the catch-up window are skipped and logged; state changes always run.
/// </summary>
public sealed class JobWorker(IServiceScopeFactory scopes, IEnumerable<IJobHandler> handlers, TimeProvider time,
    IOptions<SchedulingOptions> options, ILogger<JobWorker> logger) : BackgroundService
{
    private readonly Dictionary<string, IJobHandler> _handlers = handlers.ToDictionary(h => h.Kind);

    /// <summary>Tells this worker's instance apart in leases and logs.</summary>
    public string Owner { get; } = $"{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (!options.Value.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var ran = 0;
            try { ran = await RunDueAsync(stoppingToken); }
            // Whatever fails once the service is stopping, or after a failed start has disposed its services, is the stop itself.
            catch (Exception ex) when (stoppingToken.IsCancellationRequested || ex is ObjectDisposedException) { return; }
            catch (Exception ex) when (StoreUnavailable.Is(ex))
            {
                // Expected while the store is away; a stack trace each poll would bury everything else in the log.
                logger.LogWarning("Jobs wait: the store is unreachable ({Error})", ex.GetBaseException().GetType().Name);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Job round failed; the next round tries again");
            }
            if (ran == 0) await Task.Delay(options.Value.PollInterval, time, stoppingToken);
        }
    }

    /// <summary>One round: claim what is due and run it. Returns how many jobs it ran.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        List<Job> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
            claimed = await Jobs.ClaimAsync(db, Owner, 10, time.GetUtcNow().UtcDateTime, options.Value.Lease, ct);
        }
        foreach (var job in claimed) await RunAsync(job, ct);
        return claimed.Count;
    }

    private async Task RunAsync(Job job, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (!_handlers.TryGetValue(job.Kind, out var handler))
        {
            await FinishAsync(job, JobStatus.Failed, $"no handler for kind '{job.Kind}'", ct);
            return;
        }
        if (handler.CatchUp == CatchUp.WithinWindow && now - job.DueAt > options.Value.CatchUpWindow)
        {
            logger.LogWarning("Skipped {Kind} job {Key}: due at {DueAt:u}, more than {Window} ago",
                job.Kind, job.Key, job.DueAt, options.Value.CatchUpWindow);
            await FinishAsync(job, JobStatus.Skipped, "came due while the service was down", ct);
            return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await handler.RunAsync(job, scope.ServiceProvider, ct);
            await FinishAsync(job, JobStatus.Done, null, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "{Kind} job {Key} failed (attempt {Attempt})", job.Kind, job.Key, job.Attempts);
            if (job.Attempts >= options.Value.MaxAttempts) await FinishAsync(job, JobStatus.Failed, ex.Message, ct);
            else await RetryLaterAsync(job, ex.Message, ct);
        }
    }

    private async Task FinishAsync(Job job, string status, string? error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
        var now = time.GetUtcNow().UtcDateTime;
        // Guarded by the lease: a worker whose lease ran out must not overwrite the new owner's result.
        await db.Set<Job>().Where(j => j.Id == job.Id && j.LeaseOwner == Owner)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, status).SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.LastError, error).SetProperty(j => j.LeaseUntil, (DateTime?)null), ct);
    }

    private async Task RetryLaterAsync(Job job, string error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
        var due = time.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(Math.Min(3600, 15 * Math.Pow(2, job.Attempts)));
        await db.Set<Job>().Where(j => j.Id == job.Id && j.LeaseOwner == Owner)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Pending).SetProperty(j => j.DueAt, due)
                .SetProperty(j => j.LastError, error).SetProperty(j => j.LeaseUntil, (DateTime?)null), ct);
    }
}
