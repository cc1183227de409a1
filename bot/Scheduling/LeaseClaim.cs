using StudyBot.Storage;

namespace StudyBot.Scheduling;

/// <summary>
/// Claims due rows of a table for one worker, atomically, in one statement: on PostgreSQL with
/// FOR UPDATE SKIP LOCKED, so workers on several instances take different rows without waiting; on SQLite
/// the database's single writer serialises the claims. A row whose lease ran out (its worker died) is
/// due again. Shared by jobs and the outbox.
/// </summary>
public static class LeaseClaim
{
    /// <param name="table">The table, e.g. "jobs".</param>
    /// <param name="due">The SQL condition of a due row, over columns "Status", "DueAt"-like names.</param>
    /// <param name="order">The SQL ordering of candidates.</param>
    /// <param name="also">More assignments, evaluated on the row as it was before the claim.</param>
    public static string Sql(StorageProvider provider, string table, string due, string order, string also = "") => provider switch
    {
        StorageProvider.Postgres => $"""
            UPDATE "{table}" SET "Status" = 'running', "LeaseOwner" = @owner, "LeaseUntil" = @until, "Attempts" = "Attempts" + 1{also}
            WHERE "Id" IN (SELECT "Id" FROM "{table}" WHERE {due} ORDER BY {order} LIMIT @limit FOR UPDATE SKIP LOCKED)
            RETURNING *
            """,
        _ => $"""
            UPDATE "{table}" SET "Status" = 'running', "LeaseOwner" = @owner, "LeaseUntil" = @until, "Attempts" = "Attempts" + 1{also}
            WHERE "Id" IN (SELECT "Id" FROM "{table}" WHERE {due} ORDER BY {order} LIMIT @limit)
            RETURNING *
            """,
    };
}
