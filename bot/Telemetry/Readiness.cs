using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StudyBot.Delivery;
using StudyBot.Protocol;
using StudyBot.Storage;

namespace StudyBot.Telemetry;

/// <summary>
/// /readyz: whether this instance can do its work, part by part. /healthz stays the liveness check (the database answers),
/// so an orchestrator restarts an instance for a dead store but only takes it out of traffic for the rest.
/// </summary>
public static class Readiness
{
    /// <summary>Checks that only /readyz runs.</summary>
    public const string Tag = "ready";

    public static IServiceCollection AddReadiness(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<SigningKeysCheck>("signingKeys", tags: [Tag])
            .AddCheck<DeliveryCheck>("delivery", tags: [Tag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => !check.Tags.Contains(Tag) });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { ResponseWriter = WriteAsync });
        return app;
    }

    /// <summary>{"status":"Unhealthy","parts":{"database":"Healthy","delivery":"Unhealthy: …"}}, with 503 when any part is unhealthy.</summary>
    private static async Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(http.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartObject("parts");
        foreach (var (name, entry) in report.Entries)
            json.WriteString(name, string.IsNullOrEmpty(entry.Description) ? entry.Status.ToString() : $"{entry.Status}: {entry.Description}");
        json.WriteEndObject();
        json.WriteEndObject();
    }
}

/// <summary>
/// Healthy in anonymous mode, or once the Bot Connector's signing keys are read: until then every request gets 401.
/// An instance out of traffic gets no request that would read them, so the check itself asks for them again (no more
/// often than Bot:SigningKeyRetryInterval).
/// </summary>
public sealed class SigningKeysCheck(InboundAuthenticator auth) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (auth.AnonymousMode) return HealthCheckResult.Healthy("anonymous mode, no tokens checked");
        if (!auth.SigningKeysRead) await auth.WarmUpAsync(ct);
        return auth.SigningKeysRead
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("signing keys not read yet from ToBotFromChannelOpenIdMetadataUrl");
    }
}

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
