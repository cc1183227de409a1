namespace StudyBot.Storage;

/// <summary>
/// One writer at a time on SQLite, queued without holding a thread. SQLite has a single write lock; a writer that
/// finds it taken sleeps in SQLite's busy handler (1, 2, 5, 10 ms and longer) on its thread, even when the lock was
/// freed a moment later. Under thousands of quiz answers a second that left a third of the CPU idle and made the
/// slowest answers. The busy writers (turns, reply marks, delivery outcomes) queue here instead; rarer writers (jobs)
/// still meet SQLite's own lock, which stays correct. PostgreSQL locks rows, so it is not gated.
/// </summary>
public sealed class WriteGate
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public async ValueTask<Held> EnterAsync(StudyBotDb db, CancellationToken ct)
    {
        if (StoreProvider.Of(db) != StorageProvider.Sqlite) return default;
        await _one.WaitAsync(ct);
        return new Held(_one);
    }

    /// <summary>Leaves the gate when disposed; does nothing for a store that is not gated.</summary>
    public readonly struct Held(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
