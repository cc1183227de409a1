using StudyBot.Protocol;

namespace StudyBot.Delivery;

/// <summary>
/// What a connector error means for the message: wait and retry (429 as Teams asks, 412 and 5xx with backoff), stop
/// trying the person (403), or give up on the message (anything else).
/// </summary>
internal static class SendErrors
{
    public static DeliveryOutcome Classify(ConnectorException ex, int attempts) => (int)ex.Status switch
    {
        429 => new DeliveryOutcome.Retry(ex.RetryAfter ?? TimeSpan.FromSeconds(1), "429", Ambiguous: false),
        412 => new DeliveryOutcome.Retry(Backoff(attempts), "412", Ambiguous: false),
        // A gateway error may come after the message went through: a resend could be a duplicate.
        502 or 503 or 504 => new DeliveryOutcome.Retry(ex.RetryAfter ?? Backoff(attempts), ((int)ex.Status).ToString(), Ambiguous: true),
        403 => new DeliveryOutcome.Unreachable(ex.Code ?? "Forbidden"),
        _ => new DeliveryOutcome.Failed($"{(int)ex.Status} {ex.Code}"),
    };

    /// <summary>Exponential backoff from half a second, capped at five minutes, with full jitter.</summary>
    public static TimeSpan Backoff(int attempts)
    {
        var cap = Math.Min(300, 0.5 * Math.Pow(2, Math.Max(0, attempts - 1)));
        return TimeSpan.FromSeconds(cap / 2 + Random.Shared.NextDouble() * cap / 2);
    }
}
