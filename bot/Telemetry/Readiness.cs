using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StudyBot.Telemetry;

/// <summary>
/// /readyz: whether this instance can do its work, part by part. /healthz stays the liveness check (the database answers),
/// so an orchestrator restarts an instance for a dead store but only takes it out of traffic for the rest.
/// </summary>
public static class Readiness
{
    /// <summary>Checks that only /readyz runs.</summary>
    public const string Tag = "ready";

    /// <summary>A part of /readyz, checked by the room it names (signing keys in Protocol, delivery in Delivery).</summary>
    public static IServiceCollection AddReadinessCheck<TCheck>(this IServiceCollection services, string part)
        where TCheck : class, IHealthCheck
    {
        services.AddHealthChecks().AddCheck<TCheck>(part, tags: [Tag]);
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
