using System.Net;
using Microsoft.EntityFrameworkCore;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Storage;

public sealed class StorageTestsOnSqlite() : StorageTests(StorageProvider.Sqlite);

public sealed class StorageTestsOnPostgres() : StorageTests(StorageProvider.Postgres);

public abstract class StorageTests(StorageProvider provider) : ProviderSuite(provider)
{
    /// <summary>
    /// The migrations are written by hand, so this is what keeps them honest: the migrated database has
    /// exactly the tables, columns, nullability and indexes that the model would create.
    /// </summary>
    [SkippableFact]
    public async Task The_migrated_schema_matches_the_model()
    {
        await using var bot = await StartBot();
        await using var migrated = bot.NewDb();
        var fromMigrations = await SchemaDescription.DescribeAsync(migrated, Provider);
        Assert.Contains(fromMigrations, line => line.StartsWith("members.ChannelUserId "));
        Assert.Contains("members index IX_members_AadObjectId unique=True", fromMigrations);

        await using var modelDatabase = await TestDatabase.CreateAsync(Provider);
        var builder = new DbContextOptionsBuilder<StudyBotDb>();
        StorageExtensions.UseProvider(builder, Provider, modelDatabase.ConnectionString);
        await using var created = new StudyBotDb((DbContextOptions<StudyBotDb>)builder.Options);
        await created.Database.EnsureCreatedAsync();
        Assert.Equal(await SchemaDescription.DescribeAsync(created, Provider), fromMigrations);
    }

    [SkippableFact]
    public async Task Migrating_twice_changes_nothing()
    {
        await using var bot = await StartBot();
        await bot.Services.MigrateDatabaseAsync();
        await using var db = bot.NewDb();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [SkippableFact]
    public async Task Healthz_reports_the_database()
    {
        await using var bot = await StartBot();
        var ok = await bot.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        // A database that cannot be opened is unhealthy.
        await using var broken = await StartBot(migrate: false, settings: new Dictionary<string, string>
        {
            ["ConnectionStrings:StudyBot"] = Provider == StorageProvider.Sqlite
                ? "Data Source=/nonexistent-studybot-dir/studybot.db"
                : "Host=127.0.0.1;Port=1;Username=none;Password=none;Database=none;Timeout=2",
        });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await broken.Http.GetAsync("/healthz")).StatusCode);
    }
}
