using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StudyBot.Protocol;

/// <summary>
/// Healthy in anonymous mode, or once the Bot Connector's signing keys are read: until then every request gets 401.
/// An instance out of traffic gets no request that would read them, so the check itself asks for them again (no more
/// often than Bot:SigningKeyRetryInterval).
/// </summary>
public sealed class SigningKeysCheck(InboundAuthenticator auth) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (auth.AnonymousMode) return HealthCheckResult.Healthy("anonymous mode, no tokens checked");
        if (!auth.SigningKeysRead) await auth.WarmUpAsync(ct);
        return auth.SigningKeysRead
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("signing keys not read yet from ToBotFromChannelOpenIdMetadataUrl");
    }
}
