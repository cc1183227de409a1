using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace StudyBot.Protocol;

public sealed record AuthResult(bool Succeeded, bool Anonymous, string? Failure)
{
    public static readonly AuthResult AnonymousCaller = new(true, true, null);
    public static readonly AuthResult Authenticated = new(true, false, null);
    public static AuthResult Fail(string why) => new(false, false, why);
}

/// <summary>
/// Decides whether a POST to /api/messages really comes from the Bot Connector (or, for local tools,
/// from an Entra token issued to this bot), following bot-protocol.md section A.
/// </summary>
public sealed class InboundAuthenticator
{
    private static readonly string[] Algorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private const int MaxTokenLength = 16 * 1024;

    private readonly BotAuthOptions _auth;
    private readonly SigningKeySource _channelKeys;
    private readonly SigningKeySource _emulatorKeys;
    private readonly IReadOnlyList<string> _emulatorIssuers;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public InboundAuthenticator(IOptions<BotAuthOptions> auth, IOptions<BotOptions> bot,
        IHttpClientFactory httpFactory, TimeProvider time, ILogger<InboundAuthenticator> logger,
        IHostEnvironment environment)
    {
        _auth = auth.Value;
        var http = httpFactory.CreateClient(nameof(SigningKeySource));
        _channelKeys = new SigningKeySource(_auth.ToBotFromChannelOpenIdMetadataUrl, http, bot.Value, time, logger);
        _emulatorKeys = new SigningKeySource(_auth.ToBotFromEmulatorOpenIdMetadataUrl, http, bot.Value, time, logger);
        _emulatorIssuers = _auth.EmulatorIssuers();
        AnonymousMode = !_auth.HasAppId && (environment.IsDevelopment() || bot.Value.AllowAnonymous);
    }

    /// <summary>No app id and explicitly allowed: the SDK's local-development behaviour.</summary>
    public bool AnonymousMode { get; }

    /// <summary>Whether a token can be checked at all: in anonymous mode none is, otherwise the channel's keys must be read.</summary>
    public bool SigningKeysRead => AnonymousMode || _channelKeys.HasKeys;

    /// <summary>Reads the keys once at start so the first request need not wait; failure is only logged.</summary>
    public Task WarmUpAsync(CancellationToken ct) =>
        AnonymousMode ? Task.CompletedTask : _channelKeys.GetKeysAsync(null, ct);

    public async Task<AuthResult> AuthenticateAsync(string? authorization, Activity activity, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(authorization))
            return AnonymousMode ? AuthResult.AnonymousCaller : AuthResult.Fail("missing Authorization header");
        if (!_auth.HasAppId) return AuthResult.Fail("a token was sent but no app id is configured");
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            return AuthResult.Fail("scheme is not Bearer");
        var raw = authorization["Bearer ".Length..].Trim();
        if (raw.Length is 0 or > MaxTokenLength) return AuthResult.Fail("token empty or too long");

        JsonWebToken unverified;
        try { unverified = new JsonWebToken(raw); }
        catch (ArgumentException) { return AuthResult.Fail("token is not a JWT"); }

        if (unverified.Issuer == _auth.ToBotFromChannelTokenIssuer)
            return await ValidateChannelTokenAsync(raw, unverified.Kid, activity, ct);
        if (_emulatorIssuers.Contains(unverified.Issuer))
            return await ValidateEntraTokenAsync(raw, unverified.Kid, activity, ct);
        return AuthResult.Fail("unknown issuer");
    }

    private async Task<AuthResult> ValidateChannelTokenAsync(string raw, string? kid, Activity activity, CancellationToken ct)
    {
        var (identity, key, failure) = await ValidateAsync(raw, kid, _channelKeys, [_auth.ToBotFromChannelTokenIssuer], ct);
        if (identity is null) return AuthResult.Fail(failure!);
        // A channel key names the channels it may sign for; a key with no list signs for none.
        if (key!.Endorsements is null || !key.Endorsements.Contains(activity.ChannelId ?? ""))
            return AuthResult.Fail("signing key is not endorsed for this channel");
        var serviceUrl = identity.FindFirst("serviceurl")?.Value;
        if (serviceUrl is null || !string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
            return AuthResult.Fail("serviceurl claim does not match the activity");
        return AuthResult.Authenticated;
    }

    private async Task<AuthResult> ValidateEntraTokenAsync(string raw, string? kid, Activity activity, CancellationToken ct)
    {
        var (identity, key, failure) = await ValidateAsync(raw, kid, _emulatorKeys, _emulatorIssuers, ct);
        if (identity is null) return AuthResult.Fail(failure!);
        if (key!.Endorsements is not null && !key.Endorsements.Contains(activity.ChannelId ?? ""))
            return AuthResult.Fail("signing key is not endorsed for this channel");
        var caller = identity.FindFirst("ver")?.Value switch
        {
            "1.0" => identity.FindFirst("appid")?.Value,
            "2.0" => identity.FindFirst("azp")?.Value,
            _ => null,
        };
        if (caller is null) return AuthResult.Fail("ver claim missing or unknown");
        return caller == _auth.MicrosoftAppId ? AuthResult.Authenticated : AuthResult.Fail("token was issued to another app");
    }

    private async Task<(ClaimsIdentity? Identity, SigningKey? Key, string? Failure)> ValidateAsync(
        string raw, string? kid, SigningKeySource source, IEnumerable<string> issuers, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(kid)) return (null, null, "token has no key id");
        var keys = await source.GetKeysAsync(kid, ct);
        var key = keys.FirstOrDefault(k => k.Key.Kid == kid);
        if (key is null) return (null, null, keys.Count == 0 ? "signing keys not available" : "unknown key id");

        var parameters = new TokenValidationParameters
        {
            ValidIssuers = issuers,
            ValidAudience = _auth.MicrosoftAppId,
            IssuerSigningKey = key.Key,
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(5),
        };
        var result = await _handler.ValidateTokenAsync(raw, parameters);
        return result.IsValid
            ? (result.ClaimsIdentity, key, null)
            : (null, null, result.Exception?.GetType().Name ?? "invalid token");
    }
}
