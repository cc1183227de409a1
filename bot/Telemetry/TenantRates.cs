using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace StudyBot.Telemetry;

/// <summary>
/// The send rate each tenant actually gets from this instance: permits the rate gate handed out over the last ten whole
/// seconds, to set beside Delivery:MaxPerSecond (a deployment's instances share that budget, so their rates add up).
/// Counted in memory, in one-second slots, and only while someone listens.
/// </summary>
public sealed class TenantRates
{
    private const int WindowSeconds = 10;

    private readonly ConcurrentDictionary<string, Window> _tenants = new();
    private readonly TimeProvider _time;
    private readonly ObservableGauge<double> _gauge;

    public TenantRates(BotMetrics metrics, TimeProvider time)
    {
        _time = time;
        _gauge = metrics.Meter.CreateObservableGauge("studybot.delivery.rate", Observe, "{message}/s",
            "Sends per second the rate gate let through to each tenant, over the last 10 s, from this instance.");
    }

    public void Permitted(string tenant)
    {
        if (!_gauge.Enabled) return;
        _tenants.GetOrAdd(tenant, _ => new Window()).Add(Second());
    }

    private IEnumerable<Measurement<double>> Observe()
    {
        var now = Second();
        foreach (var (tenant, window) in _tenants)
            yield return new Measurement<double>(window.PerSecond(now), new KeyValuePair<string, object?>("tenant", tenant));
    }

    private long Second() => _time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>The current second's slot and the ten before it; the current one is left out until it is whole.</summary>
    private sealed class Window
    {
        private readonly long[] _seconds = new long[WindowSeconds + 1];
        private readonly int[] _counts = new int[WindowSeconds + 1];

        public void Add(long second)
        {
            var slot = (int)(second % _seconds.Length);
            lock (this)
            {
                if (_seconds[slot] != second) (_seconds[slot], _counts[slot]) = (second, 0);
                _counts[slot]++;
            }
        }

        public double PerSecond(long now)
        {
            var sum = 0;
            lock (this)
                for (var i = 0; i < _seconds.Length; i++)
                    if (_seconds[i] < now && _seconds[i] >= now - WindowSeconds) sum += _counts[i];
            return sum / (double)WindowSeconds;
        }
    }
}
