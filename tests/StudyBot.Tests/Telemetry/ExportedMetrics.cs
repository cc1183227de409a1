using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Telemetry;

/// <summary>
/// What the bot's own OpenTelemetry wiring exports, read through the SDK's in-memory exporter. The bot is started with
/// telemetry turned on by its real setting (a Prometheus port, which nothing scrapes), and the exporter joins that meter
/// provider; a test then flushes it and reads the figures as an operator's backend would receive them.
/// </summary>
public sealed class ExportedMetrics
{
    private readonly List<MetricSnapshot> _exported = [];

    /// <summary>Telemetry on, and the store sampled five times a second so that tests need not wait 15 s.</summary>
    public static Dictionary<string, string> On(Dictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Telemetry:PrometheusUrl"] = $"http://127.0.0.1:{Ports.Free()}/", ["Telemetry:SampleInterval"] = "00:00:00.200",
        };
        foreach (var (k, v) in more ?? []) settings[k] = v;
        return settings;
    }

    public void Attach(WebApplicationBuilder builder) =>
        // Exported only when a test flushes: the periodic export would otherwise add a batch at any moment.
        builder.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(_exported,
            o => o.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 3_600_000));

    /// <summary>Everything recorded so far (counters are cumulative), as of now.</summary>
    public Snapshot Collect(BotHost bot)
    {
        lock (_exported)
        {
            _exported.Clear();
            bot.Services.GetRequiredService<MeterProvider>().ForceFlush();
            return new Snapshot(_exported.ToList());
        }
    }

    /// <summary>Collects until <paramref name="ready"/> holds (a sampled gauge catching up), or gives up after 10 s.</summary>
    public async Task<Snapshot> CollectWhenAsync(BotHost bot, Func<Snapshot, bool> ready)
    {
        for (var i = 0; ; i++)
        {
            var snapshot = Collect(bot);
            if (ready(snapshot) || i == 100) return snapshot;
            await Task.Delay(100);
        }
    }

    public sealed class Snapshot(IReadOnlyList<MetricSnapshot> metrics)
    {
        public IReadOnlyList<MetricSnapshot> Metrics => metrics;

        public bool Has(string name) => metrics.Any(m => m.Name == name);

        public long Sum(string name, string tag, string value) => Points(name, tag, value).Sum(p => p.GetSumLong());

        public long HistogramCount(string name, string tag, string value) => Points(name, tag, value).Sum(p => p.GetHistogramCount());

        public double HistogramSum(string name, string tag, string value) => Points(name, tag, value).Sum(p => p.GetHistogramSum());

        public long? GaugeLong(string name) => Points(name).Select(p => (long?)p.GetGaugeLastValueLong()).FirstOrDefault();

        public double? GaugeDouble(string name, string? tag = null, string? value = null) =>
            Points(name, tag, value).Select(p => (double?)p.GetGaugeLastValueDouble()).FirstOrDefault();

        /// <summary>Every value of a tag that has a point, e.g. the outcomes seen so far.</summary>
        public IReadOnlyList<string> TagValues(string name, string tag) =>
            Points(name).SelectMany(p => Tags(p).Where(t => t.Key == tag).Select(t => t.Value?.ToString() ?? "")).Distinct().ToList();

        private IEnumerable<MetricPoint> Points(string name, string? tag = null, string? value = null) =>
            metrics.Where(m => m.Name == name).SelectMany(m => m.MetricPoints)
                .Where(p => tag is null || Tags(p).Any(t => t.Key == tag && Equals(t.Value?.ToString(), value)));

        private static List<KeyValuePair<string, object?>> Tags(MetricPoint point)
        {
            var tags = new List<KeyValuePair<string, object?>>();
            foreach (var tag in point.Tags) tags.Add(tag);
            return tags;
        }
    }
}
