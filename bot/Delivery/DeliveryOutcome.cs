using StudyBot.Conversations;

namespace StudyBot.Delivery;

/// <summary>What one attempt came to, decided without touching the database, applied afterwards in one save.</summary>
public abstract record DeliveryOutcome
{
    /// <summary>A personal chat opened (or reopened after 404) on the way, to be stored for next time.</summary>
    public ConversationRecord? NewConversation { get; init; }

    /// <summary>Delivered (or, for an update, changed in place) in <paramref name="ConversationId"/>.</summary>
    public sealed record Sent(string? ActivityId, string? ConversationId) : DeliveryOutcome;
    public sealed record Retry(TimeSpan After, string Error, bool Ambiguous) : DeliveryOutcome;
    public sealed record Unreachable(string Reason) : DeliveryOutcome;
    public sealed record Failed(string Error) : DeliveryOutcome;
}
