using Microsoft.EntityFrameworkCore;
using Npgsql;
using StudyBot.Storage;

namespace StudyBot.Tests.Storage;

/// <summary>What StudyBot adds to a PostgreSQL connection string, and that an admin's own setting wins.</summary>
public sealed class PostgresSettingsTests
{
    private static NpgsqlConnectionStringBuilder Used(string connectionString)
    {
        var options = new DbContextOptionsBuilder<StudyBotDb>();
        StorageExtensions.UseProvider(options, StorageProvider.Postgres, connectionString);
        using var db = new StudyBotDb(options.Options);
        return new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
    }

    [Fact]
    public void Statements_are_prepared_on_the_server_unless_the_connection_string_says_otherwise()
    {
        var plain = Used("Host=db.example;Database=studybot;Username=bot;Password=secret");
        Assert.Equal(64, plain.MaxAutoPrepare);
        Assert.Equal(2, plain.AutoPrepareMinUsages);
        Assert.Equal(("db.example", "studybot", "bot", "secret"), (plain.Host, plain.Database, plain.Username, plain.Password));

        Assert.Equal(0, Used("Host=db.example;Database=studybot;Max Auto Prepare=0").MaxAutoPrepare);
        Assert.Equal(5, Used("Host=db.example;Database=studybot;Max Auto Prepare=20;Auto Prepare Min Usages=5").AutoPrepareMinUsages);
    }
}
