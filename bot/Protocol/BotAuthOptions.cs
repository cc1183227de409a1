namespace StudyBot.Protocol;

/// <summary>
/// The bot's identity and the cloud it trusts. Keys keep the names users of the Bot Framework SDK already
/// know, at the root of the configuration, so an existing Azure bot's settings can be pasted in unchanged.
/// Defaults are the public cloud; sovereign clouds and tests point the endpoints elsewhere.
/// </summary>
public sealed class BotAuthOptions
{
    public string MicrosoftAppType { get; set; } = "SingleTenant";
    public string MicrosoftAppId { get; set; } = "";
    public string MicrosoftAppPassword { get; set; } = "";
    public string MicrosoftAppTenantId { get; set; } = "";

    public string ToBotFromChannelOpenIdMetadataUrl { get; set; } =
        "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public string ToBotFromChannelTokenIssuer { get; set; } = "https://api.botframework.com";
    public string ToBotFromEmulatorOpenIdMetadataUrl { get; set; } =
        "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";
    public string ToChannelFromBotLoginUrl { get; set; } = "https://login.microsoftonline.com/botframework.com";
    public string ToChannelFromBotOAuthScope { get; set; } = "https://api.botframework.com";

    /// <summary>The tenants Azure Bot Service itself signs Entra tokens from.</summary>
    public static readonly string[] BotFrameworkTenants =
        ["d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a"];

    public bool HasAppId => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    public bool IsSingleTenant => string.Equals(MicrosoftAppType, "SingleTenant", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<string> EmulatorIssuers()
    {
        var tenants = BotFrameworkTenants.ToList();
        if (IsSingleTenant && !string.IsNullOrWhiteSpace(MicrosoftAppTenantId)) tenants.Add(MicrosoftAppTenantId);
        return tenants
            .SelectMany(t => new[] { $"https://sts.windows.net/{t}/", $"https://login.microsoftonline.com/{t}/v2.0" })
            .ToList();
    }

    /// <summary>
    /// Single-tenant bots get their token from their own tenant; the configured login URL names the
    /// multi-tenant authority, so its last segment is swapped for the tenant id.
    /// </summary>
    public string TokenAuthority()
    {
        var url = ToChannelFromBotLoginUrl.TrimEnd('/');
        if (!IsSingleTenant || string.IsNullOrWhiteSpace(MicrosoftAppTenantId)) return url;
        return url[..(url.LastIndexOf('/') + 1)] + MicrosoftAppTenantId;
    }
}

/// <summary>StudyBot's own protocol settings, under <c>Bot:</c>.</summary>
public sealed class BotOptions
{
    /// <summary>Accept unauthenticated requests when no app id is set, outside Development too.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>In anonymous mode, the only hosts the bot will post to.</summary>
    public List<string> AllowedServiceUrlHosts { get; set; } = [];

    /// <summary>How long to wait before asking for signing keys again after a failed fetch.</summary>
    public TimeSpan SigningKeyRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Signing keys are fetched again after this long, even when nothing failed.</summary>
    public TimeSpan SigningKeyRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    public IReadOnlyList<string> EffectiveAllowedHosts =>
        AllowedServiceUrlHosts.Count > 0 ? AllowedServiceUrlHosts : ["localhost", "127.0.0.1"];
}
