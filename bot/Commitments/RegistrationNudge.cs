using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Delivery;
using StudyBot.Resources;
using StudyBot.Scheduling;
using StudyBot.Storage;
using StudyBot.Themes;

namespace StudyBot.Commitments;

/// <summary>
/// Registration opens with the yearly theme. A month after the theme goes out, everyone in a cell who has not sent a set
/// for the year gets one reminder through the outbox: once a year (the job's key), never again after.
/// </summary>
public static class RegistrationNudge
{
    public const string Kind = "commitments.nudge";

    /// <summary>The next nudge after <paramref name="nowUtc"/>: the yearly push date plus a month, at the push time.</summary>
    public static (int Year, DateTime At) Next(ThemeOptions o, DateTime nowUtc)
    {
        var (month, day) = (int.Parse(o.PushDate[..2]), int.Parse(o.PushDate[3..]));
        for (var year = o.Local(nowUtc).Year - 1; ; year++)
        {
            var at = o.ToUtc(new DateTime(year, month, day).AddMonths(1).Add(o.TimeOfDay));
            if (at > nowUtc) return (year, at);
        }
    }

    public static async Task ScheduleNextAsync(StudyBotDb db, ThemeOptions options, DateTime now, CancellationToken ct)
    {
        var (year, at) = Next(options, now);
        await Jobs.ScheduleAsync(db, Kind, at, new NudgePayload(year), $"{Kind}:{year}", now, ct);
    }
}

public sealed record NudgePayload(int Year);

public sealed class RegistrationNudgeJob(TimeProvider time, IOptions<ThemeOptions> themes) : IJobHandler
{
    public string Kind => RegistrationNudge.Kind;
    // Always run, so next year's is scheduled even after downtime; a nudge more than a week late is not sent.
    public CatchUp CatchUp => CatchUp.Always;

    public async Task RunAsync(Job job, IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<StudyBotDb>();
        var year = Jobs.Read<NudgePayload>(job).Year;
        var now = time.GetUtcNow().UtcDateTime;
        if (now - job.DueAt > TimeSpan.FromDays(7))
        {
            await RegistrationNudge.ScheduleNextAsync(db, themes.Value, now, ct);
            await db.SaveChangesAsync(ct);
            return;
        }
        var sent = db.Set<CommitmentSet>().Where(s => s.Year == year && (s.Status == CommitmentStatus.Submitted || s.Status == CommitmentStatus.Approved))
            .Select(s => s.MemberId);
        var people = await db.Set<Member>()
            .Where(m => m.ErasedAt == null && db.Set<UnitMembership>().Any(u => u.MemberId == m.Id) && !sent.Contains(m.Id))
            .ToListAsync(ct);
        foreach (var member in people)
        {
            var t = new Texts(member.Language);
            Outbox.SendTo(db, member.Id, CardMessages.Message(CardMessages.Notice(t.Format("Commit.Title", year), t.Format("Commit.NudgeText", year))
                .AddAction(CardAction.SendText(t["Commit.Open"], t["Commit.OpenCommand"]))), now);
        }
        await RegistrationNudge.ScheduleNextAsync(db, themes.Value, now, ct);
        await db.SaveChangesAsync(ct);
    }
}

public sealed class RegistrationNudgeSeed : IDatabaseSeed
{
    public async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<StudyBotDb>();
        await RegistrationNudge.ScheduleNextAsync(db, services.GetRequiredService<IOptions<ThemeOptions>>().Value,
            services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
    }
}
