using Microsoft.Extensions.Options;

namespace StudyBot.Protocol;

/// <summary>
/// Decides where the bot may post. Authenticated channels vouch for their serviceUrl, but it must still be
/// https (or this machine). In anonymous mode nobody vouches, so only the configured local hosts are allowed,
/// otherwise anyone could make the bot post, with its token, anywhere.
/// </summary>
public sealed class ServiceUrlPolicy(IOptions<BotOptions> options, InboundAuthenticator inbound)
{
    public bool IsAllowed(string? serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)) return false;
        if (inbound.AnonymousMode)
            return options.Value.EffectiveAllowedHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase)
                   && uri.Scheme is "http" or "https";
        return Loopback.IsSecureOrLoopback(uri);
    }
}
