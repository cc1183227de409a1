using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;
using StudyBot.Delivery;
using StudyBot.Resources;

namespace StudyBot.Commitments;

/// <summary>
/// The secretary reviews sets and follows the cell's year. Whether a person may review a set is read from their stored
/// roles for the set's cell (or the units above it), never from the card; nobody reviews their own.
/// </summary>
public static class CellReview
{
    public static async Task ReviewAsync(Turn turn)
    {
        if (await ReviewableAsync(turn, "commit.review") is not { } set) return;
        turn.Show(await ReviewCardAsync(turn, set));
    }

    public static async Task ApproveAsync(Turn turn) => await DecideAsync(turn, approve: true);

    public static async Task ReturnAsync(Turn turn) => await DecideAsync(turn, approve: false);

    private static async Task DecideAsync(Turn turn, bool approve)
    {
        var action = approve ? "commit.approve" : "commit.return";
        if (await ReviewableAsync(turn, action) is not { } set) return;
        if (turn.Field("sent") != (set.SubmittedAt ?? default).Ticks.ToString())
        {
            // The card shows an earlier sending: the member changed the set since. The current one, to look at first.
            turn.UpdateCard(await ReviewCardAsync(turn, set, error: turn.T["Commit.SentAgain"]));
            return;
        }
        var comment = turn.Field("comment")?.Trim() is { Length: > 0 } c ? c : null;
        var error = !approve && comment is null ? turn.T["Commit.ReturnNeedsComment"]
            : comment is { Length: > 1000 } ? turn.T.Format("Commit.TooLong", turn.T["Commit.FieldComment"], 1000) : null;
        if (error is not null) { turn.UpdateCard(await ReviewCardAsync(turn, set, comment, error)); return; }

        // Approve and return pressed at once (two secretaries, a double click): one decision per sending gets through.
        await Scheduling.OnceMarker.ClaimAsync(turn.Db, "commit.decide", $"{set.Id:N}:{(set.SubmittedAt ?? default).Ticks}", turn.Now);
        (set.Status, set.ReviewComment, set.ReviewedBy, set.ReviewedAt, set.UpdatedAt) =
            (approve ? CommitmentStatus.Approved : CommitmentStatus.Returned, comment, turn.Member.Id, turn.Now, turn.Now);
        turn.Audit(action, set.Id.ToString());
        var member = await turn.Db.Set<Member>().FirstAsync(m => m.Id == set.MemberId);
        var t = new Texts(member.Language);
        var text = t.Format(approve ? "Commit.ApprovedNotice" : "Commit.ReturnedNotice", set.Year, CardText.User(turn.Member.Name, 100))
            + (comment is null ? "" : "\n\n" + t.Format("Commit.CommentNotice", CardText.User(comment, 1000)));
        Outbox.SendTo(turn.Db, member.Id, CardMessages.Message(CardMessages.Notice(t.Format("Commit.Title", set.Year), text)
            .AddAction(CardAction.SendText(t["Commit.Open"], t["Commit.OpenCommand"]))), turn.Now);
        if (approve) await CheckIns.EnsureScheduledAsync(turn.Db, set.UnitId, turn.Now, CommitmentCommands.Zone(turn), default);
        turn.UpdateCard(CardMessages.Notice(turn.T.Format("Commit.ReviewTitle", CardText.User(member.Name, 100), set.Year),
            turn.T.Format(approve ? "Commit.ApprovedDone" : "Commit.ReturnedDone", CardText.User(member.Name, 100))));
    }

    /// <summary>The set a button names, waiting for review, if this person may review it; otherwise they are told why.</summary>
    private static async Task<CommitmentSet?> ReviewableAsync(Turn turn, string action)
    {
        var id = Guid.TryParse(turn.Field("setId"), out var g) ? g : Guid.Empty;
        var set = await turn.Db.Set<CommitmentSet>().FirstOrDefaultAsync(s => s.Id == id);
        if (set is null || !turn.Roles.Holds(Role.Secretary, set.UnitId)) { turn.Refuse(action, Access.SecretariesAndAdmins, id.ToString()); return null; }
        if (set.MemberId == turn.Member.Id)
        {
            turn.Audit(action, id.ToString(), AuditOutcome.Refused, "own set");
            turn.Notice(turn.T["Commit.NotOwnReview"]);
            return null;
        }
        if (set.Status != CommitmentStatus.Submitted)
        {
            var by = set.ReviewedBy is { } r ? await turn.Db.Set<Member>().Where(m => m.Id == r).Select(m => m.Name).FirstOrDefaultAsync() : null;
            turn.Notice(set.Status switch
            {
                CommitmentStatus.Approved => turn.T.Format("Commit.AlreadyApproved", CardText.User(by ?? "", 100)),
                CommitmentStatus.Returned => turn.T.Format("Commit.AlreadyReturned", CardText.User(by ?? "", 100)),
                _ => turn.T["Commit.TakenBack"],
            });
            return null;
        }
        return set;
    }

