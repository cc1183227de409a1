using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace StudyBot.Protocol;

/// <summary>A signing key and the channels it may sign for (empty when the issuer does not endorse).</summary>
public sealed record SigningKey(JsonWebKey Key, IReadOnlyList<string>? Endorsements);

/// <summary>
/// Reads an issuer's OpenID metadata and JWKS, keeps the keys, and reads them again when they age or an
/// unknown key id appears. A failed read keeps the old keys (or none): requests then fail with 401
/// instead of the service failing to start.
/// </summary>
public sealed class SigningKeySource(
    string metadataUrl, HttpClient http, BotOptions options, TimeProvider time, ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<SigningKey> _keys = [];
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;
    private DateTimeOffset _lastFinished = DateTimeOffset.MinValue;

    public bool HasKeys => _keys.Count > 0;

    public async Task<IReadOnlyList<SigningKey>> GetKeysAsync(string? kid, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var stale = now - _fetchedAt > options.SigningKeyRefreshInterval;
        var unknownKid = kid is not null && _keys.All(k => k.Key.Kid != kid);
        if ((stale || unknownKid) && now - _lastAttempt >= options.SigningKeyRetryInterval)
            await RefreshAsync(now, ct);
        return _keys;
    }

    private async Task RefreshAsync(DateTimeOffset asked, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            // A read that finished while this one waited has already done the work (or just failed).
            if (_lastFinished >= asked) return;
            _lastAttempt = time.GetUtcNow();
            var metadata = await GetJsonAsync(new Uri(metadataUrl), ct);
            var jwksUri = metadata["jwks_uri"]?.GetValue<string>()
                ?? throw new InvalidOperationException("OpenID metadata has no jwks_uri");
            var jwks = await GetJsonAsync(new Uri(jwksUri), ct);
            _keys = (jwks["keys"]?.AsArray() ?? [])
                .OfType<JsonObject>()
                .Select(k => new SigningKey(
                    new JsonWebKey(k.ToJsonString()),
                    k["endorsements"]?.AsArray().Select(e => e!.GetValue<string>()).ToList()))
                .ToList();
            _fetchedAt = time.GetUtcNow();
            logger.LogInformation("Read {Count} signing keys from {MetadataUrl}", _keys.Count, metadataUrl);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException
                                       or System.Text.Json.JsonException or TaskCanceledException
                                       or ArgumentException or FormatException)
        {
            logger.LogWarning("Could not read signing keys from {MetadataUrl}: {Error}", metadataUrl, ex.Message);
        }
        finally
        {
            _lastFinished = time.GetUtcNow();
            _gate.Release();
        }
    }

    private async Task<JsonNode> GetJsonAsync(Uri uri, CancellationToken ct)
    {
        if (!Loopback.IsSecureOrLoopback(uri))
            throw new InvalidOperationException($"Refusing to read keys over plain http from {uri.Host}");
        using var response = await http.GetAsync(uri, ct);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStreamAsync(ct))
            ?? throw new InvalidOperationException("Empty metadata document");
    }
}
