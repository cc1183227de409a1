using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StudyBot.Storage;

public static class StorageExtensions
{
    public const string DefaultConnectionString = "Data Source=studybot.db";

    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("StudyBot") ?? DefaultConnectionString;
        var storage = configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        var provider = storage.Provider;
        // Pooled: a turn creates several contexts, and building a context's options and services each time was a
        // tenth of a turn's CPU. The pool resets each context's tracked entities before it is reused.
        services.AddDbContextPool<StudyBotDb>(options => UseProvider(options, provider, connectionString, storage.SqliteSynchronous)
            // Migrations are written by hand (the EF design-time package does not restore here), so there
            // is no model snapshot to compare with; StorageTests checks the migrated schema against the model.
            .ConfigureWarnings(w => w
                .Ignore(RelationalEventId.PendingModelChangesWarning)
                // Two turns of one person racing is expected and retried (TurnProcessor); EF would log each
                // lost race as an error with a stack trace. A failure that persists is still logged there.
                .Log((CoreEventId.SaveChangesFailed, LogLevel.Debug), (RelationalEventId.CommandError, LogLevel.Debug))));
        services.AddSingleton<WriteGate>();
        // Read above because it decides what is registered; bound again here so a bad value stops the start with a sentence.
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection("Storage"))
            .Validate(o => Enum.IsDefined(o.Provider), "Storage:Provider must be Sqlite or Postgres")
            .Validate(o => o.SqliteSynchronous.Trim().ToUpperInvariant() is "OFF" or "NORMAL" or "FULL" or "EXTRA",
                "Storage:SqliteSynchronous must be OFF, NORMAL, FULL or EXTRA")
            .ValidateOnStart();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    /// <summary>
    /// One context and one set of migrations for both providers: the migrations name no column types, so
    /// each provider maps the CLR types itself, and the schema tests compare the result with the model on both.
    /// </summary>
    public static DbContextOptionsBuilder UseProvider(DbContextOptionsBuilder options, StorageProvider provider,
        string connectionString, string sqliteSynchronous = "NORMAL") => provider switch
    {
        StorageProvider.Sqlite => options.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas(sqliteSynchronous)),
        StorageProvider.Postgres => options.UseNpgsql(WithAutoPrepare(connectionString)),
        _ => throw new InvalidOperationException($"Unknown Storage:Provider '{provider}'"),
    };

    /// <summary>
    /// Npgsql prepares a statement on the server once it has run twice on a connection, so PostgreSQL parses and plans
    /// a turn's few statements once per connection instead of on every turn: help turns went from about 1,080 to 1,850 a
    /// second on a 2-core machine (tests/StudyBot.Bench/README.md). A connection string that says anything about auto-preparing
    /// is left as it is.
    /// </summary>
    private static string WithAutoPrepare(string connectionString)
    {
        if (connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) return connectionString;
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 };
        return builder.ConnectionString;
    }

    /// <summary>Creates or brings the database up to date before the service takes traffic.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
        await db.Database.MigrateAsync(ct);
        if (db.Database.GetDbConnection() is SqliteConnection)
        {
            // WAL lets readers go on while one turn writes; Microsoft.Data.Sqlite makes a second writer wait.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}