    private static async Task<AdaptiveCard> ReviewCardAsync(Turn turn, CommitmentSet set, string? comment = null, string? error = null)
    {
        var member = await turn.Db.Set<Member>().FirstAsync(m => m.Id == set.MemberId);
        var unit = await turn.Db.Set<Unit>().FirstAsync(u => u.Id == set.UnitId);
        var (_, today) = CommitmentCommands.Today(turn);
        var views = CommitmentQueries.Views(await CommitmentQueries.CommitmentsAsync(turn.Db, set.Id), set, today, null);
        return ReviewCards.Review(turn.T, set, member.Name, unit.Name, LocalTime.Of(set.SubmittedAt ?? turn.Now, CommitmentCommands.Zone(turn)),
            views, comment, error);
    }

    /// <summary>`làm theo chi bộ`: the cell's year, its own cell first; from the card, another cell the person manages.</summary>
    public static async Task OverviewAsync(Turn turn)
    {
        var units = await ManagedUnits.ListAsync(turn.Db, turn.Roles, turn.Member.Id);
        if (units.Count == 0) { turn.Refuse("commit.cell", Access.SecretariesAndAdmins); return; }
        var chosen = Guid.TryParse(turn.Field("unit"), out var u) && units.Any(x => x.Id == u) ? u : units[0].Id;
        var year = turn.IntField("year") ?? CommitmentCommands.Today(turn).Year;
        turn.Show(await CellCardAsync(turn, units, chosen, year, null));
    }

    private static async Task<AdaptiveCard> CellCardAsync(Turn turn, List<(string Name, Guid Id)> units, Guid unitId, int year, string? notice)
    {
        var day = CommitmentQueries.DayIn(year, CommitmentCommands.Today(turn).Today);
        var cell = await CellYear.ReadAsync(turn.Db, unitId, year, day, default);
        var t = turn.T;
        var waiting = cell.Sets.Where(s => s.Set.Status == CommitmentStatus.Submitted).Select(s => new CellLine(s.Name, s.Set.Id, "")).ToList();
        var attention = cell.Sets.Where(s => s.Set.Status == CommitmentStatus.Approved)
            .SelectMany(s => s.Views.Where(v => v.Standing is Standing.Behind or Standing.NotReported)
                .Select(v => new CellLine(s.Name, s.Set.Id, t.Format($"Commit.Attention.{v.Standing}", CardText.User(v.Commitment.Task, 80), v.Commitment.Percent ?? 0, v.Expected))))
            .ToList();
        return ReviewCards.Cell(t, units.First(x => x.Id == unitId).Name, unitId, year, cell.Counts, waiting, attention, units, notice);
    }

    /// <summary>«Nhắc người chậm tiến độ»: the progress card again to each member behind or not reported, once an hour at most.</summary>
    public static async Task RemindAsync(Turn turn)
    {
        var units = await ManagedUnits.ListAsync(turn.Db, turn.Roles, turn.Member.Id);
        var unitId = Guid.TryParse(turn.Field("unit"), out var u) ? u : Guid.Empty;
        if (units.All(x => x.Id != unitId)) { turn.Refuse(ReviewCards.RemindVerb, Access.SecretariesAndAdmins, unitId.ToString()); return; }
        var (year, today) = CommitmentCommands.Today(turn);
        var target = $"{unitId}:{year}";
        if (await Scheduling.OncePer.LastAsync(turn.Db, ReviewCards.RemindVerb, target, turn.Now, Scheduling.OncePer.Hour) is { } at)
        {
            turn.Notice(Scheduling.OncePer.Said(turn.T, LocalTime.Of(at, CommitmentCommands.Zone(turn)), Scheduling.OncePer.Hour));
            return;
        }
        await Scheduling.OnceMarker.ClaimAsync(turn.Db, ReviewCards.RemindVerb, target, turn.Now);
        var cell = await CellYear.ReadAsync(turn.Db, unitId, year, today, default);
        var sent = 0;
        foreach (var s in cell.Sets.Where(s => s.Set.Status == CommitmentStatus.Approved && s.Views.Any(v => v.Standing is Standing.Behind or Standing.NotReported)))
        {
            CheckIns.SendProgressCard(turn.Db, s.Member, year, s.Views, turn.Now, reminder: true);
            sent++;
        }
        turn.Audit(ReviewCards.RemindVerb, target, detail: $"{sent} reminded");
        turn.Show(await CellCardAsync(turn, units, unitId, year, turn.T.Format("Commit.Reminded", sent)));
    }
}
