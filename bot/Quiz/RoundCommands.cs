using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;

namespace StudyBot.Quiz;

/// <summary>
/// `kiểm tra đợt` / `quiz rounds`: secretaries (for their cells) and admins list, schedule, change, cancel and
/// read rounds; members see the open rounds waiting for them. Every action checks the stored role on the
/// round's unit, never the card's data.
/// </summary>
public static class RoundCommands
{
    public static async Task ListAsync(Turn turn)
    {
        var units = await ManagedUnits.ListAsync(turn.Db, turn.Roles, turn.Member.Id);
        if (units.Count == 0) { await ShowOpenRoundsAsync(turn); return; }
        var ids = units.Select(u => u.Id).ToList();
        var rounds = await turn.Db.Set<QuizRound>().Where(r => ids.Contains(r.UnitId) && r.Status != RoundStatus.Cancelled)
            .OrderByDescending(r => r.OpensAt).Take(8).ToListAsync();
        var unitRows = await turn.Db.Set<Unit>().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id);
        turn.Reply(RoundManageCards.List(turn.T, rounds.Select(r => (r, RoundQueries.Facts(r, unitRows[r.UnitId]))).ToList()));
    }

    private static async Task ShowOpenRoundsAsync(Turn turn)
    {
        var open = await RoundQueries.OpenForAsync(turn.Db, turn.Member.Id, turn.Now);
        if (open.Count == 0) { turn.Reply(turn.T["Round.NoneOpen"]); return; }
        foreach (var round in open) turn.Reply(RoundCards.Invitation(turn.T, await RoundQueries.FactsAsync(turn.Db, round)));
    }

    /// <summary>Loads the round named on the card and checks, from stored roles, that this person manages its unit.</summary>
    private static async Task<QuizRound?> AuthorizedAsync(Turn turn, string action)
    {
        var id = Guid.TryParse(turn.Field("roundId"), out var g) ? g : Guid.Empty;
        var round = await turn.Db.Set<QuizRound>().FirstOrDefaultAsync(r => r.Id == id && r.Status != RoundStatus.Cancelled);
        if (round is null) { turn.Notice(turn.T["Round.Gone"]); return null; }
        if (!turn.Roles.Holds(Role.Secretary, round.UnitId)) { turn.Refuse(action, Access.SecretariesAndAdmins, id.ToString()); return null; }
        return round;
    }

    private static QuizOptions Options(Turn turn) => turn.Services.GetRequiredService<IOptions<QuizOptions>>().Value;

    private static Task<List<QuizQuestion>> BankAsync(Turn turn) =>
        turn.Db.Set<QuizQuestion>().Where(q => q.Active).OrderBy(q => q.Id).ToListAsync();

    public static async Task FormAsync(Turn turn)
    {
        var units = await ManagedUnits.ListAsync(turn.Db, turn.Roles, turn.Member.Id);
        if (units.Count == 0) { turn.Refuse("round.form", Access.SecretariesAndAdmins); return; }
        RoundForm values;
        Guid? roundId = null;
        if (turn.Data["roundId"] is not null)
        {
            if (await AuthorizedAsync(turn, "round.change") is not { } round) return;
            if (round.Status != RoundStatus.Scheduled) { turn.Notice(turn.T["Round.AlreadyOpened"]); return; }
            roundId = round.Id;
            var unit = await turn.Db.Set<Unit>().FirstAsync(u => u.Id == round.UnitId);
            var zone = LocalTime.Zone(unit);
            var (opens, closes) = (LocalTime.Of(round.OpensAt, zone), LocalTime.Of(round.ClosesAt, zone));
            var items = QuizItem.Deserialize(round.Items);
            values = new RoundForm(round.UnitId.ToString(), round.Title, items.Count.ToString(CultureInfo.InvariantCulture),
                round.Picked ? string.Join(",", items.Select(i => i.Id)) : null, opens.ToString("yyyy-MM-dd"), opens.ToString("HH:mm"),
                closes.ToString("yyyy-MM-dd"), closes.ToString("HH:mm"), (round.SecondsPerQuestion ?? 0).ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            // Tomorrow 09:00–17:00 in the unit's zone: the most common round, ready to save as it is.
            var tomorrow = LocalTime.Of(turn.Now, TimeZoneInfo.FindSystemTimeZoneById(Unit.DefaultTimeZone)).Date.AddDays(1).ToString("yyyy-MM-dd");
            values = new RoundForm(null, null, "10", null, tomorrow, "09:00", tomorrow, "17:00", "0");
        }
        var card = RoundManageCards.Form(turn.T, units, await BankAsync(turn), values, roundId, Options(turn).MaxQuestions);
        turn.Show(card);
    }

    public static async Task SaveAsync(Turn turn)
    {
        var units = await ManagedUnits.ListAsync(turn.Db, turn.Roles, turn.Member.Id);
        string? Field(string id) => turn.Field(id)?.Trim() is { Length: > 0 } s ? s : null;
        var values = new RoundForm(Field("unit"), Field("title"), Field("count"), Field("questions"), Field("openDate"), Field("openTime"),
            Field("closeDate"), Field("closeTime"), Field("seconds"));
        var unitId = Guid.TryParse(values.UnitId, out var uid) ? uid : Guid.Empty;
        if (units.All(u => u.Id != unitId)) { turn.Refuse("round.save", Access.SecretariesAndAdmins, unitId.ToString()); return; }
        QuizRound? editing = null;
        if (Field("roundId") is not null)
        {
            if (await AuthorizedAsync(turn, "round.change") is not { } existing) return;
            if (existing.Status != RoundStatus.Scheduled || turn.Now >= existing.OpensAt) { turn.Notice(turn.T["Round.AlreadyOpened"]); return; }
            editing = existing;
        }
        var unit = await turn.Db.Set<Unit>().FirstAsync(u => u.Id == unitId);
        var bank = await BankAsync(turn);
        var options = Options(turn);
        var check = RoundFormCheck.Run(turn.T, values, LocalTime.Zone(unit), turn.Now, bank, options.MaxQuestions);
        if (check.Error is not null)
        {
            turn.UpdateCard(RoundManageCards.Form(turn.T, units, bank, values, editing?.Id, options.MaxQuestions, check.Error));
            return;
        }

        var sourceIds = check.Questions.Select(q => q.SourceId).ToList();
        var sources = await turn.Db.Set<QuizSource>().Where(s => sourceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id);
        var round = editing ?? new QuizRound { Id = Guid.CreateVersion7(), CreatedBy = turn.Member.Id, CreatedAt = turn.Now };
        if (editing is null) turn.Db.Add(round);
        else round.Version++; // jobs of the old version will do nothing
        (round.UnitId, round.Title, round.OpensAt, round.ClosesAt) = (unitId, values.Title!, check.OpensAt, check.ClosesAt);
        round.Items = QuizItem.Serialize(check.Questions.Select(q => QuizItem.From(q, sources[q.SourceId])));
        (round.Picked, round.SecondsPerQuestion) = (check.Picked, check.Seconds);
        await RoundSchedule.ScheduleAsync(turn.Db, round, options, turn.Now, default);
        turn.Audit(editing is null ? "round.add" : "round.change", round.Id.ToString(), detail: $"{check.Questions.Count} questions");
        var facts = RoundQueries.Facts(round, unit);
        turn.UpdateCard(CardMessages.Notice(turn.T["Round.ListTitle"], turn.T.Format("Round.Saved", CardText.User(round.Title, 200),
            check.Questions.Count, LocalTime.Describe(facts.OpensLocal, turn.T), LocalTime.Describe(facts.ClosesLocal, turn.T))));
    }

    public static async Task CancelAsync(Turn turn)
    {
        if (await AuthorizedAsync(turn, "round.cancel") is not { } round) return;
        if (round.Status == RoundStatus.Closed)
        {
            turn.Audit("round.cancel", round.Id.ToString(), AuditOutcome.Refused, "round closed");
            turn.Notice(turn.T["Round.AlreadyClosed"]);
            return;
        }
        (round.Status, round.Version) = (RoundStatus.Cancelled, round.Version + 1);
        turn.Audit("round.cancel", round.Id.ToString());
        turn.UpdateCard(CardMessages.Notice(turn.T["Round.ListTitle"], turn.T.Format("Round.Cancelled", CardText.User(round.Title, 200))));
    }

    /// <summary>After closing, the results card with a fresh link; before, who has finished and who has not.</summary>
    public static async Task ResultsAsync(Turn turn)
    {
        if (await AuthorizedAsync(turn, "round.results") is not { } round) return;
        var facts = await RoundQueries.FactsAsync(turn.Db, round);
        var results = await RoundResults.ComputeAsync(turn.Db, round, default);
        if (round.Status != RoundStatus.Closed)
        {
            turn.Reply(await ProgressAsync(turn, round, facts, results));
            return;
        }
        var link = await turn.Services.GetRequiredService<ResultsLinks>().CreateAsync(round.Id, turn.Now, default);
        turn.Audit("round.results", round.Id.ToString());
        turn.Reply(ResultsCards.Results(turn.T, facts, results, link, Options(turn).ResultsLinkLifetime));
    }

    private static async Task<AdaptiveCard> ProgressAsync(Turn turn, QuizRound round, RoundFacts facts, RoundResults results)
    {
        var zone = LocalTime.Zone(await turn.Db.Set<Unit>().FirstAsync(u => u.Id == round.UnitId));
        var reminded = await RoundProgress.LastRemindedAsync(turn.Db, round.Id, turn.Now);
        return RoundProgress.Card(turn.T, facts, results, reminded is { } at ? LocalTime.Of(at, zone) : null);
    }

    /// <summary>«Nhắc ngay» on an open round: the invitation again to everyone who has not finished, once an hour at most.</summary>
    public static async Task RemindNowAsync(Turn turn)
    {
        if (await AuthorizedAsync(turn, RoundProgress.RemindVerb) is not { } round) return;
        var facts = await RoundQueries.FactsAsync(turn.Db, round);
        if (round.Status != RoundStatus.Open || RoundQueries.IsOver(round, turn.Now))
        {
            turn.Notice(turn.T.Format("Round.NotOpenToRemind", CardText.User(round.Title, 200)));
            return;
        }
        var zone = LocalTime.Zone(await turn.Db.Set<Unit>().FirstAsync(u => u.Id == round.UnitId));
        if (await RoundProgress.LastRemindedAsync(turn.Db, round.Id, turn.Now) is { } last)
        {
            turn.Audit(RoundProgress.RemindVerb, round.Id.ToString(), AuditOutcome.Refused, "reminded within the hour");
            turn.Notice(RoundProgress.Reminded(turn.T, LocalTime.Of(last, zone)));
            return;
        }
        // Two presses at once both found no reminder within the hour: the marker lets one of them through.
        await Scheduling.OnceMarker.ClaimAsync(turn.Db, RoundProgress.RemindVerb, round.Id.ToString(), turn.Now);
        var sent = await RoundProgress.RemindUnfinishedAsync(turn.Db, round, facts, turn.Now, default);
        turn.Audit(RoundProgress.RemindVerb, round.Id.ToString(), detail: $"{sent} reminded");
        var results = await RoundResults.ComputeAsync(turn.Db, round, default);
        // The audit row is not saved yet, so the card says "reminded just now" from this turn's own clock.
        turn.UpdateCard(RoundProgress.Card(turn.T, facts, results, LocalTime.Of(turn.Now, zone), turn.T.Format("Round.RemindSent", sent)));
    }
}
