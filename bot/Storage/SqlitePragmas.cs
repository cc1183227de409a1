using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StudyBot.Storage;

/// <summary>
/// SQLite settings that hold per connection, applied as each pooled connection opens. In WAL mode, synchronous=NORMAL
/// syncs the disk at checkpoints rather than at every commit: a crash of the process loses nothing, a power cut may lose
/// the last moments' commits but never corrupts the file. Without it every turn waits for the disk twice.
/// busy_timeout lets a writer wait for another instead of failing at once.
/// Both stick to the native connection, which the driver's pool keeps open between uses, so they are sent once per
/// native connection rather than at every open (EF opens a pooled connection for each query).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private readonly string Sql;

    public SqlitePragmas(string synchronous)
    {
        var value = synchronous.Trim().ToUpperInvariant();
        if (value is not ("OFF" or "NORMAL" or "FULL" or "EXTRA"))
            throw new InvalidOperationException($"Storage:SqliteSynchronous must be NORMAL or FULL, not '{synchronous}'");
        Sql = $"PRAGMA synchronous={value}; PRAGMA busy_timeout=5000;";
    }

    private readonly ConditionalWeakTable<object, object> _applied = new();

    private bool IsNew(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _applied.TryAdd(handle, this);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!IsNew(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        if (!IsNew(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
