using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Conversations.Speed;
using StudyBot.Protocol;
using StudyBot.Resources;
using StudyBot.Storage;
using StudyBot.Telemetry;

namespace StudyBot.Conversations;

/// <summary>
/// Runs a turn: de-duplicates redeliveries, loads who is speaking and their dialog, routes, saves every
/// change with the de-duplication record in one transaction, then sends the replies before the HTTP 200.
/// A collision with a concurrent turn of the same person is retried on fresh state.
/// </summary>
public sealed class TurnProcessor(
    IServiceScopeFactory scopes, Router router, TurnLoader loader, ReplySender sender, TenantGate tenants,
    WriteGate writes, ProcessedWriter records, SqliteTurnReads sqliteReads, TimeProvider time, BotMetrics metrics,
    ILogger<TurnProcessor> logger)
    : IActivityHandler
{
    private const int MaxAttempts = 10;

    public async Task<TurnOutcome> HandleAsync(Activity activity, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = TurnResult.Error;
        try
        {
            if (activity.Type is not (ActivityTypes.Message or ActivityTypes.Invoke
                or ActivityTypes.ConversationUpdate or ActivityTypes.InstallationUpdate))
                return Ended(TurnResult.Ignored, TurnOutcome.Ok);
            if (activity.Type == ActivityTypes.Invoke && activity.Name != ActivityTypes.AdaptiveCardAction)
                return Ended(TurnResult.NotImplemented, TurnOutcome.NotImplemented);

            if (!tenants.IsAllowed(activity.TenantId)) return Ended(TurnResult.Refused, await RefuseTenantAsync(activity, ct));
            try
            {
                (var outcome, result) = await RunAsync(activity, ct);
                if (outcome.HttpStatus >= 500 && result is TurnResult.Handled or TurnResult.Replayed) result = TurnResult.ReplyFailed;
                return outcome;
            }
            catch (Exception ex) when (StoreUnavailable.Is(ex) && !ct.IsCancellationRequested)
            {
                return Ended(TurnResult.StoreUnavailable, await StoreAwayAsync(activity, ex, ct));
            }
            catch (IdentityConflict conflict)
            {
                return Ended(TurnResult.Refused, await RefuseIdentityAsync(activity, conflict, ct));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            result = TurnResult.Cancelled;
            throw;
        }
        finally { metrics.TurnTaken(result, started); }

        TurnOutcome Ended(TurnResult how, TurnOutcome outcome)
        {
            result = how;
            return outcome;
        }
    }

    /// <summary>
    /// Neither person is acted for: the attempt is audited against both, and the sender is told plainly. Nothing else
    /// is stored, so a corrected identity later is handled as new.
    /// </summary>
    private async Task<TurnOutcome> RefuseIdentityAsync(Activity activity, IdentityConflict conflict, CancellationToken ct)
    {
        logger.LogWarning("Refused an activity whose directory id and Teams id name two different members");
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var (actor, target) in new[] { (conflict.ByDirectoryId, conflict.ByTeamsId), (conflict.ByTeamsId, conflict.ByDirectoryId) })
                db.Add(new AuditEntry
                {
                    Id = Guid.CreateVersion7(), At = now, ActorId = actor, Action = "identity.conflict", Target = target.ToString(),
                    Outcome = AuditOutcome.Refused, Detail = "directory id and Teams id name two members",
                });
            await db.SaveChangesAsync(ct);
        }
        // Whose language to use is exactly what is in doubt, so both, Vietnamese first.
        return await TellAsync(activity, Texts.Vietnamese["Identity.Conflict"] + "\n\n" + Texts.English["Identity.Conflict"],
            403, "identityConflict", TurnOutcome.Ok, ct);
    }

    /// <summary>
    /// Answers without a turn: on the card for an invoke, as a message in the chat, and for any other activity only
    /// <paramref name="otherwise"/>. Nothing is recorded for de-duplication.
    /// </summary>
    private async Task<TurnOutcome> TellAsync(Activity activity, string text, int invokeStatus, string invokeCode,
        TurnOutcome otherwise, CancellationToken ct)
    {
        if (activity.Type == ActivityTypes.Invoke)
            return new TurnOutcome(200, JsonSerializer.SerializeToNode(InvokeResponse.Error(invokeStatus, invokeCode, text), WireJson.Options));
        if (activity.Type != ActivityTypes.Message) return otherwise;
        return await sender.SendAsync(activity, [new Outgoing(ReplySender.Message(activity, text, Texts.Vietnamese.Language))], null, ct);
    }

    private async Task<(TurnOutcome, TurnResult)> RunAsync(Activity activity, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
            var sqlite = StoreProvider.Of(db) == StorageProvider.Sqlite;
            // PostgreSQL: one connection for the turn's reads and its write, instead of one open and close for each query.
            // SQLite reads the turn's rows on connections of its own, and a help turn needs no more; opening EF's SQLite
            // connection registers EF's SQL functions on it each time (a tenth of a help turn's allocations), so it is
            // opened only by a query that needs it.
            if (!sqlite) await db.Database.OpenConnectionAsync(ct);
            var (conversationId, activityId, userId, aadObjectId) = (activity.Conversation!.Id!, NullIfEmpty(activity.Id),
                activity.From!.Id!, NullIfEmpty(activity.From.AadObjectId));
            var rows = sqlite
                ? sqliteReads.Read(db, conversationId, activityId, userId, aadObjectId)
                : await TurnQueries.ReadAsync(db, conversationId, activityId, userId, aadObjectId, ct);
            if (await sender.ReplayIfDuplicateAsync(activity, db, rows, ct) is { } replayed) return (replayed, TurnResult.Replayed);
            var turn = await loader.LoadAsync(activity, db, rows, scope.ServiceProvider, ct);
            try
            {
                await router.RouteAsync(turn);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !StoreUnavailable.Is(ex))
            {
                logger.LogError(ex, "Turn failed for activity type {Type} in conversation {ConversationId}",
                    activity.Type, activity.Conversation!.Id);
                return (await FailAsync(activity, turn.T, ct), TurnResult.Failed);
            }

            var record = sender.Record(activity, turn.Outgoing, turn.InvokeResult);
            if (record is not null && !db.ChangeTracker.HasChanges())
            {
                // Nothing but the record to store: it joins other turns' records in one statement.
                await db.Database.CloseConnectionAsync();
                if (!await records.AddAsync(record)) continue; // another delivery of this activity was first: replay it
                return (await sender.SendAsync(activity, turn.Outgoing, turn.InvokeResult, ct), TurnResult.Handled);
            }
            if (record is not null) db.Add(record);
            try
            {
                // Opened before the gate, so that the gate is held for the write alone.
                if (sqlite) await db.Database.OpenConnectionAsync(ct);
                using (await writes.EnterAsync(db, ct)) await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (attempt < MaxAttempts)
            {
                // Another turn of this person won the race (dialog version, first insert, or the same
                // activity delivered twice at once). Start again on what is stored now, after a short,
                // random pause so that racing turns spread out instead of colliding again.
                logger.LogInformation("Turn collided with a concurrent turn ({Error}); retry {Attempt}",
                    ex.GetType().Name, attempt);
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), ct);
                continue; // the next attempt first looks for the same activity handled by the winner
            }
            catch (DbUpdateException ex)
            {
                logger.LogError(ex, "Turn kept colliding after {Attempts} attempts", MaxAttempts);
                return (await FailAsync(activity, turn.T, ct), TurnResult.Failed);
            }
            await db.Database.CloseConnectionAsync(); // not held while the replies travel
            return (await sender.SendAsync(activity, turn.Outgoing, turn.InvokeResult, ct), TurnResult.Handled);
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>
    /// The store cannot be reached, so nothing of this turn is kept and the person is asked, in Vietnamese first, to try
    /// again shortly. Answered with 200: a redelivery would only meet the same outage and repeat the apology.
    /// </summary>
    private async Task<TurnOutcome> StoreAwayAsync(Activity activity, Exception ex, CancellationToken ct)
    {
        logger.LogWarning("The store is unreachable; answered a {Type} turn with 'try again later' ({Error})",
            activity.Type, ex.GetBaseException().GetType().Name);
        var sorry = Texts.Vietnamese["Store.Unavailable"] + "\n\n" + Texts.English["Store.Unavailable"];
        try
        {
            var told = await TellAsync(activity, sorry, 503, "storeUnavailable", new TurnOutcome(StatusCodes.Status503ServiceUnavailable), ct);
            return activity.Type == ActivityTypes.Message ? TurnOutcome.Ok : told;
        }
        catch (Exception sendFailed) when (sendFailed is not OperationCanceledException)
        {
            logger.LogWarning("Could not tell the person either: {Error}", sendFailed.Message);
            return TurnOutcome.Ok;
        }
    }

    /// <summary>A polite refusal, and nothing about the person is stored: not even the de-duplication record.</summary>
    private async Task<TurnOutcome> RefuseTenantAsync(Activity activity, CancellationToken ct)
    {
        logger.LogWarning("Refused an activity from tenant {TenantId}, which is not allowed", activity.TenantId);
        return await TellAsync(activity, Texts.Vietnamese["Tenant.Refused"], 403, "tenantNotAllowed", TurnOutcome.Ok, ct);
    }

    /// <summary>
    /// Logs, tells the person plainly, and clears the dialog that led here so one bad state cannot fail
    /// every later turn too.
    /// </summary>
    private async Task<TurnOutcome> FailAsync(Activity activity, Texts texts, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
        await db.Set<DialogState>()
            .Where(d => d.ConversationId == activity.Conversation!.Id && d.UserId == activity.From!.Id)
            .ExecuteDeleteAsync(ct);
        var apology = texts["Error.Apology"];
        var outgoing = new List<Outgoing> { new(ReplySender.Message(activity, apology, texts.Language)) };
        var invoke = activity.Type == ActivityTypes.Invoke
            ? InvokeResponse.Error(500, "turnFailed", apology)
            : null;
        if (invoke is not null) outgoing.Clear(); // the card shows the error itself
        var record = sender.Record(activity, outgoing, invoke);
        if (record is not null)
        {
            db.Add(record);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException) { return TurnOutcome.Ok; } // recorded by a concurrent delivery
        }
        return await sender.SendAsync(activity, outgoing, invoke, ct);
    }
}
