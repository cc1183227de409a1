using System.Data.Common;
using System.Text;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using StudyBot.Storage;

namespace StudyBot.Conversations;

/// <summary>
/// Stores the de-duplication records of turns that changed nothing else (help, the theme, a conduct question), many
/// turns to one statement. Each such turn was a write transaction of its own: on SQLite every one queued for the single
/// write lock, appended to the log, and made every other pooled connection drop its page cache. A turn still waits
/// until its record is stored before it sends a reply, so nothing is answered that a redelivery could not find.
/// Turns that change anything else save it with their record in one transaction, as before.
/// </summary>
public sealed class ProcessedWriter(IServiceScopeFactory scopes, WriteGate writes, ILogger<ProcessedWriter> logger) : BackgroundService
{
    /// <summary>Eight values a row; SQLite allows 32,766 parameters to a statement, PostgreSQL 65,535.</summary>
    private const int MaxBatch = 128;

    private sealed record Pending(ProcessedActivity Record, TaskCompletionSource<bool> Stored);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>
    /// True when this record was stored; false when the same activity was recorded first by another delivery, which
    /// then owns the answer. Throws what the store threw, for the turn to handle as it handles a failed save.
    /// </summary>
    public Task<bool> AddAsync(ProcessedActivity record)
    {
        var pending = new Pending(record, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new InvalidOperationException("StudyBot is stopping");
        return pending.Stored.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending)) batch.Add(pending);
                await FlushAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        // Stopping: the server has stopped taking requests, and the turns still waiting get their records stored.
        _queue.Writer.TryComplete();
        while (_queue.Reader.TryRead(out var pending)) batch.Add(pending);
        if (batch.Count > 0) await FlushAsync(batch);
    }

    private async Task FlushAsync(List<Pending> batch)
    {
        try
        {
            var stored = await WriteAsync(batch);
            foreach (var pending in batch) pending.Stored.SetResult(stored.Remove(pending));
        }
        catch (Exception ex)
        {
            // Every turn of the batch meets the failure, as each would have met it saving alone.
            logger.LogDebug("Could not store {Count} turn records: {Error}", batch.Count, ex.GetType().Name);
            foreach (var pending in batch) pending.Stored.TrySetException(ex);
        }
    }

    /// <summary>
    /// One INSERT for the batch. A record that meets one already stored is skipped, not an error, and RETURNING names
    /// the ones that went in. Two deliveries of one activity in the same batch: the first is written, the second told it
    /// lost, as if it had come a moment later.
    /// </summary>
    private async Task<HashSet<Pending>> WriteAsync(List<Pending> batch)
    {
        var first = new Dictionary<(string, string), Pending>();
        foreach (var pending in batch) first.TryAdd((pending.Record.ConversationId, pending.Record.ActivityId), pending);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        var sql = new StringBuilder("""
            INSERT INTO processed_activities ("ConversationId", "ActivityId", "ReceivedAt", "PendingReplies",
                "SendLeaseUntil", "RepliesSentAt", "InvokeResponse", "InvokeStatus") VALUES
            """);
        var i = 0;
        foreach (var record in first.Values.Select(p => p.Record))
        {
            sql.Append(i == 0 ? " " : ", ").Append('(');
            Bind(command, sql, i, 0, record.ConversationId);
            Bind(command, sql, i, 1, record.ActivityId);
            Bind(command, sql, i, 2, record.ReceivedAt);
            Bind(command, sql, i, 3, record.PendingReplies);
            Bind(command, sql, i, 4, record.SendLeaseUntil);
            Bind(command, sql, i, 5, record.RepliesSentAt);
            Bind(command, sql, i, 6, record.InvokeResponse);
            Bind(command, sql, i, 7, record.InvokeStatus);
            sql.Append(')');
            i++;
        }
        sql.Append(""" ON CONFLICT DO NOTHING RETURNING "ConversationId", "ActivityId" """);
        command.CommandText = sql.ToString();

        var stored = new HashSet<Pending>();
        using (await writes.EnterAsync(db, CancellationToken.None))
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) stored.Add(first[(reader.GetString(0), reader.GetString(1))]);
        }
        return stored;
    }

    private static void Bind(DbCommand command, StringBuilder sql, int row, int column, object? value)
    {
        var name = $"@p{row}_{column}";
        if (column > 0) sql.Append(", ");
        sql.Append(name);
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = (name, value ?? DBNull.Value);
        command.Parameters.Add(parameter);
    }
}
