using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;
using StudyBot.Delivery;

namespace StudyBot.Nominations;

/// <summary>
/// `đề cử` / `nominate`: the form, and saving it (stored first, then the cards go out through the outbox in the same
/// transaction). `đề cử của tôi` lists one's own nominations; `đề cử chờ duyệt` sends leaders the pending ones.
/// </summary>
public static class NominationCommands
{
    internal static AgencyOptions Agency(Turn turn) => turn.Services.GetRequiredService<IOptions<AgencyOptions>>().Value;

    private static NominationOptions Options(Turn turn) => turn.Services.GetRequiredService<IOptions<NominationOptions>>().Value;

    private static string Today(Turn turn) => Agency(turn).Local(turn.Now).ToString("yyyy-MM-dd");

    private static bool Picker(Turn turn) => turn.Conversation.ConversationType == "personal";

    public static Task HandleAsync(Turn turn)
    {
        var args = new Arguments(turn.Arguments);
        if (args.After("của tôi", "mine", "my") is not null) return MineAsync(turn);
        if (args.After("chờ duyệt", "pending") is not null) return PendingAsync(turn);
        if (args.After("xuất", "export") is not null) return NominationExport.OfferAsync(turn);
        var card = NominationForm.Card(turn.T, new NominationFormValues(null, args.IsEmpty ? null : args.Text, null, null, null, null),
            Picker(turn), Today(turn));
        turn.Reply(card);
        return Task.CompletedTask;
    }

    public static async Task SaveAsync(Turn turn)
    {
        string? Field(string id) => turn.Field(id)?.Trim() is { Length: > 0 } s ? s : null;
        var v = new NominationFormValues(Field("nominee"), Field("nomineeText"), Field("deed"), Field("date"), Field("category"), Field("note"));
        var today = Today(turn);
        void Back(string error, bool confirm = false) => turn.UpdateCard(NominationForm.Card(turn.T, v, Picker(turn), today, error, confirm));

        if (NominationForm.Check(turn.T, v, DateOnly.Parse(today)) is { } error) { Back(error); return; }
        var (nominee, problem) = await FindNomineeAsync(turn, v);
        if (nominee is null) { Back(problem!); return; }
        if (nominee.Id == turn.Member.Id) { Back(turn.T["Nomination.NotYourself"]); return; }

        var options = Options(turn);
        if (Field("confirmDuplicate") != "true")
        {
            var since = turn.Now.AddDays(-options.DuplicateWindowDays);
            var recent = await turn.Db.Set<Nomination>()
                .Where(n => n.NominatorId == turn.Member.Id && n.NomineeId == nominee.Id && n.CreatedAt >= since).ToListAsync();
            if (recent.FirstOrDefault(n => NominationForm.Similar(n.Deed, v.Deed!)) is { } twin)
            {
                Back(turn.T.Format("Nomination.LikelyDuplicate", twin.Reference, LocalTime.Of(twin.CreatedAt, Agency(turn).Zone).ToString("dd/MM/yyyy")), confirm: true);
                return;
            }
        }

        var year = Agency(turn).Local(turn.Now).Year;
        // The next number of the year; two saves at once collide on the unique index and the turn is retried.
        var last = await turn.Db.Set<Nomination>().Where(n => n.Year == year).MaxAsync(n => (int?)n.Sequence) ?? 0;
        var unitId = await turn.Db.Set<UnitMembership>().Where(m => m.MemberId == nominee.Id)
            .Join(turn.Db.Set<Unit>(), m => m.UnitId, u => u.Id, (m, u) => u).OrderBy(u => u.Name).Select(u => (Guid?)u.Id).FirstOrDefaultAsync();
        var nomination = new Nomination
        {
            Id = Guid.CreateVersion7(), Year = year, Sequence = last + 1, NominatorId = turn.Member.Id, NomineeId = nominee.Id,
            NomineeUnitId = unitId, Deed = v.Deed!, DeedDate = v.Date!, Category = v.Category!, Note = v.Note, CreatedAt = turn.Now,
        };
        turn.Db.Add(nomination);
        var view = await NominationCopies.ViewAsync(turn.Db, nomination, Agency(turn).Zone, default);
        view = view with { Nominee = nominee.Name, Nominator = turn.Member.Name };
        var leaders = await NominationCopies.SendAsync(turn.Db, nomination, view, options, turn.Now, default);
        turn.Audit("nomination.add", nomination.Id.ToString(), detail: nomination.Reference);
        turn.UpdateCard(NominationCards.Summary(turn.T, view, leaders));
    }

