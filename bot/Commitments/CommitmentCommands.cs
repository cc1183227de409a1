using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;
using StudyBot.Themes;

namespace StudyBot.Commitments;

/// <summary>
/// `làm theo`: the member's own commitments for the year. Only the member edits them, decided from the stored set's
/// owner, never from the card; once sent, the set waits for the secretary and is edited again only when taken back.
/// </summary>
public static class CommitmentCommands
{
    public static async Task HandleAsync(Turn turn)
    {
        var args = new Arguments(turn.Arguments);
        var (year, _) = Today(turn);
        if (args.IsEmpty) await ShowAsync(turn, year);
        else if (int.TryParse(args.Text, out var y) && y is >= 2000 and <= 2100) await ShowAsync(turn, y);
        else if (args.After("hồ sơ", "record") is { } record)
        {
            if (record.After("chi bộ", "cell") is { } cell) await YearRecords.ListAsync(turn, cell);
            else await YearRecords.ShowAsync(turn, record);
        }
        else if (args.After("chi bộ", "cell") is not null) await CellReview.OverviewAsync(turn);
        else if (args.After("báo cáo", "report") is { } report) await CellReports.HandleAsync(turn, report);
        else if (args.After("lịch", "schedule") is not null) await CheckInSchedules.FormAsync(turn);
        else turn.Reply(turn.T["Commit.Usage"]);
    }

    public static Task ShowVerbAsync(Turn turn) => ShowAsync(turn, turn.IntField("year") ?? Today(turn).Year);

    public static async Task ShowAsync(Turn turn, int year, string? notice = null)
    {
        var set = await CommitmentQueries.SetAsync(turn.Db, turn.Member.Id, year);
        turn.Show(await MineAsync(turn, year, set, notice));
    }

    /// <summary>The member's card for the year, built from what is stored plus what this turn changed.</summary>
    internal static async Task<AdaptiveCard> MineAsync(Turn turn, int year, CommitmentSet? set, string? notice = null)
    {
        var (_, today) = Today(turn);
        var zone = Zone(turn);
        var commitments = set is null ? [] : Tracked(turn, set, await CommitmentQueries.CommitmentsAsync(turn.Db, set.Id));
        var last = set is null ? null : await CommitmentQueries.LastCheckInAsync(turn.Db, set.UnitId);
        var post = set?.Post ?? await GuessPostAsync(turn);
        var state = CommitmentQueries.StateLine(turn.T, set, set?.SubmittedAt is { } s ? LocalTime.Of(s, zone) : null,
            set?.ReviewedAt is { } r ? LocalTime.Of(r, zone) : null);
        return CommitmentCards.Mine(turn.T, year, set, CommitmentQueries.Views(commitments, set, today, last), post, state, notice,
            current: year == Today(turn).Year);
    }

    public static async Task FormAsync(Turn turn)
    {
        var (year, _) = Today(turn);
        var set = await CommitmentQueries.SetAsync(turn.Db, turn.Member.Id, year);
        if (!await EditableAsync(turn, set, year)) return;
        if (turn.Field("commitmentId") is null)
        {
            if (set is not null && await turn.Db.Set<Commitment>().CountAsync(c => c.SetId == set.Id) >= CommitmentCards.MaxPerSet)
            {
                turn.Notice(turn.T.Format("Commit.TooMany", CommitmentCards.MaxPerSet));
                return;
            }
            var post = set?.Post ?? await GuessPostAsync(turn);
            turn.Show(CommitmentCards.Form(turn.T, year, new(null, null, null, null, null, $"{year}-12-31", post), null));
            return;
        }
        if (await OwnCommitmentAsync(turn, set, "commit.edit") is not { } c) return;
        var values = new CommitmentForm(c.Task, c.Partners, c.Responsibility, c.Result, Milestones.Format(Milestones.Read(c), turn.T),
            c.Deadline.ToString("yyyy-MM-dd"), set!.Post);
        turn.Show(CommitmentCards.Form(turn.T, year, values, c.Id));
    }

