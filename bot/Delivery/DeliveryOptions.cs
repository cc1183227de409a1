namespace StudyBot.Delivery;

/// <summary>Under <c>Delivery:</c>.</summary>
public sealed class DeliveryOptions
{
    /// <summary>Sends per second per tenant for the whole deployment (Teams allows 30 to 50).</summary>
    public double MaxPerSecond { get; set; } = 30;
    /// <summary>Sends under way at once per instance; also bounds the duplicates a crash can cause.</summary>
    public int MaxInFlight { get; set; } = 16;
    /// <summary>Rows one worker claims at a time.</summary>
    public int BatchSize { get; set; } = 100;
    /// <summary>Claim loops per instance: one sends while another records its batch.</summary>
    public int Workers { get; set; } = 2;
    public int MaxAttempts { get; set; } = 10;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
}
