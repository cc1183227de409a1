using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StudyBot.Storage;
using StudyBot.Telemetry;

namespace StudyBot.Delivery;

/// <summary>Unhealthy when the oldest due message has waited longer than Telemetry:DeliveryStuckAfter, while this instance delivers.</summary>
public sealed class DeliveryCheck(StudyBotDb db, TimeProvider time, IOptions<DeliveryOptions> delivery,
    IOptions<TelemetryOptions> telemetry) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (delivery.Value.Workers <= 0) return HealthCheckResult.Healthy("delivery is off on this instance (Delivery:Workers=0)");
        var now = time.GetUtcNow().UtcDateTime;
        DateTime? since;
        try { since = await DeliveryBacklog.OldestDueSinceAsync(db, now, ct); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database part says why; this part need only say it could not look.
            return HealthCheckResult.Unhealthy("the outbox cannot be read");
        }
        if (since is not { } oldest || now - oldest <= telemetry.Value.DeliveryStuckAfter) return HealthCheckResult.Healthy();
        return HealthCheckResult.Unhealthy($"oldest due message waited {(int)(now - oldest).TotalMinutes} min");
    }
}
