using Microsoft.Extensions.Options;

namespace StudyBot.Delivery;

/// <summary>
/// The order and pace of a batch's sends: different people in parallel; one person's (or one channel's) messages in
/// order, spaced to stay under Teams' limit of 7 messages a second in one conversation (bot-protocol.md F); and never
/// more than Delivery:MaxInFlight sends under way at once, counted across all of this instance's workers.
/// </summary>
internal sealed class ChatPacing(TimeProvider time, IOptions<DeliveryOptions> options)
{
    /// <summary>At most 7 sends a second to one conversation.</summary>
    private static readonly TimeSpan PerConversationSpacing = TimeSpan.FromMilliseconds(150);

    private SemaphoreSlim? _inFlight;

    /// <summary>Permits for sends under way, shared by the instance's workers.</summary>
    private SemaphoreSlim InFlight => LazyInitializer.EnsureInitialized(ref _inFlight, () => new SemaphoreSlim(Math.Max(1, options.Value.MaxInFlight)));

    /// <summary>
    /// Runs <paramref name="send"/> for every recipient while holding a permit; the permit is given back only when
    /// <paramref name="send"/> returns, so whatever it waits for (the outcome stored) counts as still in flight.
    /// </summary>
    public async Task SendAllAsync(IEnumerable<Recipient> recipients, Func<Recipient, CancellationToken, Task> send, CancellationToken ct)
    {
        var byConversation = recipients.GroupBy(r => r.Row.MemberId?.ToString() ?? r.Row.ConversationId ?? r.Row.Id.ToString());
        await Parallel.ForEachAsync(byConversation,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.MaxInFlight), CancellationToken = ct },
            async (group, token) =>
            {
                var first = true;
                foreach (var r in group)
                {
                    if (!first) await Task.Delay(PerConversationSpacing, time, token);
                    first = false;
                    await InFlight.WaitAsync(token);
                    try { await send(r, token); }
                    finally { InFlight.Release(); }
                }
            });
    }
}
