using System.Data.Common;
using System.Net.Sockets;

namespace StudyBot.Storage;

/// <summary>
/// Tells a store that cannot be reached (restarting, network cut, timing out) from a bug. The first is expected now
/// and then and passes on its own: turns answer "try again later", and the background loops wait and go on.
/// </summary>
public static class StoreUnavailable
{
    public static bool Is(Exception? ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            // Only under the database driver's own exception: a socket error from a file download is no store outage.
            if (e is DbException { IsTransient: true }) return true;
            // Npgsql reports a connection lost mid-command as a plain NpgsqlException whose cause is the socket.
            if (e is DbException && e.InnerException is SocketException or IOException or TimeoutException) return true;
            if (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }) return true; // busy, locked
        }
        return false;
    }
}
