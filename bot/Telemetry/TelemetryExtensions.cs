using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace StudyBot.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// The instruments are always there (recording into them costs next to nothing while nobody listens); the OpenTelemetry
    /// SDK, its exporters and the store sampler only when Telemetry:OtlpEndpoint or Telemetry:PrometheusUrl is set.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration("Telemetry").ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddSingleton<BotMetrics>();
        services.AddSingleton<TenantRates>();

        // Read here, before the options exist, because it decides what is registered; a bad value registers no exporter
        // and the validator above stops the start with a sentence naming it.
        var otlp = configuration["Telemetry:OtlpEndpoint"] ?? "";
        var prometheus = configuration["Telemetry:PrometheusUrl"] ?? "";
        if (otlp.Length == 0 && prometheus.Length == 0) return services;

        services.AddSingleton<StoreSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<StoreSampler>());
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("StudyBot"))
            .WithMetrics(metrics =>
            {
                // System.Runtime is .NET's own meter (GC, heap, thread pool): observed at collection, nothing per turn.
                // ASP.NET Core's request meters are left out: they would tag and record every request.
                metrics.AddMeter(BotMetrics.MeterName, "System.Runtime");
                if (TelemetryOptions.OtlpUri(otlp) is { } collector)
                    metrics.AddOtlpExporter(o => o.Endpoint = collector);
                if (TelemetryOptions.PrometheusAddress(prometheus) is { } scrape)
                    metrics.AddPrometheusHttpListener(o => (o.Host, o.Port, o.ScrapeEndpointPath) = scrape);
            });
        return services;
    }
}
