using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;
using StudyBot.Delivery;
using StudyBot.Protocol;
using StudyBot.Resources;
using StudyBot.Scheduling;
using StudyBot.Storage;

namespace StudyBot.Conduct;

/// <summary>
/// "Hỏi bí thư": the question goes to the secretary of the asker's cell (the nearest unit above with one), or to the
/// configured channel, or, when nobody is secretary, to the admins; it is put to them again every few working days
/// until answered, so it cannot sit unseen. The first answer is final and goes back to the asker.
/// </summary>
public static class Escalations
{
    public const string RemindKind = "conduct.remind";

    private static ConductOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<ConductOptions>>().Value;

    public static async Task AskAsync(Turn turn)
    {
        var question = turn.Field("question")?.Trim() ?? "";
        if (question.Length == 0) { turn.Notice(turn.T["Action.Unknown"]); return; }
        if (question.Length > 1000) question = question[..1000];
        var open = await turn.Db.Set<Escalation>().FirstOrDefaultAsync(e => e.AskerId == turn.Member.Id && e.Status == EscalationStatus.Open && e.Question == question);
        if (open is not null) { turn.Notice(turn.T.Format("Conduct.AlreadyAsked", open.Number)); return; }

        var unit = await SecretaryUnitAsync(turn.Db, turn.Member.Id);
        var number = (await turn.Db.Set<Escalation>().MaxAsync(e => (int?)e.Number) ?? 0) + 1;
        var escalation = new Escalation
        {
            Id = Guid.CreateVersion7(), Number = number, AskerId = turn.Member.Id, UnitId = unit?.Id, Question = question, CreatedAt = turn.Now,
        };
        turn.Db.Add(escalation);
        var rows = await SendCardsAsync(turn.Db, turn.Services, escalation, turn.Member.Name, unit?.Name, reminder: false, turn.Now);
        escalation.Cards = JsonSerializer.Serialize(rows.Select(r => r.Id), WireJson.Options);
        await ScheduleReminderAsync(turn.Db, turn.Services, escalation, turn.Now);
        turn.Audit("conduct.escalate", escalation.Id.ToString(), detail: $"HĐ-{number}");
        var to = Options(turn.Services).EscalationConversation is { Length: > 0 } ? turn.T["Conduct.ToChannel"]
            : unit is not null ? turn.T.Format("Conduct.ToSecretary", CardText.User(unit.Name, 200))
            : turn.T["Conduct.ToAdmins"];
        turn.UpdateCard(CardMessages.Notice(turn.T.Format("Conduct.QuestionHeading", number), turn.T.Format("Conduct.Escalated", to)));
    }

    /// <summary>The asker's units and their ancestors, nearest first: the first with a secretary answers.</summary>
    private static async Task<Unit?> SecretaryUnitAsync(StudyBotDb db, Guid memberId)
    {
        var units = await db.Set<Unit>().ToDictionaryAsync(u => u.Id);
        var secretaries = (await db.Set<RoleAssignment>().Where(r => r.Role == Role.Secretary && r.UnitId != null)
            .Select(r => r.UnitId!.Value).ToListAsync()).ToHashSet();
        var mine = await db.Set<UnitMembership>().Where(m => m.MemberId == memberId).Select(m => m.UnitId).ToListAsync();
        foreach (var start in mine.OrderBy(id => units.TryGetValue(id, out var u) ? u.Name : "", StringComparer.Ordinal))
        {
            Guid? current = start;
            for (var depth = 0; current is { } id && depth < 32 && units.TryGetValue(id, out var unit); depth++, current = unit.ParentId)
                if (secretaries.Contains(id)) return unit;
        }
        return null;
    }

    private static async Task<List<OutboxMessage>> SendCardsAsync(StudyBotDb db, IServiceProvider services, Escalation e, string asker,
        string? unit, bool reminder, DateTime now)
    {
        if (Options(services).EscalationConversation is { Length: > 0 } channel)
            return [Outbox.SendToConversation(db, channel, CardMessages.Message(ConductCards.Question(Texts.Vietnamese, e, asker, unit,
                !reminder ? null : Texts.Vietnamese.Format("Conduct.Reminder", Options(services).ReminderWorkingDays))), now)];
        var role = e.UnitId is null ? Role.Admin : Role.Secretary;
        var ids = db.Set<RoleAssignment>().Where(r => r.Role == role && (e.UnitId == null ? r.UnitId == null : r.UnitId == e.UnitId)).Select(r => r.MemberId);
        var people = await db.Set<Member>().Where(m => ids.Contains(m.Id) && m.ErasedAt == null).ToListAsync();
        return people.Select(p =>
        {
            var t = new Texts(p.Language);
            var text = !reminder ? null : t.Format("Conduct.Reminder", Options(services).ReminderWorkingDays);
            return Outbox.SendTo(db, p.Id, CardMessages.Message(ConductCards.Question(t, e, asker, unit, text)), now);
        }).ToList();
    }

