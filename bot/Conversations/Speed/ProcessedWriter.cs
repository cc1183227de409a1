using System.Data.Common;
using System.Text;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using StudyBot.Storage;

namespace StudyBot.Conversations.Speed;

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
        var records = first.Values.Select(p => p.Record).ToList();
        command.CommandText = StoreProvider.Of(db) == StorageProvider.Postgres
            ? PostgresRows(command, records)
            : SqliteRows(command, records);

        var stored = new HashSet<Pending>();
        using (await writes.EnterAsync(db, CancellationToken.None))
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) stored.Add(first[(reader.GetString(0), reader.GetString(1))]);
        }
        return stored;
    }

    private const string Insert = """
        INSERT INTO processed_activities ("ConversationId", "ActivityId", "ReceivedAt", "PendingReplies",
            "SendLeaseUntil", "RepliesSentAt", "InvokeResponse", "InvokeStatus")
        """;

    private const string Returning = """ ON CONFLICT DO NOTHING RETURNING "ConversationId", "ActivityId" """;

    /// <summary>A row of parameters for each record.</summary>
    private static string SqliteRows(DbCommand command, List<ProcessedActivity> records)
    {
        var sql = new StringBuilder(Insert).Append(" VALUES ");
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            sql.Append(i == 0 ? "(" : ", (");
            object?[] values = [r.ConversationId, r.ActivityId, r.ReceivedAt, r.PendingReplies, r.SendLeaseUntil, r.RepliesSentAt,
                r.InvokeResponse, r.InvokeStatus];
            for (var column = 0; column < values.Length; column++)
                sql.Append(column == 0 ? "" : ", ").Append(Add(command, $"@p{i}_{column}", values[column] ?? DBNull.Value));
            sql.Append(')');
        }
        return sql.Append(Returning).ToString();
    }

    /// <summary>
    /// One array for each column, so the statement reads the same whatever the batch's size: Npgsql prepares a statement
    /// on the server once it has been used twice, and a text for each size would crowd the others out of its cache.
    /// </summary>
    private static string PostgresRows(DbCommand command, List<ProcessedActivity> records) =>
        $"""
        {Insert}
        SELECT * FROM unnest({Add(command, "@c", records.Select(r => r.ConversationId).ToArray())},
            {Add(command, "@a", records.Select(r => r.ActivityId).ToArray())},
            {Add(command, "@r", records.Select(r => r.ReceivedAt).ToArray())},
            {Add(command, "@p", records.Select(r => r.PendingReplies).ToArray())},
            {Add(command, "@l", records.Select(r => r.SendLeaseUntil).ToArray())},
            {Add(command, "@s", records.Select(r => r.RepliesSentAt).ToArray())},
            {Add(command, "@i", records.Select(r => r.InvokeResponse).ToArray())},
            {Add(command, "@st", records.Select(r => r.InvokeStatus).ToArray())})
        {Returning}
        """;

    private static string Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = (name, value);
        command.Parameters.Add(parameter);
        return name;
    }
}