    /// <summary>Saves one commitment; every problem comes back on the form at once, with what was typed, and nothing is written.</summary>
    public static async Task SaveAsync(Turn turn)
    {
        var (year, _) = Today(turn);
        var set = await CommitmentQueries.SetAsync(turn.Db, turn.Member.Id, year);
        if (!await EditableAsync(turn, set, year)) return;
        Commitment? existing = null;
        if (turn.Field("commitmentId") is not null && (existing = await OwnCommitmentAsync(turn, set, "commit.edit")) is null) return;

        string? Field(string id) => turn.Field(id)?.Trim() is { Length: > 0 } v ? v : null;
        var values = new CommitmentForm(Field("task"), Field("partners"), Field("responsibility"), Field("result"), Field("milestones"),
            Field("deadline"), Posts.Known(Field("post")));
        var t = turn.T;
        var errors = new FormErrors()
            .When(values.Task is null, t["Commit.TaskRequired"]).When(values.Task is { Length: > 500 }, t.Format("Commit.TooLong", t["Commit.FieldTask"], 500))
            .When(values.Partners is { Length: > 300 }, t.Format("Commit.TooLong", t["Commit.FieldPartners"], 300))
            .When(values.Responsibility is null, t["Commit.ResponsibilityRequired"])
            .When(values.Responsibility is { Length: > 500 }, t.Format("Commit.TooLong", t["Commit.FieldResponsibility"], 500))
            .When(values.Result is null, t["Commit.ResultRequired"]).When(values.Result is { Length: > 500 }, t.Format("Commit.TooLong", t["Commit.FieldResult"], 500));
        var milestones = Milestones.Parse(values.Milestones, t, errors);
        errors.When(values.Milestones is null, t["Commit.MilestonesRequired"]).When(milestones.Count > 16, t["Commit.TooManyMilestones"]);
        var deadlineOk = DateOnly.TryParseExact(values.Deadline, "yyyy-MM-dd", out var deadline);
        errors.When(!deadlineOk, t["Commit.DeadlineRequired"])
            .When(deadlineOk && deadline.Year != year, t.Format("Commit.DeadlineOutsideYear", year))
            .When(deadlineOk && deadline.Year == year && milestones.Any(m => m.Start(year) > deadline), t["Commit.MilestoneAfterDeadline"]);
        if (errors.Text is { } error) { turn.UpdateCard(CommitmentCards.Form(t, year, values, existing?.Id, error)); return; }

        if (set is null)
        {
            if (await CommitmentQueries.CellOfAsync(turn.Db, turn.Member.Id) is not { } cell) { turn.Notice(t["Commit.NoCell"]); return; }
            set = new CommitmentSet
            {
                Id = Guid.NewGuid(), MemberId = turn.Member.Id, UnitId = cell.Id, Year = year, CreatedAt = turn.Now,
                Status = CommitmentStatus.Draft,
            };
            turn.Db.Add(set);
        }
        if (existing is null)
        {
            var stored = await turn.Db.Set<Commitment>().Where(c => c.SetId == set.Id).ToListAsync();
            if (stored.Count >= CommitmentCards.MaxPerSet) { turn.Notice(t.Format("Commit.TooMany", CommitmentCards.MaxPerSet)); return; }
            // The same words saved twice (a double press) are one commitment, changed, not two.
            existing = stored.FirstOrDefault(c => c.Task == values.Task);
        }
        var position = existing?.Position ?? await turn.Db.Set<Commitment>().Where(c => c.SetId == set.Id).Select(c => (int?)c.Position).MaxAsync() + 1 ?? 1;
        var commitment = existing ?? new Commitment { Id = Guid.NewGuid(), SetId = set.Id, CreatedAt = turn.Now, Position = position };
        if (existing is null) turn.Db.Add(commitment);
        (commitment.Task, commitment.Partners, commitment.Responsibility, commitment.Result) = (values.Task!, values.Partners, values.Responsibility!, values.Result!);
        (commitment.Milestones, commitment.Deadline) = (Milestones.Write(milestones), deadline);
        (set.Post, set.UpdatedAt) = (values.Post, turn.Now);
        turn.Audit(existing is null ? "commit.add" : "commit.edit", commitment.Id.ToString());
        turn.UpdateCard(await MineAsync(turn, year, set, t[existing is null ? "Commit.Added" : "Commit.Changed"]));
    }

    public static async Task RemoveAsync(Turn turn)
    {
        var (year, _) = Today(turn);
        var set = await CommitmentQueries.SetAsync(turn.Db, turn.Member.Id, year);
        if (!await EditableAsync(turn, set, year) || await OwnCommitmentAsync(turn, set, "commit.remove") is not { } c) return;
        turn.Db.Remove(c);
        set!.UpdatedAt = turn.Now;
        turn.Audit("commit.remove", c.Id.ToString());
        turn.UpdateCard(await MineAsync(turn, year, set, turn.T.Format("Commit.Removed", CardText.User(c.Task, 100))));
    }

    /// <summary>A set the member may still change: none yet, a draft, or one the secretary returned.</summary>
    private static async Task<bool> EditableAsync(Turn turn, CommitmentSet? set, int year)
    {
        if (set is null or { Status: CommitmentStatus.Draft or CommitmentStatus.Returned }) return true;
        turn.Show(await MineAsync(turn, year, set, turn.T[set.Status == CommitmentStatus.Submitted ? "Commit.WaitingLocked" : "Commit.ApprovedLocked"]));
        return false;
    }

    /// <summary>The commitment a button names, if it is in this member's own set; anyone else's is refused and audited.</summary>
    private static async Task<Commitment?> OwnCommitmentAsync(Turn turn, CommitmentSet? set, string action)
    {
        var id = Guid.TryParse(turn.Field("commitmentId"), out var g) ? g : Guid.Empty;
        var c = await turn.Db.Set<Commitment>().FirstOrDefaultAsync(x => x.Id == id);
        if (c is not null && c.SetId == set?.Id) return c;
        if (c is null) { turn.Notice(turn.T["Commit.Gone"]); return null; }
        turn.Audit(action, id.ToString(), AuditOutcome.Refused);
        turn.Notice(turn.T["Commit.NotYours"]);
        return null;
    }

    /// <summary>Stored rows, with this turn's additions in and removals out: the card is built before the turn is saved.</summary>
    internal static List<Commitment> Tracked(Turn turn, CommitmentSet set, List<Commitment> stored)
    {
        var entries = turn.Db.ChangeTracker.Entries<Commitment>().Where(e => e.Entity.SetId == set.Id).ToList();
        var removed = entries.Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id).ToHashSet();
        return stored.Where(c => !removed.Contains(c.Id))
            .Concat(entries.Where(e => e.State == EntityState.Added).Select(e => e.Entity).Where(a => stored.All(c => c.Id != a.Id)))
            .OrderBy(c => c.Position).ToList();
    }

    private static async Task<string> GuessPostAsync(Turn turn) =>
        Posts.Guess((await CommitmentQueries.CellOfAsync(turn.Db, turn.Member.Id))?.Name, turn.Roles.HoldsAnywhere(Role.Leader));

    internal static (int Year, DateOnly Today) Today(Turn turn)
    {
        var local = turn.Services.GetRequiredService<IOptions<ThemeOptions>>().Value.Local(turn.Now);
        return (local.Year, DateOnly.FromDateTime(local));
    }

    internal static TimeZoneInfo Zone(Turn turn) => turn.Services.GetRequiredService<IOptions<ThemeOptions>>().Value.Zone;

}
