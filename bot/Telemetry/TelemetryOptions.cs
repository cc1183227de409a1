using Microsoft.Extensions.Options;

namespace StudyBot.Telemetry;

/// <summary>Under <c>Telemetry:</c>. With both addresses empty the OpenTelemetry SDK is not even registered.</summary>
public sealed class TelemetryOptions
{
    /// <summary>An OTLP collector (gRPC unless OTEL_EXPORTER_OTLP_PROTOCOL says otherwise), e.g. http://collector:4317.</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>Where the Prometheus scrape endpoint listens, on a port of its own, e.g. http://localhost:9464/.</summary>
    public string PrometheusUrl { get; set; } = "";

    /// <summary>How often the outbox, the jobs and the open questions are counted for the gauges.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A due message older than this makes /readyz report delivery as stuck.</summary>
    public TimeSpan DeliveryStuckAfter { get; set; } = TimeSpan.FromMinutes(10);

    public static Uri? OtlpUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    /// <summary>
    /// The HttpListener exporter serves plain http only, and answers only requests that name this host (HttpListener
    /// routes by the Host header), so the host is the one scrapers use. It takes no "+" or "*" wildcard.
    /// </summary>
    public static (string Host, int Port, string Path)? PrometheusAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == "http" && !uri.IsDefaultPort
            ? (uri.Host, uri.Port, uri.AbsolutePath == "/" ? "/metrics" : uri.AbsolutePath)
            : null;
}

/// <summary>A bad telemetry setting stops the service at start with a sentence that names it.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions o)
    {
        var errors = new List<string>();
        if (o.OtlpEndpoint.Length > 0 && TelemetryOptions.OtlpUri(o.OtlpEndpoint) is null)
            errors.Add($"Telemetry:OtlpEndpoint '{o.OtlpEndpoint}' is not an http(s) URL: use e.g. http://collector:4317, or leave it empty.");
        if (o.PrometheusUrl.Length > 0 && TelemetryOptions.PrometheusAddress(o.PrometheusUrl) is null)
            errors.Add($"Telemetry:PrometheusUrl '{o.PrometheusUrl}' is not an http URL with a port: use e.g. http://localhost:9464/, or leave it empty.");
        if (o.SampleInterval <= TimeSpan.Zero || o.SampleInterval > TimeSpan.FromHours(1))
            errors.Add("Telemetry:SampleInterval must be positive and at most an hour.");
        if (o.DeliveryStuckAfter <= TimeSpan.Zero)
            errors.Add("Telemetry:DeliveryStuckAfter must be positive.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
