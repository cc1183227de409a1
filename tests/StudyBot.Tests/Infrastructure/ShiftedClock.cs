namespace StudyBot.Tests.Infrastructure;

/// <summary>
/// Real time moved to a chosen moment: "now" is that moment plus however long the test has run, so delays and
/// timers still pass at the normal speed.
/// </summary>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _offset = start - DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + _offset;
}
