using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace StudyBot.Tests.Infrastructure;

/// <summary>RSA keys the simulator publishes, and tokens signed with them (or forged in the ways attackers try).</summary>
public sealed class TestKeys
{
    public const string ChannelKid = "channel-key-1";
    public const string UnendorsedKid = "channel-key-unendorsed";
    public const string EntraKid = "entra-key-1";
    public const string ChannelIssuer = "https://api.botframework.com";

    public RSA Channel { get; } = RSA.Create(2048);
    public RSA Unendorsed { get; } = RSA.Create(2048);
    public RSA Entra { get; } = RSA.Create(2048);
    public RSA Stranger { get; } = RSA.Create(2048);

    /// <summary>Set to publish a second, newer channel key, as Microsoft does when it rotates keys.</summary>
    public volatile bool Rotated;
    public const string RotatedKid = "channel-key-2";
    public RSA Rotation { get; } = RSA.Create(2048);

    public JsonObject ChannelJwks()
    {
        var keys = new JsonArray(Jwk(Channel, ChannelKid, ["msteams", "emulator"]), Jwk(Unendorsed, UnendorsedKid, null));
        if (Rotated) keys.Add(Jwk(Rotation, RotatedKid, ["msteams"]));
        return new JsonObject { ["keys"] = keys };
    }

    public JsonObject EntraJwks() => new() { ["keys"] = new JsonArray(Jwk(Entra, EntraKid, null)) };

    private static JsonObject Jwk(RSA rsa, string kid, string[]? endorsements)
    {
        var p = rsa.ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA", ["use"] = "sig", ["kid"] = kid,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
        if (endorsements is not null) jwk["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode)e!).ToArray());
        return jwk;
    }

    public string Sign(RSA rsa, string kid, string issuer, string audience, IDictionary<string, object> claims,
        DateTime? notBefore = null, DateTime? expires = null, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            NotBefore = notBefore ?? now.AddMinutes(-1),
            IssuedAt = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = kid }, algorithm),
        });
    }

    /// <summary>A well-formed channel token, as the Bot Connector sends it.</summary>
    public string ChannelToken(string appId, string serviceUrl) =>
        Sign(Channel, ChannelKid, ChannelIssuer, appId, new Dictionary<string, object> { ["serviceurl"] = serviceUrl });

    /// <summary>A token with the given header and payload and no signature at all.</summary>
    public static string Unsigned(JsonObject header, JsonObject payload) =>
        $"{Base64UrlEncoder.Encode(header.ToJsonString())}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.";

    /// <summary>The classic key-confusion forgery: HMAC-signed with the public key as the secret.</summary>
    public string Hs256WithPublicKey(string appId, string serviceUrl)
    {
        var secret = Encoding.UTF8.GetBytes(Channel.ExportSubjectPublicKeyInfoPem());
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = ChannelIssuer,
            Audience = appId,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            Expires = DateTime.UtcNow.AddMinutes(30),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(secret) { KeyId = ChannelKid }, SecurityAlgorithms.HmacSha256),
        });
    }
}