    private static async Task ScheduleReminderAsync(StudyBotDb db, IServiceProvider services, Escalation e, DateTime now)
    {
        var agency = services.GetRequiredService<IOptions<AgencyOptions>>().Value;
        var options = Options(services);
        var local = WorkingDays.Add(agency.Local(now), options.ReminderWorkingDays, options.Holidays);
        var due = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), agency.Zone);
        await Jobs.ScheduleAsync(db, RemindKind, due, new EscalationJob(e.Id), $"{RemindKind}:{e.Id}:{due:yyyyMMddHHmm}", now, default);
    }

    public static async Task AnswerAsync(Turn turn)
    {
        var id = Guid.TryParse(turn.Field("escalationId"), out var g) ? g : Guid.Empty;
        var e = await turn.Db.Set<Escalation>().FirstOrDefaultAsync(x => x.Id == id);
        if (e is null) { turn.Notice(turn.T["Action.Unknown"]); return; }
        // From the stored roles: the secretary of the question's unit (or above), or an admin.
        var allowed = e.UnitId is { } unitId ? turn.Roles.Holds(Role.Secretary, unitId) : turn.Roles.IsAdmin;
        if (!allowed) { turn.Refuse("escalation.answer", Access.SecretariesAndAdmins, id.ToString()); return; }
        var agency = turn.Services.GetRequiredService<IOptions<AgencyOptions>>().Value;
        var names = await turn.Db.Set<Member>().Where(m => m.Id == e.AskerId || m.Id == e.AnsweredBy).ToDictionaryAsync(m => m.Id, m => m.Name);
        var unitName = e.UnitId is { } u ? await turn.Db.Set<Unit>().Where(x => x.Id == u).Select(x => x.Name).FirstOrDefaultAsync() : null;
        if (e.Status == EscalationStatus.Answered)
        {
            turn.Notice(turn.T.Format("Conduct.AlreadyAnswered", e.Number, CardText.User(names.GetValueOrDefault(e.AnsweredBy ?? Guid.Empty, ""), 100),
                agency.Local(e.AnsweredAt!.Value).ToString("HH:mm dd/MM/yyyy")));
            return;
        }
        var answer = turn.Field("answer")?.Trim() ?? "";
        if (answer.Length < 2)
        {
            turn.UpdateCard(ConductCards.Question(turn.T, e, names.GetValueOrDefault(e.AskerId, ""), unitName, turn.T["Conduct.AnswerRequired"]));
            return;
        }
        (e.Status, e.Answer, e.AnsweredBy, e.AnsweredAt) = (EscalationStatus.Answered, answer.Length > 2000 ? answer[..2000] : answer, turn.Member.Id, turn.Now);
        e.Version++;
        var at = agency.Local(turn.Now).ToString("HH:mm dd/MM/yyyy");
        var asker = await turn.Db.Set<Member>().FirstAsync(m => m.Id == e.AskerId);
        Outbox.SendTo(turn.Db, asker.Id, CardMessages.Message(ConductCards.Answered(new Texts(asker.Language), e, asker.Name, unitName,
            turn.Member.Name, at, forAsker: true)), turn.Now);
        var cardIds = JsonSerializer.Deserialize<List<Guid>>(e.Cards, WireJson.Options) ?? [];
        foreach (var row in await turn.Db.Set<OutboxMessage>().Where(m => cardIds.Contains(m.Id)).ToListAsync())
            Outbox.Replace(turn.Db, row, CardMessages.Message(ConductCards.Answered(Texts.Vietnamese, e, asker.Name, unitName, turn.Member.Name, at, false)), turn.Now);
        if (turn.Field("addToKb") == "true")
        {
            var entry = new ConductEntry
            {
                Id = $"hd-{e.Number:D4}", Questions = JsonSerializer.Serialize(new[] { e.Question }, WireJson.Options), Answer = e.Answer!,
                Citation = turn.T.Format("Conduct.FromSecretary", turn.Member.Name, agency.Local(turn.Now).ToString("dd/MM/yyyy")),
                Status = ConductStatus.Pending, Origin = "escalation", UpdatedAt = turn.Now,
            };
            turn.Db.Add(entry);
            e.EntryId = entry.Id;
        }
        turn.Audit("escalation.answer", e.Id.ToString(), detail: e.EntryId is null ? null : $"kb {e.EntryId}");
        turn.UpdateCard(ConductCards.Answered(turn.T, e, asker.Name, unitName, turn.Member.Name, at, forAsker: false));
    }

    /// <summary>Still open after the working days: the card goes to the same people again, and the next reminder is set.</summary>
    public sealed class ReminderJob(TimeProvider time) : IJobHandler
    {
        public string Kind => RemindKind;
        public CatchUp CatchUp => CatchUp.Always;

        public async Task RunAsync(Job job, IServiceProvider services, CancellationToken ct)
        {
            var db = services.GetRequiredService<StudyBotDb>();
            var id = Jobs.Read<EscalationJob>(job).EscalationId;
            var e = await db.Set<Escalation>().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (e is null || e.Status != EscalationStatus.Open) return;
            var now = time.GetUtcNow().UtcDateTime;
            var asker = await db.Set<Member>().Where(m => m.Id == e.AskerId).Select(m => m.Name).FirstOrDefaultAsync(ct) ?? "";
            var unit = e.UnitId is { } u ? await db.Set<Unit>().Where(x => x.Id == u).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
            var rows = await SendCardsAsync(db, services, e, asker, unit, reminder: true, now);
            var cards = JsonSerializer.Deserialize<List<Guid>>(e.Cards, WireJson.Options) ?? [];
            e.Cards = JsonSerializer.Serialize(cards.Concat(rows.Select(r => r.Id)), WireJson.Options);
            await ScheduleReminderAsync(db, services, e, now);
            await db.SaveChangesAsync(ct);
        }
    }
}

public sealed record EscalationJob(Guid EscalationId);
