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
/// "Hỏi bí thư": the question goes to whoever <see cref="EscalationRouting"/> finds (the cell's secretary, one above,
/// the channel, the admins), and the asker is told who; with nobody to receive it, it waits for the first who appears
/// (<see cref="EscalationJobs.RouteJob"/>). It is put to them again every few working days until answered. The first
/// answer is final and goes back to the asker.
/// </summary>
public static class Escalations
{
    internal static ConductOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<ConductOptions>>().Value;

    public static async Task AskAsync(Turn turn)
    {
        var question = turn.Field("question")?.Trim() ?? "";
        if (question.Length == 0) { turn.Notice(turn.T["Action.Unknown"]); return; }
        if (question.Length > 1000) question = question[..1000];
        var open = await turn.Db.Set<Escalation>().FirstOrDefaultAsync(e => e.AskerId == turn.Member.Id && e.Status == EscalationStatus.Open && e.Question == question);
        if (open is not null) { turn.Notice(turn.T.Format("Conduct.AlreadyAsked", open.Number)); return; }

        var (route, askerUnit) = await EscalationRouting.ResolveAsync(turn.Db, turn.Services, turn.Member.Id, default);
        var number = (await turn.Db.Set<Escalation>().MaxAsync(e => (int?)e.Number) ?? 0) + 1;
        var escalation = new Escalation
        {
            Id = Guid.CreateVersion7(), Number = number, AskerId = turn.Member.Id, AskerUnitId = askerUnit?.Id, Question = question,
            CreatedAt = turn.Now,
        };
        turn.Db.Add(escalation);
        turn.Audit("conduct.escalate", escalation.Id.ToString(), detail: $"HĐ-{number} → {route.Kind}");
        var heading = turn.T.Format("Conduct.QuestionHeading", number);
        if (route.Kind == EscalationRoutes.Nobody)
        {
            escalation.RoutedTo = EscalationRoutes.Nobody;
            await EscalationJobs.ScheduleRouteAsync(turn.Db, escalation, turn.Now);
            turn.UpdateCard(CardMessages.Notice(heading, turn.T.Format("Conduct.EscalatedToNobody", number)));
            return;
        }
        await DeliverAsync(turn.Db, turn.Services, escalation, route, turn.Member.Name, askerUnit?.Name, turn.Now);
        turn.UpdateCard(CardMessages.Notice(heading, turn.T.Format("Conduct.Escalated", route.Describe(turn.T, askerUnit))));
    }

    /// <summary>Sends the question's cards along the route, records where they went, and sets the first reminder.</summary>
    internal static async Task DeliverAsync(StudyBotDb db, IServiceProvider services, Escalation e, EscalationRoute route, string asker,
        string? unit, DateTime now)
    {
        (e.RoutedTo, e.UnitId) = (route.Kind, route.Unit?.Id);
        var rows = SendCards(db, services, e, route, asker, unit, reminder: false, now);
        e.Cards = JsonSerializer.Serialize(rows.Select(r => r.Id), WireJson.Options);
        await EscalationJobs.ScheduleReminderAsync(db, services, e, now);
    }

    internal static List<OutboxMessage> SendCards(StudyBotDb db, IServiceProvider services, Escalation e, EscalationRoute route, string asker,
        string? unit, bool reminder, DateTime now)
    {
        var days = Options(services).ReminderWorkingDays;
        if (route.Channel is { } channel)
            return [Outbox.SendToConversation(db, channel, CardMessages.Message(ConductCards.Question(Texts.Vietnamese, e, asker, unit,
                !reminder ? null : Texts.Vietnamese.Format("Conduct.Reminder", days))), now)];
        return route.People.Select(p =>
        {
            var t = new Texts(p.Language);
            var text = !reminder ? null : t.Format("Conduct.Reminder", days);
            return Outbox.SendTo(db, p.Id, CardMessages.Message(ConductCards.Question(t, e, asker, unit, text)), now);
        }).ToList();
    }

    /// <summary>
    /// Who may answer: a secretary of the asker's unit or of one above it, or an admin, from the stored roles. A
    /// question asked before the asker's unit was kept falls back to the unit whose secretary received it.
    /// </summary>
    internal static bool MayAnswer(RoleSet roles, Escalation e) =>
        (e.AskerUnitId ?? e.UnitId) is { } unitId ? roles.Holds(Role.Secretary, unitId) : roles.IsAdmin;

