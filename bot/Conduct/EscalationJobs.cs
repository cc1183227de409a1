using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Delivery;
using StudyBot.Protocol;
using StudyBot.Resources;
using StudyBot.Scheduling;
using StudyBot.Storage;

namespace StudyBot.Conduct;

/// <summary>The two clocks of an open question: the reminder every few working days, and the wait for a first recipient.</summary>
public static class EscalationJobs
{
    public const string RemindKind = "conduct.remind";
    public const string RouteKind = "conduct.route";

    /// <summary>How often a question nobody could receive looks again for a secretary or an admin.</summary>
    public static readonly TimeSpan RouteRetry = TimeSpan.FromMinutes(10);

    public static async Task ScheduleReminderAsync(StudyBotDb db, IServiceProvider services, Escalation e, DateTime now)
    {
        var agency = services.GetRequiredService<IOptions<AgencyOptions>>().Value;
        var options = Escalations.Options(services);
        var local = WorkingDays.Add(agency.Local(now), options.ReminderWorkingDays, options.Holidays);
        var due = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), agency.Zone);
        await Jobs.ScheduleAsync(db, RemindKind, due, new EscalationJob(e.Id), $"{RemindKind}:{e.Id}:{due:yyyyMMddHHmm}", now, default);
    }

    public static async Task ScheduleRouteAsync(StudyBotDb db, Escalation e, DateTime now)
    {
        var due = now + RouteRetry;
        await Jobs.ScheduleAsync(db, RouteKind, due, new EscalationJob(e.Id), $"{RouteKind}:{e.Id}:{due:yyyyMMddHHmm}", now, default);
    }

    private static async Task<(Escalation E, string Asker, Guid AskerId, string AskerLanguage, Unit? AskerUnit)?> OpenAsync(StudyBotDb db, Job job,
        CancellationToken ct)
    {
        var id = Jobs.Read<EscalationJob>(job).EscalationId;
        var e = await db.Set<Escalation>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null || e.Status != EscalationStatus.Open) return null;
        var asker = await db.Set<Member>().Where(m => m.Id == e.AskerId).Select(m => new { m.Name, m.Language }).FirstOrDefaultAsync(ct);
        var unitId = e.AskerUnitId ?? e.UnitId;
        var unit = unitId is { } u ? await db.Set<Unit>().FirstOrDefaultAsync(x => x.Id == u, ct) : null;
        return (e, asker?.Name ?? "", e.AskerId, asker?.Language ?? Languages.Vietnamese, unit);
    }

    /// <summary>
    /// Still open after the working days: the card goes again to whoever receives it now (a secretary may have been
    /// named meanwhile), and the next reminder is set.
    /// </summary>
    public sealed class ReminderJob(TimeProvider time) : IJobHandler
    {
        public string Kind => RemindKind;
        public CatchUp CatchUp => CatchUp.Always;

        public async Task RunAsync(Job job, IServiceProvider services, CancellationToken ct)
        {
            var db = services.GetRequiredService<StudyBotDb>();
            if (await OpenAsync(db, job, ct) is not { } open) return;
            var now = time.GetUtcNow().UtcDateTime;
            var (route, _) = await EscalationRouting.ResolveAsync(db, services, open.AskerId, ct);
            if (route.Kind != EscalationRoutes.Nobody)
            {
                var rows = Escalations.SendCards(db, services, open.E, route, open.Asker, open.AskerUnit?.Name, reminder: true, now);
                var cards = JsonSerializer.Deserialize<List<Guid>>(open.E.Cards, WireJson.Options) ?? [];
                open.E.Cards = JsonSerializer.Serialize(cards.Concat(rows.Select(r => r.Id)), WireJson.Options);
            }
            await ScheduleReminderAsync(db, services, open.E, now);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// A question nobody could receive: every few minutes, look again; once a secretary or an admin can be reached, it
    /// is sent to them and the asker is told who has it.
    /// </summary>
    public sealed class RouteJob(TimeProvider time) : IJobHandler
    {
        public string Kind => RouteKind;
        public CatchUp CatchUp => CatchUp.Always;

        public async Task RunAsync(Job job, IServiceProvider services, CancellationToken ct)
        {
            var db = services.GetRequiredService<StudyBotDb>();
            if (await OpenAsync(db, job, ct) is not { } open || open.E.RoutedTo != EscalationRoutes.Nobody) return;
            var now = time.GetUtcNow().UtcDateTime;
            var (route, askerUnit) = await EscalationRouting.ResolveAsync(db, services, open.AskerId, ct);
            if (route.Kind == EscalationRoutes.Nobody) await ScheduleRouteAsync(db, open.E, now);
            else
            {
                open.E.AskerUnitId ??= askerUnit?.Id;
                await Escalations.DeliverAsync(db, services, open.E, route, open.Asker, (askerUnit ?? open.AskerUnit)?.Name, now);
                var t = new Texts(open.AskerLanguage);
                Outbox.SendTo(db, open.AskerId, CardMessages.Message(CardMessages.Notice(t.Format("Conduct.QuestionHeading", open.E.Number),
                    t.Format("Conduct.RoutedLater", open.E.Number, route.Describe(t, askerUnit ?? open.AskerUnit)))), now);
            }
            await db.SaveChangesAsync(ct);
        }
    }
}

public sealed record EscalationJob(Guid EscalationId);
