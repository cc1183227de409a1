using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Delivery;
using StudyBot.Resources;
using StudyBot.Scheduling;
using StudyBot.Storage;

namespace StudyBot.Quiz;

/// <summary>Which round a job is for, and which version of it: a change or a cancel makes older jobs do nothing.</summary>
public sealed record RoundJob(Guid RoundId, int Version);

/// <summary>The three moments of a round: opening, the reminder before closing, and closing.</summary>
public static class RoundSchedule
{
    public const string OpenKind = "quiz.open";
    public const string RemindKind = "quiz.remind";
    public const string CloseKind = "quiz.close";

    public static async Task ScheduleAsync(StudyBotDb db, QuizRound round, QuizOptions options, DateTime now, CancellationToken ct)
    {
        var payload = new RoundJob(round.Id, round.Version);
        await Jobs.ScheduleAsync(db, OpenKind, round.OpensAt, payload, $"quiz-open:{round.Id}:{round.Version}", now, ct);
        var remindAt = round.ClosesAt - options.RemindBefore;
        if (remindAt > round.OpensAt)
            await Jobs.ScheduleAsync(db, RemindKind, remindAt, payload, $"quiz-remind:{round.Id}:{round.Version}", now, ct);
        await Jobs.ScheduleAsync(db, CloseKind, round.ClosesAt, payload, $"quiz-close:{round.Id}:{round.Version}", now, ct);
    }

    internal static async Task<QuizRound?> CurrentAsync(StudyBotDb db, Job job, CancellationToken ct)
    {
        var payload = Jobs.Read<RoundJob>(job);
        var round = await db.Set<QuizRound>().FirstOrDefaultAsync(r => r.Id == payload.RoundId, ct);
        return round is not null && round.Version == payload.Version ? round : null;
    }
}

/// <summary>At opening, every member of the unit gets the invitation, through the outbox.</summary>
public sealed class RoundOpenJob(TimeProvider time) : IJobHandler
{
    public string Kind => RoundSchedule.OpenKind;
    public CatchUp CatchUp => CatchUp.Always;

    public async Task RunAsync(Job job, IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<StudyBotDb>();
        if (await RoundSchedule.CurrentAsync(db, job, ct) is not { Status: RoundStatus.Scheduled } round) return;
        var now = time.GetUtcNow().UtcDateTime;
        if (now >= round.ClosesAt) return; // the service was down for the whole round; closing reports it
        var facts = await RoundQueries.FactsAsync(db, round);
        var (broadcast, _) = await Outbox.BroadcastAsync(db, RoundSchedule.OpenKind, $"quiz-round:{round.Id}:{round.Version}",
            round.Title, CardMessages.InEachLanguage(t => RoundCards.Invitation(t, facts)), new Audience(round.UnitId), round.CreatedBy, now, ct);
        (round.Status, round.BroadcastId) = (RoundStatus.Open, broadcast.Id);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Before closing, members who have not finished get the invitation again, with the time left.</summary>
public sealed class RoundRemindJob(TimeProvider time) : IJobHandler
{
    public string Kind => RoundSchedule.RemindKind;
    public CatchUp CatchUp => CatchUp.WithinWindow;

    public async Task RunAsync(Job job, IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<StudyBotDb>();
        if (await RoundSchedule.CurrentAsync(db, job, ct) is not { Status: RoundStatus.Open } round) return;
        var now = time.GetUtcNow().UtcDateTime;
        if (now >= round.ClosesAt) return;
        await RoundProgress.RemindUnfinishedAsync(db, round, await RoundQueries.FactsAsync(db, round), now, ct);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// At closing: the round stops taking answers, every participant gets the reveal, and the secretary who
/// scheduled it (and the unit's secretaries) get the results card. All in one transaction, so a crash
/// half-way sends nothing twice: the job runs again from the start.
/// </summary>
public sealed class RoundCloseJob(TimeProvider time, IOptions<QuizOptions> options, ResultsLinks links) : IJobHandler
{
    public string Kind => RoundSchedule.CloseKind;
    public CatchUp CatchUp => CatchUp.Always;

    public async Task RunAsync(Job job, IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<StudyBotDb>();
        if (await RoundSchedule.CurrentAsync(db, job, ct) is not { Status: RoundStatus.Open or RoundStatus.Scheduled } round) return;
        var now = time.GetUtcNow().UtcDateTime;
        (round.Status, round.ClosedAt) = (RoundStatus.Closed, now);
        var unit = await db.Set<Unit>().FirstAsync(u => u.Id == round.UnitId, ct);
        var facts = RoundQueries.Facts(round, unit);
        // One read of who answered what serves both the reveals and the secretary's results.
        var results = await RoundResults.ComputeAsync(db, round, ct);
        foreach (var row in results.Participants)
        {
            var lines = results.Items.Select(i => (i, row.Answers.GetValueOrDefault(i.Id))).ToList();
            var card = RoundCards.Reveal(new Texts(row.Member.Language), facts, row.Attempt!.Score, lines);
            Outbox.SendTo(db, row.Member.Id, CardMessages.Message(card), now);
        }

        var link = await links.CreateAsync(round.Id, now, ct);
        foreach (var secretary in await SecretariesAsync(db, round, ct))
        {
            var t = new Texts(secretary.Language);
            Outbox.SendTo(db, secretary.Id, CardMessages.Message(ResultsCards.Results(t, facts, results, link, options.Value.ResultsLinkLifetime)), now);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The one who scheduled it, and whoever is secretary of the unit now.</summary>
    private static async Task<List<Member>> SecretariesAsync(StudyBotDb db, QuizRound round, CancellationToken ct)
    {
        var secretaries = db.Set<RoleAssignment>().Where(r => r.Role == Role.Secretary && r.UnitId == round.UnitId).Select(r => r.MemberId);
        return await db.Set<Member>().Where(m => (m.Id == round.CreatedBy || secretaries.Contains(m.Id)) && m.ErasedAt == null).ToListAsync(ct);
    }
}
