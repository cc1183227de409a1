using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using StudyBot.Storage;

namespace StudyBot.Telemetry;

/// <summary>
/// Reads every registered <see cref="StoreFigure"/> every Telemetry:SampleInterval, and the gauges report the last reading.
/// An exporter may collect at any moment and from any thread; a query there would hold it up and put the database's pace
/// in the exporter's hands. Registered only when telemetry is on.
/// </summary>
public sealed class StoreSampler : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly IOptions<TelemetryOptions> _options;
    private readonly ILogger<StoreSampler> _logger;
    private readonly StoreFigure[] _figures;
    private volatile double[]? _last;

    public StoreSampler(IServiceScopeFactory scopes, TimeProvider time, IOptions<TelemetryOptions> options, BotMetrics metrics,
        IEnumerable<StoreFigure> figures, ILogger<StoreSampler> logger)
    {
        (_scopes, _time, _options, _logger) = (scopes, time, options, logger);
        _figures = figures.ToArray();
        for (var i = 0; i < _figures.Length; i++)
        {
            var (at, figure) = (i, _figures[i]);
            if (figure.Count) metrics.Meter.CreateObservableGauge(figure.Name, () => Report(at, v => (long)v), figure.Unit, figure.Description);
            else metrics.Meter.CreateObservableGauge(figure.Name, () => Report(at, v => v), figure.Unit, figure.Description);
        }
    }

    /// <summary>Nothing before the first sample, nor while the store cannot be read: a gap, not a stale figure.</summary>
    private IEnumerable<Measurement<T>> Report<T>(int figure, Func<double, T> value) where T : struct =>
        _last is { } sample ? [new Measurement<T>(value(sample[figure]))] : [];
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

    private async Task<double[]> SampleAsync(CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
        var now = _time.GetUtcNow().UtcDateTime;
        var values = new double[_figures.Length];
        for (var i = 0; i < values.Length; i++) values[i] = await _figures[i].ReadAsync(db, now, ct);
        return values;
    }
}
