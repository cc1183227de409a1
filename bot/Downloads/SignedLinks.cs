using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Storage;

namespace StudyBot.Downloads;

/// <summary>
/// Short-lived download links served by the bot itself (a round's results, the nominations export). A link carries
/// its expiry and an HMAC of its path and expiry under a key kept in the database, so any instance can check it and
/// nobody can make one for another path or a later time. Links are built on StudyBot:PublicBaseUrl.
/// </summary>
public sealed class SignedLinks(IServiceProvider services, IOptions<StudyBotOptions> bot, IServer server)
{
    private const string KeyName = "download-links";
    private byte[]? _key;

    private async Task<byte[]> KeyAsync(CancellationToken ct) => _key ??= await StoredSecret.GetOrCreateAsync(services, KeyName, ct);

    public async Task<string> CreateAsync(string path, DateTime now, TimeSpan lifetime, CancellationToken ct)
    {
        var expires = new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Utc) + lifetime).ToUnixTimeSeconds();
        return $"{BaseUrl()}{path}?expires={expires}&sig={Sign(await KeyAsync(ct), path, expires)}";
    }

    /// <summary>
    /// StudyBot:PublicBaseUrl, or the first address the server really bound (wherever the listening address came from),
    /// which only works on the same machine.
    /// </summary>
    private string BaseUrl() =>
        (bot.Value.PublicBaseUrl ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? Hosting.DefaultAddress)
        .TrimEnd('/');

    public async Task<bool> IsValidAsync(HttpRequest request, DateTime now, CancellationToken ct)
    {
        var (expires, signature) = (request.Query["expires"].ToString(), request.Query["sig"].ToString());
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) || signature.Length == 0) return false;
        if (DateTimeOffset.FromUnixTimeSeconds(Math.Min(unix, 253402300799)).UtcDateTime <= now) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(await KeyAsync(ct), request.Path.Value ?? "", unix));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }

    /// <summary>What an expired or altered link answers: a plain sentence, in Vietnamese, saying how to get a new one.</summary>
    public static IResult Refused(string how) => Results.Text($"Liên kết đã hết hạn hoặc không hợp lệ. {how}",
        "text/plain; charset=utf-8", Encoding.UTF8, StatusCodes.Status403Forbidden);

    /// <summary>A CSV for Excel: UTF-8 with a byte-order mark, so Vietnamese names show correctly.</summary>
    public static IResult Csv(IEnumerable<IEnumerable<string>> rows, string fileName)
    {
        var text = string.Join("\r\n", rows.Select(r => string.Join(",", r.Select(CsvText.Quote)))) + "\r\n";
        return Results.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)], "text/csv; charset=utf-8", fileName);
    }

    private static string Sign(byte[] key, string path, long expires) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{path}\n{expires}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
