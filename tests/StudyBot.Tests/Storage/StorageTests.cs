using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Storage;

public sealed class StorageTests
{
    /// <summary>
    /// The migrations are written by hand, so this is what keeps them honest: the migrated database has
    /// exactly the tables, columns, nullability and indexes that the model would create.
    /// </summary>
    [Fact]
    public async Task The_migrated_schema_matches_the_model()
    {
        await using var bot = await BotHost.StartAsync();
        await using var migrated = bot.NewDb();
        var fromMigrations = await DescribeAsync(migrated);
        Assert.Contains("members.ChannelUserId TEXT notnull=1 pk=0", fromMigrations);
        Assert.Contains("members index IX_members_AadObjectId unique=1", fromMigrations);

        var path = Path.Combine(Path.GetTempPath(), $"studybot-model-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<StudyBotDb>().UseSqlite($"Data Source={path}").Options;
        await using (var created = new StudyBotDb(options))
        {
            await created.Database.EnsureCreatedAsync();
            Assert.Equal(await DescribeAsync(created), fromMigrations);
        }
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.Services.MigrateDatabaseAsync();
        await using var db = bot.NewDb();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Healthz_reports_the_database()
    {
        await using var bot = await BotHost.StartAsync();
        var ok = await bot.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        // A database that cannot be opened is unhealthy.
        await using var broken = await BotHost.StartAsync(migrate: false, settings: new Dictionary<string, string>
        {
            ["ConnectionStrings:StudyBot"] = "Data Source=/nonexistent-studybot-dir/studybot.db",
        });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await broken.Http.GetAsync("/healthz")).StatusCode);
    }

    private static async Task<List<string>> DescribeAsync(StudyBotDb db)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        var lines = new List<string>();
        await using var tables = connection.CreateCommand();
        tables.CommandText = "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '\\_\\_EF%' ESCAPE '\\' AND name NOT LIKE 'sqlite%' ORDER BY name";
        var names = new List<string>();
        await using (var reader = await tables.ExecuteReaderAsync())
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        foreach (var table in names)
        {
            lines.AddRange(await QueryAsync(connection, $"SELECT '{table}.' || name || ' ' || type || ' notnull=' || \"notnull\" || ' pk=' || pk FROM pragma_table_info('{table}') ORDER BY name"));
            lines.AddRange(await QueryAsync(connection, $"SELECT '{table} index ' || name || ' unique=' || \"unique\" FROM pragma_index_list('{table}') WHERE origin = 'c' ORDER BY name"));
        }
        return lines;
    }

    private static async Task<List<string>> QueryAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result.Add(reader.GetString(0));
        return result;
    }
}
