using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace StudyBot.Protocol;

/// <summary>Where outbound calls get their bearer token; null means "send none" (anonymous local mode).</summary>
public interface IChannelTokenSource
{
    Task<string?> GetTokenAsync(CancellationToken ct);
}

/// <summary>
/// Client-credentials tokens from MSAL, which caches them and refreshes before expiry. Instance discovery
/// is off: the authority is configured, and discovery would call a host that may be unreachable.
/// </summary>
public sealed class MsalChannelTokenSource : IChannelTokenSource
{
    private readonly Lazy<IConfidentialClientApplication>? _app;
    private readonly string[] _scopes;

    public MsalChannelTokenSource(IOptions<BotAuthOptions> options, IMsalHttpClientFactory httpFactory,
        InboundAuthenticator inbound)
    {
        var o = options.Value;
        _scopes = [o.ToChannelFromBotOAuthScope.TrimEnd('/') + "/.default"];
        if (inbound.AnonymousMode) return;
        _app = new Lazy<IConfidentialClientApplication>(() => ConfidentialClientApplicationBuilder
            .Create(o.MicrosoftAppId)
            .WithClientSecret(o.MicrosoftAppPassword)
            .WithAuthority(o.TokenAuthority(), validateAuthority: false)
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(httpFactory)
            .Build());
    }

    public async Task<string?> GetTokenAsync(CancellationToken ct)
    {
        if (_app is null) return null;
        var result = await _app.Value.AcquireTokenForClient(_scopes).ExecuteAsync(ct);
        return result.AccessToken;
    }
}

/// <summary>Lets MSAL use the host's HttpClient pipeline (named "msal"), so deployments and tests can shape it.</summary>
public sealed class MsalHttpClientFactory(IHttpClientFactory factory) : IMsalHttpClientFactory
{
    public HttpClient GetHttpClient() => factory.CreateClient("msal");
}
