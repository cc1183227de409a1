using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using StudyBot.Tests.Infrastructure;
using StudyBot.Telemetry;

namespace StudyBot.Tests.Telemetry;

/// <summary>
/// How telemetry is turned on, and what a wrong setting does. Nothing here depends on the store, so SQLite alone: the
/// start stops before the store matters, or only the registered services are looked at.
/// </summary>
public sealed class TelemetrySettingsTests
{
    [Theory]
    [InlineData("Telemetry:PrometheusUrl", "localhost:9464")]
    [InlineData("Telemetry:PrometheusUrl", "https://localhost:9464/")]
    [InlineData("Telemetry:PrometheusUrl", "http://+:9464/")]
    [InlineData("Telemetry:PrometheusUrl", "http://localhost/")]
    [InlineData("Telemetry:OtlpEndpoint", "collector:4317")]
    [InlineData("Telemetry:SampleInterval", "00:00:00")]
    public async Task A_bad_telemetry_setting_stops_the_start_with_a_sentence_naming_it(string setting, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            BotHost.StartAsync(settings: new Dictionary<string, string> { [setting] = value }));

        Assert.Contains(setting, error.Message);
    }

    [Theory]
    [InlineData("http://localhost:9464/", "localhost", 9464, "/metrics")]
    [InlineData("http://10.1.2.3:9100", "10.1.2.3", 9100, "/metrics")]
    [InlineData("http://studybot-1:9464/scrape", "studybot-1", 9464, "/scrape")]
    public void The_Prometheus_URL_gives_the_listener_its_host_port_and_path(string url, string host, int port, string path) =>
        Assert.Equal((host, port, path), TelemetryOptions.PrometheusAddress(url));

    [Fact]
    public async Task Without_a_setting_nothing_of_the_OpenTelemetry_SDK_is_there_and_the_store_is_not_sampled()
    {
        await using var bot = await BotHost.StartAsync();

        Assert.Null(bot.Services.GetService<MeterProvider>());
        Assert.Null(bot.Services.GetService<StoreSampler>());
        Assert.DoesNotContain(bot.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s.GetType().Namespace?.StartsWith("OpenTelemetry") == true);
    }

    [Fact]
    public async Task An_OTLP_endpoint_alone_turns_the_export_and_the_sampler_on()
    {
        // Nothing listens there; the exporter would only try at its next interval, a minute away.
        await using var bot = await BotHost.StartAsync(settings: new Dictionary<string, string>
        {
            ["Telemetry:OtlpEndpoint"] = $"http://127.0.0.1:{Ports.Free()}",
        });

        Assert.NotNull(bot.Services.GetService<MeterProvider>());
        Assert.NotNull(bot.Services.GetService<StoreSampler>());
    }
}
