using System.Net;
using Microsoft.Extensions.Options;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Protocol;

/// <summary>No app id: local tools only, and never a way to make the bot post somewhere else.</summary>
public sealed class AnonymousModeTestsOnSqlite() : AnonymousModeTests(StorageProvider.Sqlite);

public sealed class AnonymousModeTestsOnPostgres() : AnonymousModeTests(StorageProvider.Postgres);

public abstract class AnonymousModeTests(StorageProvider provider) : ProviderSuite(provider)
{
    [SkippableFact]
    public async Task In_development_without_an_app_id_requests_without_a_token_are_answered_without_a_token()
    {
        await using var bot = await StartBot(anonymous: true);
        var serviceUrl = bot.Channel.ServiceUrl; // 127.0.0.1, allowed by default

        var response = await bot.PostAsync(Activities.Message(serviceUrl, "help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(bot.Channel.Sent());
        Assert.True(string.IsNullOrEmpty(sent.Authorization));
        Assert.Equal(0, bot.Channel.TokenRequests);
        Assert.Contains(bot.Logs, l => l.StartsWith("Warning") && l.Contains("ANONYMOUS MODE"));
    }

    [SkippableTheory]
    [InlineData("https://smba.trafficmanager.net/amer/")]
    [InlineData("http://10.0.0.5:8080/")]
    [InlineData("not a url")]
    public async Task In_anonymous_mode_a_service_url_on_another_host_is_refused_and_nothing_is_stored(string serviceUrl)
    {
        await using var bot = await StartBot(anonymous: true);

        var response = await bot.PostAsync(Activities.Message(serviceUrl, "help"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await bot.StoredRowsAsync());
    }

    [SkippableFact]
    public async Task Outside_development_an_empty_app_id_stops_the_service_at_start_with_a_clear_message()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartBot(settings: new Dictionary<string, string> { ["MicrosoftAppId"] = "" }));
        Assert.Contains("MicrosoftAppId is empty", error.Message);
    }

    [SkippableFact]
    public async Task Outside_development_anonymous_mode_works_only_when_explicitly_allowed()
    {
        await using var bot = await StartBot(settings: new Dictionary<string, string>
        {
            ["MicrosoftAppId"] = "", ["Bot:AllowAnonymous"] = "true",
        });
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(Activities.Message(bot.Channel.ServiceUrl, "help"))).StatusCode);
    }

    [SkippableFact]
    public async Task With_an_app_id_a_request_without_a_token_gets_401_even_in_development()
    {
        await using var bot = await StartBot(settings: new Dictionary<string, string> { ["environment"] = "Development" });
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.PostAsync(Activities.Message(bot.Channel.ServiceUrl, "help"))).StatusCode);
    }

    [SkippableTheory]
    [InlineData("ToBotFromChannelOpenIdMetadataUrl", "http://login.example.com/openid", "must be an https URL")]
    [InlineData("MicrosoftAppTenantId", "", "MicrosoftAppTenantId is required")]
    [InlineData("MicrosoftAppType", "UserAssignedMSI", "is not supported")]
    [InlineData("MicrosoftAppPassword", "", "MicrosoftAppPassword is empty")]
    public async Task Bad_identity_settings_fail_at_start_naming_the_setting(string key, string value, string message)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartBot(settings: new Dictionary<string, string> { [key] = value }));
        Assert.Contains(message, error.Message);
    }
}
