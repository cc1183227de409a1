using System.Text;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using StudyBot.Storage;

namespace StudyBot.Conversations.Speed;

/// <summary>
/// Marks turns' replies as sent, many turns to one transaction. Marking each turn on its own was a second write
/// transaction per turn. A mark that is late, or lost with the process, costs nothing a person sees: the channel
/// redelivers only activities it got no answer for, and for 30 seconds the lease keeps a redelivery from sending
/// the replies again.
/// </summary>
public sealed class SentMarks(IServiceScopeFactory scopes, WriteGate writes, TimeProvider time, ILogger<SentMarks> logger) : BackgroundService
{
    private const int MaxBatch = 500;
    private const int MaxTries = 5;
    private readonly Channel<(string ConversationId, string ActivityId)> _queue =
        Channel.CreateUnbounded<(string, string)>(new UnboundedChannelOptions { SingleReader = true });

    public void Add(string conversationId, string activityId) => _queue.Writer.TryWrite((conversationId, activityId));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(string ConversationId, string ActivityId)>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var key)) batch.Add(key);
                await FlushAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        // Stopping: what is already queued is written before the store closes.
        while (_queue.Reader.TryRead(out var key)) batch.Add(key);
        if (batch.Count > 0) await FlushAsync(batch, CancellationToken.None);
    }

    private async Task FlushAsync(List<(string ConversationId, string ActivityId)> batch, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync(batch);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < MaxTries)
            {
                // The store is away (restarting, unreachable): wait and try again rather than drop the marks.
                logger.LogWarning("Could not mark {Count} replies as sent ({Error}); retrying", batch.Count, ex.GetType().Name);
                try { await Task.Delay(TimeSpan.FromSeconds(attempt), time, ct); }
                catch (OperationCanceledException) { }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Gave up marking {Count} replies as sent: {Error}", batch.Count, ex.Message);
                return;
            }
        }
    }

    /// <summary>
    /// One statement for the whole batch: a statement per row held SQLite's single write lock for tens of milliseconds
    /// at a time, and the turns waiting behind it were the slowest hundredth.
    /// </summary>
    private async Task WriteAsync(List<(string ConversationId, string ActivityId)> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        var rows = new StringBuilder();
        void Add(string name, object value)
        {
            var p = command.CreateParameter();
            (p.ParameterName, p.Value) = (name, value);
            command.Parameters.Add(p);
        }
        for (var i = 0; i < batch.Count; i++)
        {
            rows.Append(i == 0 ? "" : ", ").Append($"(@c{i}, @a{i})");
            Add($"@c{i}", batch[i].ConversationId);
            Add($"@a{i}", batch[i].ActivityId);
        }
        Add("@now", time.GetUtcNow().UtcDateTime);
        command.CommandText = $"""
            UPDATE processed_activities SET "RepliesSentAt" = @now, "PendingReplies" = NULL, "SendLeaseUntil" = NULL
            WHERE ("ConversationId", "ActivityId") IN (VALUES {rows})
            """;
        using (await writes.EnterAsync(db, CancellationToken.None)) await command.ExecuteNonQueryAsync();
    }
}
