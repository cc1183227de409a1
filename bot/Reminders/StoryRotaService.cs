using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Delivery;
using StudyBot.Resources;
using StudyBot.Storage;

namespace StudyBot.Reminders;

/// <summary>Picks storytellers fairly and asks them privately; see <see cref="RotaEntry"/> for the rule.</summary>
public static class StoryRotaService
{
    public const string AcceptVerb = "story.accept";
    public const string DeclineVerb = "story.decline";
    public const string SwapVerb = "story.swap";
    public const string SwapAcceptVerb = "story.swap.accept";
    public const string SwapDeclineVerb = "story.swap.decline";

    /// <summary>The unit's Party members, each with a rota entry; newcomers are added at the end.</summary>
    public static async Task<List<RotaEntry>> EntriesAsync(StudyBotDb db, Reminder reminder, CancellationToken ct)
    {
        var party = await db.Set<UnitMembership>().Where(m => m.UnitId == reminder.UnitId)
            .Join(db.Set<Member>(), m => m.MemberId, p => p.Id, (m, p) => p)
            .Where(p => p.IsPartyMember && p.ErasedAt == null).Select(p => new { p.Id, p.Name }).Distinct().ToListAsync(ct);
        // Through the context's local view, so entries added earlier in this unit of work (not yet saved) count.
        await db.Set<RotaEntry>().Where(e => e.ReminderId == reminder.Id).LoadAsync(ct);
        var entries = db.Set<RotaEntry>().Local.Where(e => e.ReminderId == reminder.Id).ToList();
        var end = entries.Count == 0 ? 0 : entries.Max(e => e.Position);
        // A newcomer starts level with the fewest turns so far, placed last: they join the round under way at its
        // end, rather than jumping ahead for having had no turn. The first fill is alphabetical, so the order is plain.
        var level = entries.Count == 0 ? 0 : entries.Min(e => e.Turns);
        foreach (var p in party.Where(p => entries.All(e => e.MemberId != p.Id)).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var entry = new RotaEntry { ReminderId = reminder.Id, MemberId = p.Id, Position = ++end, Turns = level };
            db.Add(entry);
            entries.Add(entry);
        }
        var present = party.Select(p => p.Id).ToHashSet();
        return entries.Where(e => present.Contains(e.MemberId)).ToList();
    }

    public static void MoveToEnd(IEnumerable<RotaEntry> entries, RotaEntry entry) => entry.Position = entries.Max(e => e.Position) + 1;

    /// <summary>Asks the next member (fewest turns, then earliest place) not yet passed over for this meeting.</summary>
    public static async Task<StoryAssignment?> AskNextAsync(StudyBotDb db, Reminder reminder, DateTime due, DateTime now, CancellationToken ct)
    {
        var entries = await EntriesAsync(db, reminder, ct);
        var passed = await db.Set<StoryAssignment>().Where(a => a.ReminderId == reminder.Id && a.OccurrenceDue == due)
            .Select(a => a.MemberId).ToListAsync(ct);
        var next = entries.Where(e => !passed.Contains(e.MemberId)).OrderBy(e => e.Turns).ThenBy(e => e.Position).FirstOrDefault();
        if (next is null) return null;
        var assignment = new StoryAssignment
        {
            Id = Guid.CreateVersion7(), ReminderId = reminder.Id, OccurrenceDue = due, MemberId = next.MemberId,
            Status = StoryStatus.Asked, AskedAt = now,
        };
        db.Add(assignment);
        await SendAskAsync(db, reminder, assignment, now, ct);
        return assignment;
    }

    public static async Task SendAskAsync(StudyBotDb db, Reminder reminder, StoryAssignment assignment, DateTime now, CancellationToken ct)
    {
        var unit = await db.Set<Unit>().FirstAsync(u => u.Id == reminder.UnitId, ct);
        var member = await db.Set<Member>().FirstAsync(m => m.Id == assignment.MemberId, ct);
        var colleagues = (await EntriesAsync(db, reminder, ct)).Where(e => e.MemberId != member.Id).Select(e => e.MemberId).ToList();
        var names = await db.Set<Member>().Where(m => colleagues.Contains(m.Id)).OrderBy(m => m.Name)
            .Select(m => new { m.Id, m.Name }).ToListAsync(ct);
        var t = new Texts(member.Language);
        var local = LocalTime.Of(assignment.OccurrenceDue, LocalTime.Zone(unit));
        var card = StoryCards.Ask(t, assignment.Id, reminder.Text, local, unit.Name, names.Select(n => (n.Name, n.Id)).ToList());
        Outbox.SendTo(db, member.Id, CardMessages.Message(card), now);
    }

    public static void SendSwapRequest(StudyBotDb db, Texts t, Reminder reminder, StoryAssignment assignment, Member from, Member to,
        DateTime local, DateTime now)
    {
        var card = StoryCards.SwapRequest(t, assignment.Id, from.Name, reminder.Text, local);
        Outbox.SendTo(db, to.Id, CardMessages.Message(card), now);
    }

    public static void Tell(StudyBotDb db, Member member, string text, DateTime now) =>
        Outbox.SendTo(db, member.Id, new Protocol.Activity { Type = "message", Text = text, TextFormat = "markdown" }, now);
}

/// <summary>Three days before a meeting with the rota on: ask the next storyteller. State, so it runs even late, unless the meeting has passed.</summary>
public sealed class StoryAskJob(TimeProvider time) : Scheduling.IJobHandler
{
    public string Kind => ReminderSchedule.AskKind;
    public Scheduling.CatchUp CatchUp => Scheduling.CatchUp.Always;

    public async Task RunAsync(Scheduling.Job job, IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<StudyBotDb>();
        var payload = Scheduling.Jobs.Read<OccurrencePayload>(job);
        var now = time.GetUtcNow().UtcDateTime;
        var reminder = await db.Set<Reminder>().FirstOrDefaultAsync(r => r.Id == payload.ReminderId, ct);
        if (reminder is null || reminder.Cancelled || reminder.Paused || !reminder.StoryRota || reminder.Version != payload.Version) return;
        if (payload.DueAt <= now) return;
        if (await db.Set<StoryAssignment>().AnyAsync(a => a.ReminderId == reminder.Id && a.OccurrenceDue == payload.DueAt, ct)) return;
        await StoryRotaService.AskNextAsync(db, reminder, payload.DueAt, now, ct);
        await db.SaveChangesAsync(ct);
    }
}
