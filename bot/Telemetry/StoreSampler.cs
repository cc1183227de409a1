using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Conduct;
using StudyBot.Delivery;
using StudyBot.Scheduling;
using StudyBot.Storage;

namespace StudyBot.Telemetry;

/// <summary>What the store held at the last sample. Deployment-wide: every instance reports the same figures.</summary>
public sealed record StoreSample(long OutboxDepth, double OldestDueSeconds, long JobsDue, long JobsLate, long OpenEscalations);

/// <summary>
/// Counts the outbox, the jobs and the open «Hỏi bí thư» questions every Telemetry:SampleInterval, and the gauges report
/// the last count. An exporter may collect at any moment and from any thread; a query there would hold it up and put the
/// database's pace in the exporter's hands. Registered only when telemetry is on.
/// </summary>
public sealed class StoreSampler : BackgroundService
{
    /// <summary>A due job still waiting after this long is late: the scheduler polls every few seconds.</summary>
    public static readonly TimeSpan JobLateAfter = TimeSpan.FromMinutes(1);

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly IOptions<TelemetryOptions> _options;
    private readonly ILogger<StoreSampler> _logger;
    private volatile StoreSample? _last;

    public StoreSampler(IServiceScopeFactory scopes, TimeProvider time, IOptions<TelemetryOptions> options, BotMetrics metrics,
        ILogger<StoreSampler> logger)
    {
        (_scopes, _time, _options, _logger) = (scopes, time, options, logger);
        var meter = metrics.Meter;
        meter.CreateObservableGauge("studybot.outbox.depth", () => Report(s => s.OutboxDepth), "{message}",
            "Messages in the outbox still to go: pending, or being sent.");
        meter.CreateObservableGauge("studybot.outbox.oldest_due_age", () => Report(s => s.OldestDueSeconds), "s",
            "How long the oldest message that is due has waited; 0 when none is due.");
        meter.CreateObservableGauge("studybot.jobs.due", () => Report(s => s.JobsDue), "{job}", "Jobs whose time has come, not yet run.");
        meter.CreateObservableGauge("studybot.jobs.late", () => Report(s => s.JobsLate), "{job}",
            "Due jobs still waiting a minute after their time.");
        meter.CreateObservableGauge("studybot.escalations.open", () => Report(s => s.OpenEscalations), "{question}",
            "«Hỏi bí thư» questions not yet answered.");
    }

    public StoreSample? Last => _last;

    /// <summary>Nothing before the first sample, nor while the store cannot be read: a gap, not a stale figure.</summary>
    private IEnumerable<Measurement<T>> Report<T>(Func<StoreSample, T> figure) where T : struct =>
        _last is { } sample ? [new Measurement<T>(figure(sample))] : [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _last = await SampleAsync(stoppingToken);
                if (failing) _logger.LogInformation("Store sampling works again");
                failing = false;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                _last = null;
                // Once per outage: the database health check and the store's own warnings say the rest.
                if (!failing) _logger.LogWarning("Store sampling failed; gauges report nothing until it works ({Error})",
                    ex.GetBaseException().GetType().Name);
                failing = true;
            }
            await Task.Delay(_options.Value.SampleInterval, _time, stoppingToken);
        }
    }

    public async Task<StoreSample> SampleAsync(CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
        var now = _time.GetUtcNow().UtcDateTime;
        var depth = await db.Set<OutboxMessage>()
            .CountAsync(m => m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending, ct);
        var oldest = await DeliveryBacklog.OldestDueSinceAsync(db, now, ct);
        var late = now - JobLateAfter;
        var jobs = db.Set<Job>();
        var due = await jobs.CountAsync(j => (j.Status == JobStatus.Pending && j.DueAt <= now)
                                             || (j.Status == JobStatus.Running && j.LeaseUntil < now), ct);
        var lateJobs = await jobs.CountAsync(j => (j.Status == JobStatus.Pending && j.DueAt <= late)
                                                  || (j.Status == JobStatus.Running && j.LeaseUntil < late), ct);
        var open = await db.Set<Escalation>().CountAsync(e => e.Status == EscalationStatus.Open, ct);
        return new StoreSample(depth, oldest is { } since ? (now - since).TotalSeconds : 0, due, lateJobs, open);
    }
}
