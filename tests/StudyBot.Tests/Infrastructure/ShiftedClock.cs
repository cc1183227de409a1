namespace StudyBot.Tests.Infrastructure;

/// <summary>
/// Real time moved to a chosen moment: "now" is that moment plus however long the test has run, so delays and
/// timers still pass at the normal speed. A test can jump forward, as a long wait would.
/// </summary>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private long _offsetTicks = (start - DateTimeOffset.UtcNow).Ticks;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void JumpTo(DateTimeOffset moment) => Interlocked.Exchange(ref _offsetTicks, (moment - DateTimeOffset.UtcNow).Ticks);
}
