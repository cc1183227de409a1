using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Downloads;
using StudyBot.Storage;

namespace StudyBot.Quiz;

/// <summary>The results CSV of a round, behind a signed, short-lived link (<see cref="SignedLinks"/>).</summary>
public sealed class ResultsLinks(SignedLinks links, IOptions<QuizOptions> quiz)
{
    private static string PathOf(Guid roundId) => $"/quiz/results/{roundId}.csv";

    public Task<string> CreateAsync(Guid roundId, DateTime now, CancellationToken ct) =>
        links.CreateAsync(PathOf(roundId), now, quiz.Value.ResultsLinkLifetime, ct);

    /// <summary>GET /quiz/results/{roundId}.csv?expires=…&amp;sig=…: the CSV, or a plain Vietnamese refusal.</summary>
    internal static void Map(IEndpointRouteBuilder app) => app.MapGet("/quiz/results/{roundId:guid}.csv", async (Guid roundId,
        HttpRequest request, SignedLinks links, TimeProvider time, StudyBotDb db, CancellationToken ct) =>
    {
        if (!await links.IsValidAsync(request, time.GetUtcNow().UtcDateTime, ct))
            return SignedLinks.Refused("Vui lòng bấm «Xem kết quả» trên thẻ kết quả để lấy liên kết mới.");
        var round = await db.Set<QuizRound>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return Results.NotFound();
        var unit = await db.Set<Unit>().AsNoTracking().FirstAsync(u => u.Id == round.UnitId, ct);
        var results = await RoundResults.ComputeAsync(db, round, ct);
        var zone = LocalTime.Zone(unit);
        return SignedLinks.Csv(results.ToCsv(zone), $"ket-qua-{LocalTime.Of(round.OpensAt, zone):yyyy-MM-dd}-{roundId.ToString()[..8]}.csv");
    });
}
