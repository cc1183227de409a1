using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Downloads;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Storage;

public sealed class StoredSecretTestsOnSqlite() : StoredSecretTests(StorageProvider.Sqlite);

public sealed class StoredSecretTestsOnPostgres() : StoredSecretTests(StorageProvider.Postgres);

/// <summary>
/// The keys the bot makes for itself and keeps in its database: made once, the same for every instance and after a
/// restart, another database's own, and never in the logs. What depends on them is the download links.
/// </summary>
public abstract class StoredSecretTests(StorageProvider provider) : ProviderSuite(provider)
{
    private const string ExportPath = "/nominations/export.csv";

    private static Task<string> LinkAsync(BotHost bot) =>
        bot.Services.GetRequiredService<SignedLinks>().CreateAsync(ExportPath, DateTime.UtcNow, TimeSpan.FromHours(2), CancellationToken.None);

    private static async Task<HttpStatusCode> OpenAsync(BotHost bot, string link) =>
        (await bot.Http.GetAsync(bot.BaseUrl + new Uri(link).PathAndQuery)).StatusCode;

    private static Task<byte[]> KeyAsync(BotHost bot, string name) => StoredSecret.GetOrCreateAsync(bot.Services, name, CancellationToken.None);

    [SkippableFact]
    public async Task The_key_is_made_once_and_a_link_made_before_a_restart_still_opens_after_it()
    {
        var first = (await StartBot()).Sharing();
        await using var database = first.Database;
        var key = await KeyAsync(first, "download-links");
        var link = await LinkAsync(first);
        Assert.Equal(32, key.Length);
        Assert.Equal(key, await KeyAsync(first, "download-links"));
        await first.DisposeAsync();
        await first.Channel.DisposeAsync();

        await using var second = await BotHost.StartAsync(provider: Provider, sharedDatabase: database);

        Assert.Equal(key, await KeyAsync(second, "download-links"));
        Assert.Equal(HttpStatusCode.OK, await OpenAsync(second, link));
        await using var db = second.NewDb();
        var stored = Assert.Single(await db.Set<StoredSecret>().ToListAsync());
        Assert.Equal("download-links", stored.Name);
    }

    [SkippableFact]
    public async Task Another_database_has_a_key_of_its_own_and_refuses_links_signed_with_this_one()
    {
        await using var here = await StartBot();
        await using var elsewhere = await StartBot();

        Assert.NotEqual(await KeyAsync(here, "download-links"), await KeyAsync(elsewhere, "download-links"));
        var link = await LinkAsync(here);
        Assert.Equal(HttpStatusCode.OK, await OpenAsync(here, link));
        Assert.Equal(HttpStatusCode.Forbidden, await OpenAsync(elsewhere, link));
    }

    [SkippableFact]
    public async Task Instances_asking_for_a_new_key_at_the_same_moment_all_get_the_one_stored()
    {
        var first = (await StartBot()).Sharing();
        await using var database = first.Database;
        try
        {
            await using var second = await BotHost.StartAsync(provider: Provider, sharedDatabase: database);
            var keys = await Task.WhenAll(Enumerable.Range(0, 16)
                .Select(i => Task.Run(() => KeyAsync(i % 2 == 0 ? first : second, "race-key"))));

            Assert.Single(keys.Select(Convert.ToBase64String).Distinct());
            await using var db = second.NewDb();
            var stored = await db.Set<StoredSecret>().SingleAsync(s => s.Name == "race-key");
            Assert.Equal(Convert.ToBase64String(keys[0]), stored.Value);
        }
        finally
        {
            await first.DisposeAsync();
            await first.Channel.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task The_key_is_never_written_to_the_log_even_when_every_database_command_is()
    {
        await using var bot = await StartBot(settings: new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
        });
        var link = await LinkAsync(bot);
        Assert.Equal(HttpStatusCode.OK, await OpenAsync(bot, link));
        Assert.Equal(HttpStatusCode.Forbidden, await OpenAsync(bot, link.Replace("sig=", "sig=A")));

        await using var db = bot.NewDb();
        var stored = (await db.Set<StoredSecret>().SingleAsync()).Value;
        var urlSafe = stored.TrimEnd('=').Replace('+', '-').Replace('/', '_');
        // The insert of the key was logged, so its value would be in the log if anything printed it.
        Assert.Contains(bot.Logs, l => l.Contains("INSERT INTO") && l.Contains("secrets"));
        Assert.DoesNotContain(bot.Logs, l => l.Contains(stored) || l.Contains(urlSafe) || l.Contains(stored[..16]));
    }
}
