using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;

namespace StudyBot.Reminders;

/// <summary>
/// The answers on a storyteller's card. Who may answer is read from the stored assignment (the person asked,
/// or for a swap the colleague asked to take over), never from the card.
/// </summary>
public static class StoryAnswers
{
    private static async Task<(StoryAssignment, Reminder, DateTime Local)?> LoadAsync(Turn turn, bool asColleague)
    {
        var id = Guid.TryParse(turn.Field("assignmentId"), out var g) ? g : Guid.Empty;
        var assignment = await turn.Db.Set<StoryAssignment>().FirstOrDefaultAsync(a => a.Id == id);
        var mine = assignment is not null && (asColleague ? assignment.SwapWith == turn.Member.Id : assignment.MemberId == turn.Member.Id);
        if (assignment is null || !mine)
        {
            turn.Refuse("story.answer", new Access([Role.Member]), id.ToString());
            return null;
        }
        var reminder = await turn.Db.Set<Reminder>().FirstAsync(r => r.Id == assignment.ReminderId);
        var unit = await turn.Db.Set<Unit>().FirstAsync(u => u.Id == reminder.UnitId);
        var expected = asColleague ? StoryStatus.SwapAsked : StoryStatus.Asked;
        if (assignment.Status != expected || assignment.OccurrenceDue <= turn.Now)
        {
            turn.UpdateCard(Done(turn, turn.T["Story.AlreadyAnswered"]));
            return null;
        }
        return (assignment, reminder, LocalTime.Of(assignment.OccurrenceDue, LocalTime.Zone(unit)));
    }

    private static AdaptiveCard Done(Turn turn, string text) => CardMessages.Notice(turn.T["Story.Heading"], text);

    public static async Task AcceptAsync(Turn turn)
    {
        if (await LoadAsync(turn, asColleague: false) is not var (assignment, reminder, local)) return;
        assignment.Status = StoryStatus.Accepted;
        var entries = await StoryRotaService.EntriesAsync(turn.Db, reminder, default);
        var entry = entries.First(e => e.MemberId == turn.Member.Id);
        entry.Turns++;
        StoryRotaService.MoveToEnd(entries, entry);
        turn.Audit("story.accept", assignment.Id.ToString());
        turn.UpdateCard(Done(turn, turn.T.Format("Story.Thanks", LocalTime.Describe(local, turn.T))));
    }

    /// <summary>
    /// "Xin lùi" postpones: it uses up the person's chance in this round (so someone who always declines is asked
    /// once a round, not at every meeting), moves them to the end, and asks the next.
    /// </summary>
    public static async Task DeclineAsync(Turn turn)
    {
        if (await LoadAsync(turn, asColleague: false) is not var (assignment, reminder, _)) return;
        assignment.Status = StoryStatus.Declined;
        var entries = await StoryRotaService.EntriesAsync(turn.Db, reminder, default);
        var entry = entries.First(e => e.MemberId == turn.Member.Id);
        entry.Turns++;
        StoryRotaService.MoveToEnd(entries, entry);
        // The pick reads the same tracked rota entries, and this person's stored assignment excludes them.
        var next = await StoryRotaService.AskNextAsync(turn.Db, reminder, assignment.OccurrenceDue, turn.Now, default);
        turn.Audit("story.decline", assignment.Id.ToString());
        turn.UpdateCard(Done(turn, turn.T[next is null ? "Story.DeclinedNobodyLeft" : "Story.Declined"]));
    }

    public static async Task SwapAsync(Turn turn)
    {
        if (await LoadAsync(turn, asColleague: false) is not var (assignment, reminder, local)) return;
        var colleagueId = Guid.TryParse(turn.Field("colleague"), out var c) ? c : Guid.Empty;
        var entries = await StoryRotaService.EntriesAsync(turn.Db, reminder, default);
        // The colleague must be a Party member of the cell, as stored: not whoever the card names.
        if (colleagueId == turn.Member.Id || entries.All(e => e.MemberId != colleagueId))
        {
            turn.Notice(turn.T["Story.PickColleague"]);
            return;
        }
        var colleague = await turn.Db.Set<Member>().FirstAsync(m => m.Id == colleagueId);
        (assignment.Status, assignment.SwapWith) = (StoryStatus.SwapAsked, colleagueId);
        StoryRotaService.SendSwapRequest(turn.Db, new Resources.Texts(colleague.Language), reminder, assignment, turn.Member, colleague, local, turn.Now);
        turn.Audit("story.swap", assignment.Id.ToString());
        turn.UpdateCard(Done(turn, turn.T.Format("Story.SwapSent", CardText.User(colleague.Name, 100))));
    }

    /// <summary>The colleague takes the turn: it counts for them; the one who asked keeps their place, so goes next.</summary>
    public static async Task SwapAcceptAsync(Turn turn)
    {
        if (await LoadAsync(turn, asColleague: true) is not var (assignment, reminder, local)) return;
        assignment.Status = StoryStatus.SwappedAway;
        turn.Db.Add(new StoryAssignment
        {
            Id = Guid.CreateVersion7(), ReminderId = reminder.Id, OccurrenceDue = assignment.OccurrenceDue, MemberId = turn.Member.Id,
            Status = StoryStatus.Accepted, AskedAt = turn.Now,
        });
        var entries = await StoryRotaService.EntriesAsync(turn.Db, reminder, default);
        var entry = entries.First(e => e.MemberId == turn.Member.Id);
        entry.Turns++;
        StoryRotaService.MoveToEnd(entries, entry);
        var asker = await turn.Db.Set<Member>().FirstAsync(m => m.Id == assignment.MemberId);
        var askerTexts = new Resources.Texts(asker.Language);
        StoryRotaService.Tell(turn.Db, asker, askerTexts.Format("Story.SwapAccepted", CardText.User(turn.Member.Name, 100),
            LocalTime.Describe(local, askerTexts)), turn.Now);
        turn.Audit("story.swap.accept", assignment.Id.ToString());
        turn.UpdateCard(Done(turn, turn.T.Format("Story.Thanks", LocalTime.Describe(local, turn.T))));
    }

    /// <summary>The colleague says no: the turn goes back to the one asked, who gets the card again.</summary>
    public static async Task SwapDeclineAsync(Turn turn)
    {
        if (await LoadAsync(turn, asColleague: true) is not var (assignment, reminder, _)) return;
        (assignment.Status, assignment.SwapWith) = (StoryStatus.Asked, null);
        var asker = await turn.Db.Set<Member>().FirstAsync(m => m.Id == assignment.MemberId);
        StoryRotaService.Tell(turn.Db, asker, new Resources.Texts(asker.Language).Format("Story.SwapRefused", CardText.User(turn.Member.Name, 100)), turn.Now);
        await StoryRotaService.SendAskAsync(turn.Db, reminder, assignment, turn.Now, default);
        turn.Audit("story.swap.decline", assignment.Id.ToString());
        turn.UpdateCard(Done(turn, turn.T["Story.SwapRefusedDone"]));
    }
}
