using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;
using StudyBot.Storage;
using StudyBot.Tests.Delivery;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Telemetry;

public sealed class ReadinessTestsOnSqlite() : ReadinessTests(StorageProvider.Sqlite);

public sealed class ReadinessTestsOnPostgres() : ReadinessTests(StorageProvider.Postgres);

/// <summary>/readyz as a load balancer and an operator read it: which part is unhealthy, and 503 while any is.</summary>
public abstract class ReadinessTests(StorageProvider provider) : ProviderSuite(provider)
{
    private static async Task<(HttpStatusCode Status, JsonNode Body)> ReadyzAsync(BotHost bot)
    {
        using var response = await bot.Http.GetAsync("/readyz");
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [SkippableFact]
    public async Task Readiness_names_every_part_and_answers_200_when_all_are_healthy()
    {
        await using var bot = await StartBot();

        var (status, body) = await ReadyzAsync(bot);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body["status"]!.GetValue<string>());
        var parts = body["parts"]!.AsObject();
        Assert.Equal(["database", "delivery", "signingKeys"], parts.Select(p => p.Key).Order());
        Assert.All(parts, p => Assert.Equal("Healthy", p.Value!.GetValue<string>()));
        Assert.Equal("Healthy", await bot.Http.GetStringAsync("/healthz")); // liveness unchanged
    }

    [SkippableFact]
    public async Task A_due_message_waiting_past_the_threshold_makes_delivery_unready_and_says_how_long()
    {
        await using var bot = await StartBot();
        var member = (await DeliveryTests.PeopleAsync(bot, 1))[0];
        await using (var db = bot.NewDb()) await StuckDelivery.HoldUpAsync(db, member.Id, DateTime.UtcNow, TimeSpan.FromMinutes(12));

        var (status, body) = await ReadyzAsync(bot);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body["status"]!.GetValue<string>());
        Assert.Equal("Unhealthy: oldest due message waited 12 min", body["parts"]!["delivery"]!.GetValue<string>());
        Assert.Equal("Healthy", body["parts"]!["database"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await bot.Http.GetAsync("/healthz")).StatusCode); // alive: no restart for this
    }

    [SkippableFact]
    public async Task A_longer_threshold_lets_the_same_wait_pass()
    {
        await using var bot = await StartBot(settings: new Dictionary<string, string> { ["Telemetry:DeliveryStuckAfter"] = "00:30:00" });
        var member = (await DeliveryTests.PeopleAsync(bot, 1))[0];
        await using (var db = bot.NewDb()) await StuckDelivery.HoldUpAsync(db, member.Id, DateTime.UtcNow, TimeSpan.FromMinutes(12));

        var (status, body) = await ReadyzAsync(bot);

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (status, body["parts"]!["delivery"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task When_the_database_is_gone_both_checks_say_so_and_readiness_names_the_database()
    {
        await using var bot = await StartBot();
        var restore = await RemoveDatabaseAsync(bot);
        try
        {
            var (status, body) = await ReadyzAsync(bot);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("Unhealthy: database unreachable", body["parts"]!["database"]!.GetValue<string>());
            Assert.StartsWith("Unhealthy", body["parts"]!["delivery"]!.GetValue<string>());
            Assert.Equal("Healthy", body["parts"]!["signingKeys"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await bot.Http.GetAsync("/healthz")).StatusCode);
        }
        finally { restore(); }
    }

    [SkippableFact]
    public async Task Until_the_signing_keys_are_read_readiness_says_so_and_it_reads_them_again_itself()
    {
        var channel = new ChannelSimulator();
        await channel.StartAsync();
        channel.MetadataAvailable = false;
        await using var bot = await StartBot(channel: channel);

        var (status, body) = await ReadyzAsync(bot);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy: signing keys not read yet from ToBotFromChannelOpenIdMetadataUrl",
            body["parts"]!["signingKeys"]!.GetValue<string>());

        channel.MetadataAvailable = true; // no activity arrives meanwhile: the check's own read brings the keys
        // A read that began before the keys were back (the start's own) may still be finishing: probe as a balancer would.
        for (var i = 0; i < 20 && status != HttpStatusCode.OK; i++, await Task.Delay(100)) (status, body) = await ReadyzAsync(bot);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (status, body["parts"]!["signingKeys"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task In_anonymous_mode_no_keys_are_needed()
    {
        await using var bot = await StartBot(anonymous: true);

        var (status, body) = await ReadyzAsync(bot);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy: anonymous mode, no tokens checked", body["parts"]!["signingKeys"]!.GetValue<string>());
    }

    /// <summary>
    /// Takes the database away for real: a PostgreSQL database is dropped; a SQLite file is replaced by a directory, which
    /// SQLite cannot open, where a missing file would only be created again empty. Returns what puts the path back.
    /// </summary>
    private static async Task<Action> RemoveDatabaseAsync(BotHost bot)
    {
        if (bot.Provider == StorageProvider.Postgres)
        {
            var name = new NpgsqlConnectionStringBuilder(bot.ConnectionString).Database!;
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable));
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
            return () => { };
        }
        var path = new SqliteConnectionStringBuilder(bot.ConnectionString).DataSource;
        // The bot's delivery and job loops poll all along; one of them may open (and so create) the file again between
        // the delete and the directory.
        for (var attempt = 0; ; attempt++)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
            try { Directory.CreateDirectory(path); break; }
            catch (IOException) when (attempt < 20) { }
        }
        return () => Directory.Delete(path);
    }
}
