using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;
using StudyBot.Delivery;

namespace StudyBot.Commitments;

/// <summary>The member sends the set to the cell's secretary, or takes it back to change it.</summary>
public static class CommitmentSubmission
{
    public static async Task SubmitAsync(Turn turn)
    {
        var (year, today) = CommitmentCommands.Today(turn);
        var set = await CommitmentQueries.SetAsync(turn.Db, turn.Member.Id, year);
        if (set is null || set.Status is not (CommitmentStatus.Draft or CommitmentStatus.Returned))
        {
            await CommitmentCommands.ShowAsync(turn, year, set is null ? null : turn.T["Commit.AlreadySent"]);
            return;
        }
        var commitments = CommitmentCommands.Tracked(turn, set, await CommitmentQueries.CommitmentsAsync(turn.Db, set.Id));
        if (commitments.Count == 0) { await CommitmentCommands.ShowAsync(turn, year, turn.T["Commit.NothingToSend"]); return; }
        var reviewers = await CommitmentQueries.ReviewersAsync(turn.Db, turn.Services.GetRequiredService<IOptions<StudyBotOptions>>().Value, set);
        if (reviewers.Count == 0) { await CommitmentCommands.ShowAsync(turn, year, turn.T["Commit.NoReviewer"]); return; }

        // A double press would send every reviewer two cards: one sending per submit gets through.
        await Scheduling.OnceMarker.ClaimAsync(turn.Db, "commit.submit", set.Id.ToString(), turn.Now);
        // Whole milliseconds: the review card names this sending by it, and PostgreSQL keeps only microseconds.
        var sentAt = new DateTime(turn.Now.Ticks - turn.Now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        (set.Status, set.SubmittedAt, set.UpdatedAt) = (CommitmentStatus.Submitted, sentAt, turn.Now);
        var unit = await turn.Db.FindAsync<Unit>(set.UnitId);
        var views = CommitmentQueries.Views(commitments, set, today, null);
        foreach (var reviewer in reviewers)
        {
            var t = new Resources.Texts(reviewer.Language);
            Outbox.SendTo(turn.Db, reviewer.Id, CardMessages.Message(ReviewCards.Review(t, set, turn.Member.Name, unit?.Name ?? "",
                LocalTime.Of(turn.Now, CommitmentCommands.Zone(turn)), views)), turn.Now);
        }
        turn.Audit("commit.submit", set.Id.ToString(), detail: $"{commitments.Count} commitments");
        var names = string.Join(", ", reviewers.Select(r => CardText.User(r.Name, 100)));
        turn.UpdateCard(await CommitmentCommands.MineAsync(turn, year, set, turn.T.Format("Commit.Sent", names)));
    }

    /// <summary>Back to a draft: a sent set before the secretary answers, or an approved one the member wants to change (sent again after).</summary>
    public static async Task ReopenAsync(Turn turn)
    {
        var (year, _) = CommitmentCommands.Today(turn);
        var set = await CommitmentQueries.SetAsync(turn.Db, turn.Member.Id, year);
        if (set is null || set.Status is not (CommitmentStatus.Submitted or CommitmentStatus.Approved))
        {
            await CommitmentCommands.ShowAsync(turn, year);
            return;
        }
        var wasApproved = set.Status == CommitmentStatus.Approved;
        (set.Status, set.UpdatedAt) = (CommitmentStatus.Draft, turn.Now);
        turn.Audit("commit.reopen", set.Id.ToString(), detail: wasApproved ? "approved" : "submitted");
        turn.UpdateCard(await CommitmentCommands.MineAsync(turn, year, set, turn.T[wasApproved ? "Commit.ReopenedApproved" : "Commit.Reopened"]));
    }
}
