using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Conversations;
using StudyBot.Members;
using StudyBot.Protocol;
using StudyBot.Storage;

namespace StudyBot.Delivery;

/// <summary>
/// Drains the outbox. Each worker claims a batch under a lease, sends it in parallel (at most
/// Delivery:MaxInFlight at once for the whole instance) within the tenant's shared rate, and records each outcome as
/// soon as it is known, several to a save, before the send's permit is given back.
/// A 429 pauses the tenant and reschedules the row; 412/5xx back off with jitter; a 404 reopens the chat once;
/// a 403 marks the person unreachable. Rows that wait never hold up the others.
/// </summary>
public sealed class DeliveryService : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ConnectorClient _connector;
    private readonly RateGate _gate;
    private readonly TimeProvider _time;
    private readonly IOptions<DeliveryOptions> _options;
    private readonly IOptions<BotAuthOptions> _auth;
    private readonly ILogger<DeliveryService> _logger;
    private readonly OutboxClaims _claims;
    private readonly ChatPacing _pacing;
    private readonly ChatOpener _chats;
    private readonly MessageUpdates _updates;
    private readonly OutcomeRecorder _recorder;
    private readonly BroadcastClosing _closing;

    public DeliveryService(IServiceScopeFactory scopes, ConnectorClient connector, RateGate gate, WriteGate writes,
        TimeProvider time, IOptions<DeliveryOptions> options, IOptions<BotAuthOptions> auth, ILogger<DeliveryService> logger)
    {
        (_scopes, _connector, _gate, _time, _options, _auth, _logger) = (scopes, connector, gate, time, options, auth, logger);
        _claims = new OutboxClaims(Owner, time, options);
        _pacing = new ChatPacing(time, options);
        _chats = new ChatOpener(connector, gate, time, auth);
        _updates = new MessageUpdates(connector, gate, auth);
        _recorder = new OutcomeRecorder(Owner, time, writes, options);
        // Its log lines keep this service's category, so a log filter set for delivery still covers them.
        _closing = new BroadcastClosing(time, logger);
    }

    public string Owner { get; } = $"{Environment.ProcessId}:{Guid.NewGuid():N}";

    private DeliveryOptions O => _options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        // Workers=0 is an instance that serves turns only and leaves the outbox to the others.
        if (O.Workers <= 0) return;
        await Task.WhenAll(Enumerable.Range(0, O.Workers).Select(_ => WorkAsync(stoppingToken)));
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var handled = 0;
            try { handled = await RunBatchAsync(ct); }
            // Whatever fails once the service is stopping, or after a failed start has disposed its services, is the stop itself.
            catch (Exception ex) when (ct.IsCancellationRequested || ex is ObjectDisposedException) { return; }
            catch (Exception ex) when (StoreUnavailable.Is(ex))
            {
                _logger.LogWarning("Delivery waits: the store is unreachable ({Error})", ex.GetBaseException().GetType().Name);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Delivery batch failed; its rows become due again when their lease ends");
            }
            if (handled == 0) await Task.Delay(O.PollInterval, _time, ct);
        }
    }

    /// <summary>Claims and delivers one batch. Returns how many rows it handled.</summary>
    public async Task<int> RunBatchAsync(CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
        var rows = await _claims.ClaimAsync(db, ct);
        if (rows.Count == 0) return 0;
        var (recipients, anyChat) = await Recipients.LoadAsync(db, rows, ct);

        var outcomes = new ConcurrentDictionary<Guid, DeliveryOutcome>();
        var started = new ConcurrentDictionary<Guid, bool>();
        var writer = new OutcomeWriter(async written =>
        {
            await using var recordScope = _scopes.CreateAsyncScope();
            await _recorder.RecordAsync(recordScope.ServiceProvider.GetRequiredService<StudyBotDb>(), written, CancellationToken.None);
        });
        try
        {
            await _pacing.SendAllAsync(recipients, async (r, token) =>
            {
                started[r.Row.Id] = true;
                var outcome = outcomes[r.Row.Id] = await DeliverAsync(r, anyChat, token);
                // Waits until the outcome is stored, so the send's permit is held until then.
                await writer.AddAsync(r.Row.Id, outcome);
            }, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // On shutdown: record what finished, and hand back the rest at once instead of when the lease ends.
            await _recorder.RecordAsync(db, outcomes, CancellationToken.None);
            await _claims.HandBackAsync(db, rows, started, outcomes);
            throw;
        }

        await _closing.CloseFinishedAsync(db, rows.Where(r => r.BroadcastId is not null).Select(r => r.BroadcastId!.Value).Distinct(), ct);
        return rows.Count;
    }

    private async Task<DeliveryOutcome> DeliverAsync(Recipient r, ConversationRecord? anyChat, CancellationToken ct)
    {
        if (r.Activity is null) return new DeliveryOutcome.Failed("no content");
        if (r.Row.ReplacesId is not null) return await _updates.ReplaceAsync(r, ct);
        if (r.Member is { Unreachable: true } m) return new DeliveryOutcome.Unreachable(m.UnreachableReason ?? "AppRemoved");
        if (r.Member is { ErasedAt: not null }) return new DeliveryOutcome.Unreachable("Erased");

        var chat = r.Chat;
        ConversationRecord? opened = null;
        try
        {
            if (chat is null)
            {
                if (r.Member?.ChannelUserId is null || anyChat is null) return new DeliveryOutcome.Unreachable("NeverSeen");
                chat = opened = await _chats.OpenAsync(r.Member, anyChat, ct);
            }
            try
            {
                return new DeliveryOutcome.Sent(await SendAsync(chat, r, ct), chat.Id) { NewConversation = opened };
            }
            catch (ConnectorException ex) when (ex.Status == HttpStatusCode.NotFound && r.Member?.ChannelUserId is not null && anyChat is not null)
            {
                // The person deleted the chat: open it again, once, and send there.
                chat = opened = await _chats.OpenAsync(r.Member, chat, ct);
                return new DeliveryOutcome.Sent(await SendAsync(chat, r, ct), chat.Id) { NewConversation = opened };
            }
        }
        catch (ConnectorException ex)
        {
            return SendErrors.Classify(ex, r.Row.Attempts) with { NewConversation = opened };
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new DeliveryOutcome.Retry(SendErrors.Backoff(r.Row.Attempts), ex.GetType().Name, Ambiguous: true) { NewConversation = opened };
        }
    }

    private async Task<string?> SendAsync(ConversationRecord chat, Recipient r, CancellationToken ct)
    {
        var tenant = chat.TenantId ?? _auth.Value.MicrosoftAppTenantId;
        await _gate.WaitAsync(tenant, ct);
        var activity = r.Activity!;
        activity.Conversation = new ConversationAccount { Id = chat.Id };
        activity.From = new ChannelAccount { Id = chat.BotId, Name = chat.BotName };
        activity.Recipient = chat.UserId is null ? null : new ChannelAccount { Id = chat.UserId };
        activity.ReplyToId = null;
        try
        {
            return (await _connector.SendOnceAsync(chat.ServiceUrl, chat.Id, activity, ct)).Id;
        }
        catch (ConnectorException ex) when (ex.Status == HttpStatusCode.TooManyRequests)
        {
            await _gate.PauseAsync(tenant, ex.RetryAfter ?? TimeSpan.FromSeconds(1), ct);
            throw;
        }
    }
}
