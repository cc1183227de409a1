using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace StudyBot.Telemetry;

/// <summary>How a turn ended, as the <c>outcome</c> tag names it.</summary>
public enum TurnResult
{
    /// <summary>Routed and answered.</summary>
    Handled,
    /// <summary>A redelivery, answered from its de-duplication record.</summary>
    Replayed,
    /// <summary>Handled or replayed, but Teams did not take the replies: unacknowledged (502), so Teams redelivers it.</summary>
    ReplyFailed,
    /// <summary>An activity type the bot does not act on (typing, reactions…).</summary>
    Ignored,
    NotImplemented,
    /// <summary>A tenant not allowed, or a sender whose two ids name two members.</summary>
    Refused,
    /// <summary>The feature threw: the person got an apology and their dialog was cleared.</summary>
    Failed,
    StoreUnavailable,
    /// <summary>The caller went away mid-turn.</summary>
    Cancelled,
    /// <summary>An exception left the turn: the endpoint answered 500.</summary>
    Error,
}

/// <summary>
/// The meter "StudyBot" and the instruments recorded on the hot paths. Every tag is built once here, so recording a turn
/// allocates nothing; with no listener (telemetry off) each record is a check of an empty subscription list.
/// Protocol, Conversations and Delivery record into it; it depends on none of them.
/// </summary>
public sealed class BotMetrics
{
    public const string MeterName = "StudyBot";

    /// <summary>Indexed by <see cref="TurnResult"/>.</summary>
    private static readonly KeyValuePair<string, object?>[] Outcomes =
        Enum.GetValues<TurnResult>().Select(r => new KeyValuePair<string, object?>("outcome", OutcomeName(r))).ToArray();

    private static readonly KeyValuePair<string, object?> Sent2xx = StatusClass("2xx"), Sent403 = StatusClass("403"),
        Sent429 = StatusClass("429"), Sent4xx = StatusClass("4xx"), Sent5xx = StatusClass("5xx"),
        SentOther = StatusClass("other"), NetworkError = StatusClass("network_error");

    /// <summary>From a millisecond to ten seconds: a help turn takes a few milliseconds, a slow store seconds.</summary>
    private static readonly double[] TurnBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _turns;
    private readonly Histogram<double> _turnDuration;
    private readonly Counter<long> _sends;

    public BotMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _turns = Meter.CreateCounter<long>("studybot.turns", "{turn}", "Turns taken, by how they ended.");
        _turnDuration = Meter.CreateHistogram("studybot.turn.duration", "s",
            "From the activity being handed over to its replies sent, by how the turn ended.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TurnBuckets });
        _sends = Meter.CreateCounter<long>("studybot.sends", "{send}",
            "Calls to the Bot Connector that send, change or delete something, by how Teams answered.");
    }

    public Meter Meter { get; }

    public void TurnTaken(TurnResult result, long startedTimestamp)
    {
        var outcome = Outcomes[(int)result];
        _turns.Add(1, outcome);
        if (_turnDuration.Enabled) _turnDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, outcome);
    }

    /// <summary>Roster and profile reads are not sends: only what changes something in Teams is counted.</summary>
    public void Answered(HttpMethod method, int status)
    {
        if (method == HttpMethod.Get) return;
        _sends.Add(1, status switch
        {
            >= 200 and < 300 => Sent2xx,
            403 => Sent403,
            429 => Sent429,
            >= 400 and < 500 => Sent4xx,
            >= 500 and < 600 => Sent5xx,
            _ => SentOther,
        });
    }

    /// <summary>No answer at all: the connection failed or the call timed out.</summary>
    public void NoAnswer(HttpMethod method)
    {
        if (method != HttpMethod.Get) _sends.Add(1, NetworkError);
    }

    public static string OutcomeName(TurnResult result) => result switch
    {
        TurnResult.NotImplemented => "not_implemented",
        TurnResult.ReplyFailed => "reply_failed",
        TurnResult.StoreUnavailable => "store_unavailable",
        _ => result.ToString().ToLowerInvariant(),
    };

    private static KeyValuePair<string, object?> StatusClass(string value) => new("status_class", value);
}
