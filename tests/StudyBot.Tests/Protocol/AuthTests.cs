using System.Net;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Protocol;

/// <summary>
/// Inbound authentication, bot-protocol.md section A. Every forged or broken token gets 401, and the
/// bot neither stores anything nor sends anything for it.
/// </summary>
public sealed class AuthTestsOnSqlite() : AuthTests(StorageProvider.Sqlite);

public sealed class AuthTestsOnPostgres() : AuthTests(StorageProvider.Postgres);

public abstract class AuthTests(StorageProvider provider) : ProviderSuite(provider)
{
    private const string Audience = BotHost.AppId;
    private static readonly string[] BotFrameworkTenants = ["d6d49420-f39b-4df7-a1dc-d59a935871db"];

    public static TheoryData<string> ForgedTokens() =>
    [
        "wrong key", "wrong issuer", "wrong audience", "expired", "not yet valid", "alg none",
        "hs256 with public key", "unknown kid", "no kid", "missing endorsement", "unendorsed key",
        "serviceurl mismatch", "serviceurl missing", "missing header", "truncated token", "tampered payload",
        "basic scheme", "not a jwt", "entra token for another app", "entra token without ver",
        "entra token from a foreign tenant", "empty bearer",
    ];

    [SkippableTheory]
    [MemberData(nameof(ForgedTokens))]
    public async Task A_bad_token_gets_401_and_nothing_is_stored_or_sent(string kind)
    {
        await using var bot = await StartBot();
        var message = Activities.Message(bot.Channel.ServiceUrl, "ngôn ngữ en");

        var authorization = Forge(kind, bot, message); // may change the activity, so it goes first
        var response = await bot.PostRawAsync(message.ToJsonString(), authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await bot.StoredRowsAsync());
        Assert.Empty(bot.Channel.Sent());
    }

    [SkippableFact]
    public async Task A_valid_channel_token_is_accepted()
    {
        await using var bot = await StartBot();
        var response = await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "help"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(bot.Channel.Sent());
    }

