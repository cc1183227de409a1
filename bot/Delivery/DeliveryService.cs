using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
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
    /// <summary>The name rows are leased in: only rows still leased in it are recorded or handed back.</summary>
    public string Owner { get; } = $"{Environment.ProcessId}:{Guid.NewGuid():N}";

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly IOptions<DeliveryOptions> _options;
    private readonly ILogger<DeliveryService> _logger;
    private readonly OutboxClaims _claims;
    private readonly ChatPacing _pacing;
    private readonly Courier _courier;
    private readonly OutcomeRecorder _recorder;
    private readonly BroadcastClosing _closing;

    public DeliveryService(IServiceScopeFactory scopes, ConnectorClient connector, RateGate gate, WriteGate writes,
        TimeProvider time, IOptions<DeliveryOptions> options, IOptions<BotAuthOptions> auth, ILogger<DeliveryService> logger)
    {
        (_scopes, _time, _options, _logger) = (scopes, time, options, logger);
        _claims = new OutboxClaims(Owner, time, options);
        _pacing = new ChatPacing(time, options);
        _courier = new Courier(connector, gate, auth,
            new ChatOpener(connector, gate, time, auth), new MessageUpdates(connector, gate, auth));
        _recorder = new OutcomeRecorder(Owner, time, writes, options);
        // Its log lines keep this service's category, so a log filter set for delivery still covers them.
        _closing = new BroadcastClosing(time, logger);
    }

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
                var outcome = outcomes[r.Row.Id] = await _courier.DeliverAsync(r, anyChat, token);
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
}
