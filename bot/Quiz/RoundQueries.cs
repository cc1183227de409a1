using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Storage;

namespace StudyBot.Quiz;

/// <summary>Reads about rounds shared by the commands, the buttons and the jobs.</summary>
public static class RoundQueries
{
    /// <summary>Closed by the clock even before the closing job has run: a late answer is late whatever the job's delay.</summary>
    public static bool IsOver(QuizRound round, DateTime now) =>
        round.Status is RoundStatus.Closed or RoundStatus.Cancelled || now >= round.ClosesAt;

    /// <param name="count">How many questions the round has, when the caller already knows (the round may be read without them).</param>
    public static async Task<RoundFacts> FactsAsync(StudyBotDb db, QuizRound round, int? count = null)
    {
        var unit = await QuizQueries.Unit.For(db)(db, round.UnitId, default)
            ?? throw new InvalidOperationException($"round {round.Id} names unit {round.UnitId}, which is not stored");
        return Facts(round, unit, count);
    }

    public static RoundFacts Facts(QuizRound round, Unit unit, int? count = null)
    {
        var zone = LocalTime.Zone(unit);
        return new RoundFacts(round.Id, round.Title, unit.Name, count ?? QuizItem.OfRound(round).Count,
            LocalTime.Of(round.OpensAt, zone), LocalTime.Of(round.ClosesAt, zone), round.SecondsPerQuestion);
    }

    /// <summary>Open rounds of the person's units that they have not finished.</summary>
    public static async Task<List<QuizRound>> OpenForAsync(StudyBotDb db, Guid memberId, DateTime now)
    {
        var unitIds = db.Set<UnitMembership>().Where(m => m.MemberId == memberId).Select(m => m.UnitId);
        var finished = db.Set<QuizAttempt>().Where(a => a.MemberId == memberId && a.FinishedAt != null).Select(a => a.RoundId);
        return await db.Set<QuizRound>()
            .Where(r => unitIds.Contains(r.UnitId) && r.Status == RoundStatus.Open && r.ClosesAt > now && !finished.Contains(r.Id))
            .OrderBy(r => r.ClosesAt).Take(5).ToListAsync();
    }

    /// <summary>Who the round is for: the people its invitation went to, or, before it went out, the unit's members now.</summary>
    public static async Task<List<Member>> AudienceAsync(StudyBotDb db, QuizRound round, CancellationToken ct)
    {
        if (round.BroadcastId is { } broadcastId)
        {
            var sent = db.Set<Delivery.OutboxMessage>().Where(m => m.BroadcastId == broadcastId).Select(m => m.MemberId);
            var recipients = await db.Set<Member>().Where(m => sent.Contains(m.Id)).ToListAsync(ct);
            if (recipients.Count > 0) return recipients;
        }
        var members = db.Set<UnitMembership>().Where(u => u.UnitId == round.UnitId).Select(u => u.MemberId);
        return await db.Set<Member>().Where(m => members.Contains(m.Id) && m.ErasedAt == null).ToListAsync(ct);
    }
}