    internal static async Task<string?> AskerUnitNameAsync(StudyBotDb db, Escalation e) =>
        (e.AskerUnitId ?? e.UnitId) is { } u ? await db.Set<Unit>().Where(x => x.Id == u).Select(x => x.Name).FirstOrDefaultAsync() : null;

    public static async Task AnswerAsync(Turn turn)
    {
        var id = Guid.TryParse(turn.Field("escalationId"), out var g) ? g : Guid.Empty;
        var e = await turn.Db.Set<Escalation>().FirstOrDefaultAsync(x => x.Id == id);
        if (e is null) { turn.Notice(turn.T["Action.Unknown"]); return; }
        // From the stored roles: the secretary of the question's unit (or above), or an admin.
        if (!MayAnswer(turn.Roles, e)) { turn.Refuse("escalation.answer", Access.SecretariesAndAdmins, id.ToString()); return; }
        var agency = turn.Services.GetRequiredService<IOptions<AgencyOptions>>().Value;
        var names = await turn.Db.Set<Member>().Where(m => m.Id == e.AskerId || m.Id == e.AnsweredBy).ToDictionaryAsync(m => m.Id, m => m.Name);
        var unitName = await AskerUnitNameAsync(turn.Db, e);
        if (e.Status == EscalationStatus.Answered)
        {
            turn.Notice(turn.T.Format("Conduct.AlreadyAnswered", e.Number, CardText.User(names.GetValueOrDefault(e.AnsweredBy ?? Guid.Empty, ""), 100),
                LocalTime.Describe(agency.Local(e.AnsweredAt!.Value), turn.T)));
            return;
        }
        // The waiting list holds several questions in one card, so its inputs carry the question's number.
        var fromList = turn.Field("from") == WaitingQuestions.From;
        var answer = (turn.Field("answer") ?? turn.Field($"answer-{e.Number}"))?.Trim() ?? "";
        if (answer.Length < 2 && fromList) { turn.Notice(turn.T["Conduct.AnswerRequired"]); return; }
        if (answer.Length < 2)
        {
            turn.UpdateCard(ConductCards.Question(turn.T, e, names.GetValueOrDefault(e.AskerId, ""), unitName, turn.T["Conduct.AnswerRequired"]));
            return;
        }
        (e.Status, e.Answer, e.AnsweredBy, e.AnsweredAt) = (EscalationStatus.Answered, answer.Length > 2000 ? answer[..2000] : answer, turn.Member.Id, turn.Now);
        e.Version++;
        var local = agency.Local(turn.Now);
        var asker = await turn.Db.Set<Member>().FirstAsync(m => m.Id == e.AskerId);
        var askerTexts = new Texts(asker.Language);
        Outbox.SendTo(turn.Db, asker.Id, CardMessages.Message(ConductCards.Answered(askerTexts, e, asker.Name, unitName,
            turn.Member.Name, LocalTime.Describe(local, askerTexts), forAsker: true)), turn.Now);
        var cardIds = JsonSerializer.Deserialize<List<Guid>>(e.Cards, WireJson.Options) ?? [];
        foreach (var row in await turn.Db.Set<OutboxMessage>().Where(m => cardIds.Contains(m.Id)).ToListAsync())
            Outbox.Replace(turn.Db, row, CardMessages.Message(ConductCards.Answered(Texts.Vietnamese, e, asker.Name, unitName, turn.Member.Name,
                LocalTime.Describe(local, Texts.Vietnamese), false)), turn.Now);
        if ((turn.Field("addToKb") ?? turn.Field($"addToKb-{e.Number}")) == "true")
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
        if (fromList) await WaitingQuestions.RefreshAsync(turn, turn.T.Format("Conduct.WaitingAnswered", e.Number, CardText.User(asker.Name, 100)));
        else turn.UpdateCard(ConductCards.Answered(turn.T, e, asker.Name, unitName, turn.Member.Name, LocalTime.Describe(local, turn.T), forAsker: false));
    }
}
