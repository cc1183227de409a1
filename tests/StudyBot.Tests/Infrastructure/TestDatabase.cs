using Microsoft.Data.Sqlite;
using Npgsql;
using StudyBot.Storage;

namespace StudyBot.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database for one test: a temporary SQLite file, or a new database on the PostgreSQL
/// server named by STUDYBOT_TEST_POSTGRES. Without that server the PostgreSQL half of the suite skips,
/// saying why; under CI=true it fails instead.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "STUDYBOT_TEST_POSTGRES";

    private readonly string? _sqlitePath;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    public StorageProvider Provider { get; }
    public string ConnectionString { get; }

    /// <summary>A context on this database straight, not through any bot (one in another process, or one whose link is cut).</summary>
    public StudyBotDb NewDb()
    {
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<StudyBotDb>();
        StorageExtensions.UseProvider(options, Provider, ConnectionString);
        return new StudyBotDb(options.Options);
    }

    private TestDatabase(StorageProvider provider, string connectionString, string? sqlitePath, string? admin, string? name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqlitePath = sqlitePath;
        _postgresAdmin = admin;
        _postgresName = name;
    }

    public static async Task<TestDatabase> CreateAsync(StorageProvider provider)
    {
        if (provider == StorageProvider.Sqlite)
        {
            var path = Path.Combine(Path.GetTempPath(), $"studybot-test-{Guid.NewGuid():N}.db");
            return new TestDatabase(provider, $"Data Source={path}", path, null, null);
        }
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            if (ClientTools.IsCi) throw new InvalidOperationException($"CI=true but {PostgresVariable} is not set");
            Skip.If(true, $"PostgreSQL half of the suite: set {PostgresVariable} to a server's connection string to run it");
        }
        var name = $"studybot_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(provider, builder.ConnectionString, null, admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlitePath is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                try { File.Delete(_sqlitePath + suffix); } catch (IOException) { }
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_postgresAdmin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
