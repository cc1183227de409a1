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

    private static async Task DecideAsync(Turn turn, string decision)
    {
        var id = Guid.TryParse(turn.Field("nominationId"), out var g) ? g : Guid.Empty;
        var nomination = await turn.Db.Set<Nomination>().FirstOrDefaultAsync(n => n.Id == id);
        if (nomination is null) { turn.Notice(turn.T["Action.Unknown"]); return; }
        if (!IsLeader(turn)) { RefuseNonLeader(turn, "nomination.decide", id.ToString()); return; }
        var zone = NominationCommands.Agency(turn).Zone;
        if (nomination.Status != NominationStatus.Pending)
        {
            var decided = await NominationCopies.ViewAsync(turn.Db, nomination, zone, default);
            turn.Notice(turn.T.Format("Nomination.AlreadyDecided", nomination.Reference, turn.T[$"Nomination.Status.{nomination.Status}"],
                Cards.CardText.User(decided.DecidedBy ?? "", 100), decided.DecidedAtLocal ?? ""));
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
