using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Members;
using StudyBot.Reminders;
using StudyBot.Storage;

namespace StudyBot.Quiz;

/// <summary>
/// Short-lived download links for a round's CSV, served by the bot itself: the link carries its expiry and an
/// HMAC of the round and expiry under a key kept in the database, so any instance can check it and nobody
/// can make one for another round or a later time.
/// </summary>
public sealed class ResultsLinks(IServiceProvider services, IOptions<StudyBotOptions> bot, IOptions<QuizOptions> quiz, IConfiguration config)
{
    private const string KeyName = "quiz-results-link";
    public const string Path = "/quiz/results/{roundId:guid}.csv";
    private byte[]? _key;

    private async Task<byte[]> KeyAsync(CancellationToken ct) => _key ??= await StoredSecret.GetOrCreateAsync(services, KeyName, ct);

    public async Task<string> CreateAsync(Guid roundId, DateTime now, CancellationToken ct)
    {
        var expires = new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Utc) + quiz.Value.ResultsLinkLifetime).ToUnixTimeSeconds();
        var signature = Sign(await KeyAsync(ct), roundId, expires);
        return $"{BaseUrl()}/quiz/results/{roundId}.csv?expires={expires}&sig={signature}";
    }

    /// <summary>StudyBot:PublicBaseUrl, or the first local address the service listens on.</summary>
    private string BaseUrl()
    {
        var url = bot.Value.PublicBaseUrl ?? config["Urls"]?.Split(';')[0] ?? "http://localhost:3978";
        return url.TrimEnd('/');
    }

    public async Task<bool> IsValidAsync(Guid roundId, string? expires, string? signature, DateTime now, CancellationToken ct)
    {
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) || signature is null) return false;
        if (DateTimeOffset.FromUnixTimeSeconds(Math.Min(unix, 253402300799)).UtcDateTime <= now) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(await KeyAsync(ct), roundId, unix));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }

    private static string Sign(byte[] key, Guid roundId, long expires) =>
        Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{roundId:N}.{expires}")));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>GET /quiz/results/{roundId}.csv?expires=…&amp;sig=…: the CSV, or a plain Vietnamese refusal.</summary>
    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Path, async (Guid roundId, string? expires, string? sig,
        ResultsLinks links, TimeProvider time, StudyBotDb db, CancellationToken ct) =>
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (!await links.IsValidAsync(roundId, expires, sig, now, ct))
            return Results.Text("Liên kết đã hết hạn hoặc không hợp lệ. Vui lòng bấm «Xem kết quả» trên thẻ kết quả để lấy liên kết mới.",
                "text/plain; charset=utf-8", Encoding.UTF8, StatusCodes.Status403Forbidden);
        var round = await db.Set<QuizRound>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return Results.NotFound();
        var unit = await db.Set<Unit>().AsNoTracking().FirstAsync(u => u.Id == round.UnitId, ct);
        var results = await RoundResults.ComputeAsync(db, round, ct);
        var zone = LocalTime.Zone(unit);
        var name = $"ket-qua-{LocalTime.Of(round.OpensAt, zone):yyyy-MM-dd}-{roundId.ToString()[..8]}.csv";
        return Results.File(results.ToCsv(zone), "text/csv; charset=utf-8", name);
    });
}