    /// <summary>The picker gives an AAD object id; typed text is an email or UPN, or a name that only one person has.</summary>
    private static async Task<(Member?, string?)> FindNomineeAsync(Turn turn, NominationFormValues v)
    {
        if (v.Nominee is { } aad && await MemberDirectory.FindAsync(turn.Db, aad, default) is { } picked) return (picked, null);
        if (v.NomineeText is not { } text) return (null, turn.T["Nomination.NomineeUnknown"]);
        if (await MemberDirectory.FindAsync(turn.Db, text, default) is { } byEmail) return (byEmail, null);
        var folded = CommandText.Fold(text);
        var byName = (await turn.Db.Set<Member>().Where(m => m.ErasedAt == null).ToListAsync())
            .Where(m => CommandText.Fold(m.Name) == folded).ToList();
        return byName.Count switch
        {
            1 => (byName[0], null),
            0 => (null, turn.T.Format("Nomination.NomineeNotFound", CardText.User(text, 200))),
            _ => (null, turn.T.Format("Nomination.NomineeAmbiguous", byName.Count, CardText.User(text, 200))),
        };
    }

    private static async Task MineAsync(Turn turn)
    {
        var mine = await turn.Db.Set<Nomination>().Where(n => n.NominatorId == turn.Member.Id)
            .OrderByDescending(n => n.CreatedAt).Take(20).ToListAsync();
        if (mine.Count == 0) { turn.Reply(turn.T["Nomination.NoneMine"]); return; }
        var nominees = mine.Select(n => n.NomineeId).ToList();
        var names = await turn.Db.Set<Member>().Where(m => nominees.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name);
        var zone = Agency(turn).Zone;
        turn.Reply(turn.T["Nomination.MineTitle"] + string.Concat(mine.Select(n => "\n- " + turn.T.Format("Nomination.MineLine", n.Reference,
            CardText.User(names.GetValueOrDefault(n.NomineeId, ""), 100), LocalTime.Of(n.CreatedAt, zone).ToString("dd/MM/yyyy"),
            turn.T[$"Nomination.Status.{n.Status}"]))));
    }

    /// <summary>
    /// Pending nominations, oldest first, sent again to this leader as cards through the outbox, so these copies
    /// too are changed in place when someone decides.
    /// </summary>
    private static async Task PendingAsync(Turn turn)
    {
        // A typed command gets the plain refusal; only a pressed decision button speaks of "your choice". Admins may read
        // the list (deciding stays with the leaders, checked when a button is pressed).
        if (!NominationDecisions.IsLeader(turn) && !turn.Roles.IsAdmin) { turn.Refuse("nomination.pending", Access.Leaders); return; }
        var pending = await turn.Db.Set<Nomination>().Where(n => n.Status == NominationStatus.Pending)
            .OrderBy(n => n.CreatedAt).Take(10).ToListAsync();
        var total = await turn.Db.Set<Nomination>().CountAsync(n => n.Status == NominationStatus.Pending);
        if (total == 0) { turn.Reply(turn.T["Nomination.NonePending"]); return; }
        foreach (var (n, i) in pending.Select((n, i) => (n, i)))
        {
            var view = await NominationCopies.ViewAsync(turn.Db, n, Agency(turn).Zone, default);
            // A millisecond apart, so they arrive oldest first: rows written in one turn would otherwise tie.
            var row = Outbox.SendTo(turn.Db, turn.Member.Id, CardMessages.Message(NominationCards.Decision(turn.T, view)), turn.Now,
                dueAt: turn.Now.AddMilliseconds(i));
            turn.Db.Add(new NominationCard { NominationId = n.Id, OutboxMessageId = row.Id });
        }
        turn.Reply(turn.T.Format("Nomination.PendingCount", total, pending.Count));
    }
}
