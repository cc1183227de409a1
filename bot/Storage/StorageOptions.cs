namespace StudyBot.Storage;

public enum StorageProvider { Sqlite, Postgres }

/// <summary>Under <c>Storage:</c>. SQLite serves one instance; PostgreSQL lets several share the work.</summary>
public sealed class StorageOptions
{
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// SQLite's synchronous setting: NORMAL (the default: in WAL mode a power cut may lose the last commits, a crash of
    /// the process loses nothing) or FULL (every commit waits for the disk, several times slower).
    /// </summary>
    public string SqliteSynchronous { get; set; } = "NORMAL";
}
