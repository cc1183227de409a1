using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Conversations;

namespace StudyBot.Nominations;

/// <summary>
/// "Biểu dương", "Đề xuất khen thưởng", "Chưa đủ căn cứ" on a nomination card. Only a leader decides, read from the
/// stored roles; the first decision wins: it changes the nomination's version, so a second one made at the same
/// moment fails to save, and when the turn is retried it finds the nomination decided.
/// </summary>
public static class NominationDecisions
{
    /// <summary>Deciding is the leadership's: an admin manages the bot but does not decide on commendations.</summary>
    public static bool IsLeader(Turn turn) => turn.Roles.Assignments.Any(a => a.Role == Role.Leader);

    public static void RefuseNonLeader(Turn turn, string action, string? target)
    {
        turn.Audit(action, target, AuditOutcome.Refused);
        turn.Notice(turn.T["Nomination.LeadersOnly"]);
    }

    public static Task CommendAsync(Turn turn) => DecideAsync(turn, NominationStatus.Commended);

    public static Task ProposeAsync(Turn turn) => DecideAsync(turn, NominationStatus.Proposed);

    public static Task DeclineAsync(Turn turn) => DecideAsync(turn, NominationStatus.Declined);

    /// <summary>
    /// No one judges their own case: a leader who made the nomination, or whom it names, is refused on the server
    /// whatever the card says, and told which other leaders can decide.
    /// </summary>
    private static async Task<bool> RefuseOwnAsync(Turn turn, Nomination nomination)
    {
        var why = nomination.NomineeId == turn.Member.Id ? "names the leader"
            : nomination.NominatorId == turn.Member.Id ? "made by the leader" : null;
        if (why is null) return false;
        turn.Audit("nomination.decide", nomination.Id.ToString(), AuditOutcome.Refused, why);
        var others = await turn.Db.Set<RoleAssignment>().Where(a => a.Role == Role.Leader && a.MemberId != turn.Member.Id
                && a.MemberId != nomination.NomineeId && a.MemberId != nomination.NominatorId)
            .Join(turn.Db.Set<Member>(), a => a.MemberId, m => m.Id, (_, m) => m.Name).Distinct().ToListAsync();
        var reason = turn.T.Format(why == "names the leader" ? "Nomination.OwnNominee" : "Nomination.OwnNominator", nomination.Reference);
        turn.Notice(others.Count == 0 ? $"{reason} {turn.T["Nomination.NoOtherLeader"]}"
            : $"{reason} {turn.T.Format("Nomination.OtherLeaders", string.Join(", ", others.Order(StringComparer.Ordinal).Select(n => Cards.CardText.User(n, 100))))}");
        return true;
    }

    private static async Task DecideAsync(Turn turn, string decision)
    {
        var id = Guid.TryParse(turn.Field("nominationId"), out var g) ? g : Guid.Empty;
        var nomination = await turn.Db.Set<Nomination>().FirstOrDefaultAsync(n => n.Id == id);
        if (nomination is null) { turn.Notice(turn.T["Action.Unknown"]); return; }
        if (!IsLeader(turn)) { RefuseNonLeader(turn, "nomination.decide", id.ToString()); return; }
        if (await RefuseOwnAsync(turn, nomination)) return;
        var zone = NominationCommands.Agency(turn).Zone;
        if (nomination.Status != NominationStatus.Pending)
        {
            var decided = await NominationCopies.ViewAsync(turn.Db, nomination, zone, default);
            turn.Notice(turn.T.Format("Nomination.AlreadyDecided", nomination.Reference, turn.T[$"Nomination.Status.{nomination.Status}"],
                Cards.CardText.User(decided.DecidedBy ?? "", 100), decided.DecidedAt(turn.T)));
            return;
        }
        var reason = turn.Field("reason")?.Trim() is { Length: > 0 } r ? r : null;
        if (decision == NominationStatus.Declined && reason is null)
        {
            var view = await NominationCopies.ViewAsync(turn.Db, nomination, zone, default);
            turn.UpdateCard(NominationCards.Decision(turn.T, view, error: turn.T["Nomination.ReasonRequired"]));
            return;
        }
        if (reason is { Length: > 1000 }) reason = reason[..1000];

        (nomination.Status, nomination.DecidedBy, nomination.DecidedAt) = (decision, turn.Member.Id, turn.Now);
        nomination.DecisionReason = reason;
        nomination.Version++;
        var outcome = await NominationCopies.ViewAsync(turn.Db, nomination, zone, default);
        outcome = outcome with { DecidedBy = turn.Member.Name };
        await NominationCopies.ReplaceAllAsync(turn.Db, nomination, outcome, turn.Now, default);
        await NominationCopies.TellAsync(turn.Db, nomination, outcome, turn.Now, default);
        turn.Audit("nomination.decide", nomination.Id.ToString(), detail: $"{nomination.Reference} {decision}");
        turn.UpdateCard(NominationCards.Decision(turn.T, outcome));
    }
}
