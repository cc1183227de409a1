using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Storage;

namespace StudyBot.Conversations;

/// <summary>Under <c>Conversations:</c>: how long a handled activity is remembered.</summary>
public sealed class ConversationOptions
{
    /// <summary>
    /// Teams redelivers an unanswered activity within minutes; a week covers that many times over, and a process that
    /// was down for days.
    /// </summary>
    public TimeSpan ProcessedRetention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan ProcessedSweepInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Forgets de-duplication records once no redelivery can come for them. Without this every turn ever taken stayed in
/// the store (about 2 kB each on SQLite, with the reply it sent), so the file only grew and the records' pages crowded
/// the caches that turns read through. Every instance sweeps; deleting what another instance deleted is harmless.
/// </summary>
public sealed class ProcessedRetention(IServiceScopeFactory scopes, WriteGate writes, TimeProvider time,
    IOptions<ConversationOptions> options, ILogger<ProcessedRetention> logger) : BackgroundService
{
    /// <summary>Rows per statement, so that SQLite's write lock is never held long by a big backlog.</summary>
    private const int Chunk = 2000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ProcessedSweepInterval, time);
        do
        {
            try
            {
                var removed = await SweepAsync(stoppingToken);
                if (removed > 0) logger.LogInformation("Forgot {Count} handled activities older than {Retention}", removed,
                    options.Value.ProcessedRetention);
            }
            catch (Exception ex) when (stoppingToken.IsCancellationRequested || ex is ObjectDisposedException) { return; }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Could not forget old handled activities ({Error}); trying again later", ex.GetType().Name);
            }
        } while (await Hosting.NextTickAsync(timer, stoppingToken));
    }

    /// <summary>Deletes the records older than the retention, a chunk at a time, and says how many went.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - options.Value.ProcessedRetention;
        for (var total = 0; ;)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
            int deleted;
            using (await writes.EnterAsync(db, ct))
                deleted = await db.Database.ExecuteSqlAsync($"""
                    DELETE FROM processed_activities WHERE ("ConversationId", "ActivityId") IN (
                        SELECT "ConversationId", "ActivityId" FROM processed_activities WHERE "ReceivedAt" < {cutoff} LIMIT {Chunk})
                    """, ct);
            total += deleted;
            if (deleted < Chunk) return total;
        }
    }
}
