namespace StudyBot.Storage;

public enum StorageProvider { Sqlite, Postgres }

/// <summary>Under <c>Storage:</c>. SQLite serves one instance; PostgreSQL lets several share the work.</summary>
public sealed class StorageOptions
{
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;
}
