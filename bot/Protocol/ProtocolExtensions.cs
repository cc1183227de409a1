using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using StudyBot.Telemetry;

namespace StudyBot.Protocol;

public static class ProtocolExtensions
{
    public static IServiceCollection AddBotProtocol(this IServiceCollection services, IConfiguration configuration)
    {
        // The SDK's setting names live at the root of the configuration.
        services.AddOptions<BotAuthOptions>().Bind(configuration).ValidateOnStart();
        services.AddOptions<BotOptions>().Bind(configuration.GetSection("Bot"))
            .Validate(o => o.SigningKeyRetryInterval >= TimeSpan.Zero, "Bot:SigningKeyRetryInterval must not be negative")
            .Validate(o => o.SigningKeyRefreshInterval > TimeSpan.Zero, "Bot:SigningKeyRefreshInterval must be positive")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotAuthOptions>, BotAuthOptionsValidator>();
        services.AddHttpClient(nameof(SigningKeySource), c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient("msal");
        // No per-request logging handlers on the hot path (two scopes and log calls per reply); failures are logged where handled.
        services.AddHttpClient<ConnectorClient>(c => c.Timeout = TimeSpan.FromSeconds(20)).RemoveAllLoggers();
        services.AddSingleton<InboundAuthenticator>();
        services.AddSingleton<ServiceUrlPolicy>();
        services.AddSingleton<IMsalHttpClientFactory, MsalHttpClientFactory>();
        services.AddSingleton<IChannelTokenSource, MsalChannelTokenSource>();
        services.AddHostedService<SigningKeyWarmUp>();
        services.AddReadinessCheck<SigningKeysCheck>("signingKeys");
        return services;
    }
}

/// <summary>A bad identity setting stops the service at start with a sentence that says which.</summary>
public sealed class BotAuthOptionsValidator(IHostEnvironment environment, IOptions<BotOptions> bot)
    : IValidateOptions<BotAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, BotAuthOptions o)
    {
        var errors = new List<string>();
        if (!o.HasAppId && !environment.IsDevelopment() && !bot.Value.AllowAnonymous)
            errors.Add("MicrosoftAppId is empty. Set it (and MicrosoftAppPassword), or set Bot:AllowAnonymous=true for local testing only.");
        if (o.HasAppId)
        {
            if (o.MicrosoftAppType is not ("SingleTenant" or "MultiTenant"))
                errors.Add($"MicrosoftAppType '{o.MicrosoftAppType}' is not supported: use SingleTenant or MultiTenant.");
            if (string.IsNullOrEmpty(o.MicrosoftAppPassword))
                errors.Add("MicrosoftAppPassword is empty; the bot cannot get a token to answer.");
            if (o.IsSingleTenant && string.IsNullOrWhiteSpace(o.MicrosoftAppTenantId))
                errors.Add("MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant.");
        }
        foreach (var (key, url) in new[]
                 {
                     (nameof(o.ToBotFromChannelOpenIdMetadataUrl), o.ToBotFromChannelOpenIdMetadataUrl),
                     (nameof(o.ToBotFromEmulatorOpenIdMetadataUrl), o.ToBotFromEmulatorOpenIdMetadataUrl),
                 })
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !Loopback.IsSecureOrLoopback(uri))
                errors.Add($"{key} must be an https URL (plain http only on this machine).");
        }
        if (!Uri.TryCreate(o.ToChannelFromBotLoginUrl, UriKind.Absolute, out var login) || login.Scheme != Uri.UriSchemeHttps)
            errors.Add("ToChannelFromBotLoginUrl must be an https URL.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>Reads the signing keys at start without delaying it; if that fails, requests get 401 until a later read works.</summary>
public sealed class SigningKeyWarmUp(InboundAuthenticator auth, IOptions<BotAuthOptions> options,
    ILogger<SigningKeyWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (auth.AnonymousMode)
        {
            logger.LogWarning(
                "ANONYMOUS MODE: MicrosoftAppId is empty, so /api/messages accepts requests without a token and "
                + "the bot posts only to {Hosts}. Use this for local testing only.",
                "Bot:AllowedServiceUrlHosts");
            return;
        }
        logger.LogInformation("Bot app id {AppId} ({AppType})", options.Value.MicrosoftAppId, options.Value.MicrosoftAppType);
        await auth.WarmUpAsync(stoppingToken);
    }
}