    [SkippableTheory]
    [InlineData("1.0")]
    [InlineData("2.0")]
    public async Task A_valid_entra_token_from_the_emulator_or_a_local_tool_is_accepted(string version)
    {
        await using var bot = await StartBot();
        var message = Activities.Message(bot.Channel.ServiceUrl, "help");
        message["channelId"] = "emulator";
        var token = EntraToken(bot, version, BotHost.AppId, $"https://login.microsoftonline.com/{BotHost.TenantId}/v2.0");

        var response = await bot.PostRawAsync(message.ToJsonString(), "Bearer " + token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [SkippableFact]
    public async Task Keys_unreachable_at_start_do_not_crash_the_service_and_requests_pass_once_they_can_be_read()
    {
        var channel = new ChannelSimulator { MetadataAvailable = false };
        await channel.StartAsync();
        await using var bot = await StartBot(channel: channel);
        var message = Activities.Message(bot.Channel.ServiceUrl, "help");

        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.SendAsync(message)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bot.Http.GetAsync("/healthz")).StatusCode);

        channel.MetadataAvailable = true;
        message["id"] = "after-recovery";
        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(message)).StatusCode);
    }

    [SkippableFact]
    public async Task Keys_are_read_once_and_cached_then_read_again_when_an_unknown_key_appears()
    {
        await using var bot = await StartBot();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "help"))).StatusCode);
        Assert.Equal(1, bot.Channel.MetadataReads);

        bot.Channel.Keys.Rotated = true;
        var message = Activities.Message(bot.Channel.ServiceUrl, "help");
        var token = bot.Channel.Keys.Sign(bot.Channel.Keys.Rotation, TestKeys.RotatedKid, TestKeys.ChannelIssuer, BotHost.AppId,
            new Dictionary<string, object> { ["serviceurl"] = bot.Channel.ServiceUrl });

        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(message, token)).StatusCode);
        Assert.Equal(2, bot.Channel.MetadataReads);
    }

    [SkippableFact]
    public async Task A_multi_tenant_bot_gets_its_token_from_the_botframework_tenant()
    {
        await using var bot = await StartBot(settings: new Dictionary<string, string>
        {
            ["MicrosoftAppType"] = "MultiTenant", ["MicrosoftAppTenantId"] = "",
        });
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "help"));
        Assert.Contains(bot.Channel.Calls, c => c.Path == "/botframework.com/oauth2/v2.0/token");
    }

    [SkippableFact]
    public async Task The_app_password_never_reaches_the_logs()
    {
        await using var bot = await StartBot();
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "help"));
        await bot.PostRawAsync("{}", "Bearer " + BotHost.AppPassword);

        Assert.NotEmpty(bot.Logs);
        Assert.DoesNotContain(bot.Logs, line => line.Contains(BotHost.AppPassword));
        Assert.DoesNotContain(bot.Logs, line => line.Contains(ChannelSimulator.IssuedToken));
    }

    private static string? Forge(string kind, BotHost bot, JsonObject message)
    {
        var keys = bot.Channel.Keys;
        var serviceUrl = message["serviceUrl"]!.GetValue<string>();
        var claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl };
        var now = DateTime.UtcNow;
        string Channel(string? issuer = null, string? audience = null, IDictionary<string, object>? c = null,
            DateTime? nbf = null, DateTime? exp = null, string kid = TestKeys.ChannelKid, System.Security.Cryptography.RSA? rsa = null) =>
            keys.Sign(rsa ?? keys.Channel, kid, issuer ?? TestKeys.ChannelIssuer, audience ?? Audience, c ?? claims, nbf, exp);

        var valid = keys.ChannelToken(Audience, serviceUrl);
        var token = kind switch
        {
            "wrong key" => Channel(rsa: keys.Stranger),
            "wrong issuer" => Channel(issuer: "https://api.botframework.com.evil.example"),
            "wrong audience" => Channel(audience: "someone-else"),
            "expired" => Channel(nbf: now.AddHours(-2), exp: now.AddMinutes(-6)),
            "not yet valid" => Channel(nbf: now.AddMinutes(10), exp: now.AddHours(1)),
            "alg none" => TestKeys.Unsigned(
                new JsonObject { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = TestKeys.ChannelKid },
                new JsonObject
                {
                    ["iss"] = TestKeys.ChannelIssuer, ["aud"] = Audience, ["serviceurl"] = serviceUrl,
                    ["exp"] = EpochTime.GetIntDate(now.AddHours(1)), ["nbf"] = EpochTime.GetIntDate(now.AddMinutes(-1)),
                }),
            "hs256 with public key" => keys.Hs256WithPublicKey(Audience, serviceUrl),
            "unknown kid" => Channel(kid: "no-such-key"),
            "no kid" => Channel(kid: ""),
            "missing endorsement" => SetChannel(message, "webchat", valid),
            "unendorsed key" => Channel(kid: TestKeys.UnendorsedKid, rsa: keys.Unendorsed),
            "serviceurl mismatch" => Channel(c: new Dictionary<string, object> { ["serviceurl"] = "https://smba.evil.example/" }),
            "serviceurl missing" => Channel(c: new Dictionary<string, object> { ["other"] = "x" }),
            "missing header" => null,
            "truncated token" => valid[..(valid.Length - 20)],
            "tampered payload" => Tamper(valid),
            "basic scheme" => null,
            "not a jwt" => "this.is-not-a-token",
            "entra token for another app" => EntraToken(bot, "2.0", "another-app", $"https://login.microsoftonline.com/{BotFrameworkTenants[0]}/v2.0"),
            "entra token without ver" => EntraToken(bot, null, BotHost.AppId, $"https://sts.windows.net/{BotFrameworkTenants[0]}/"),
            "entra token from a foreign tenant" => EntraToken(bot, "2.0", BotHost.AppId, "https://login.microsoftonline.com/foreign-tenant/v2.0"),
            "empty bearer" => "",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return kind switch
        {
            "missing header" => null,
            "basic scheme" => "Basic " + Convert.ToBase64String("app:secret"u8.ToArray()),
            _ => "Bearer " + token,
        };
    }

    private static string SetChannel(JsonObject message, string channelId, string token)
    {
        message["channelId"] = channelId;
        return token;
    }

    /// <summary>Changes the payload (the audience claim stays) but keeps the original signature.</summary>
    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["serviceurl"] = "https://smba.evil.example/";
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
    }

    private static string EntraToken(BotHost bot, string? version, string callerAppId, string issuer)
    {
        var claims = new Dictionary<string, object>();
        if (version is not null) claims["ver"] = version;
        claims[version == "1.0" ? "appid" : "azp"] = callerAppId;
        return bot.Channel.Keys.Sign(bot.Channel.Keys.Entra, TestKeys.EntraKid, issuer, BotHost.AppId, claims);
    }
}
