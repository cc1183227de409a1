using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Delivery;
using StudyBot.Resources;
using StudyBot.Storage;

namespace StudyBot.Nominations;

/// <summary>
/// Where a nomination's cards go, all through the outbox in the caller's transaction: to the leaders (or the
/// leadership channel), an FYI copy to the nominee's cell secretary; after the decision, every copy is replaced
/// in place, and the nominator (and on good news the nominee) are told.
/// </summary>
public static class NominationCopies
{
    public static async Task<NominationView> ViewAsync(StudyBotDb db, Nomination n, TimeZoneInfo zone, CancellationToken ct)
    {
        var ids = new[] { n.NomineeId, n.NominatorId, n.DecidedBy ?? Guid.Empty };
        var names = await db.Set<Member>().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        var unit = n.NomineeUnitId is { } u ? await db.Set<Unit>().Where(x => x.Id == u).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        DateTime? decidedAt = n.DecidedAt is { } at ? LocalTime.Of(at, zone) : null;
        return new NominationView(n, names.GetValueOrDefault(n.NomineeId, ""), unit, names.GetValueOrDefault(n.NominatorId, ""),
            n.DecidedBy is { } d ? names.GetValueOrDefault(d) : null, decidedAt);
    }

    public static Task<List<Member>> LeadersAsync(StudyBotDb db, CancellationToken ct)
    {
        var leaders = db.Set<RoleAssignment>().Where(r => r.Role == Role.Leader).Select(r => r.MemberId);
        return db.Set<Member>().Where(m => leaders.Contains(m.Id) && m.ErasedAt == null).ToListAsync(ct);
    }

    /// <summary>Sends the decision card to the leadership and the FYI copy to the secretary; returns how many leaders it reaches.</summary>
    public static async Task<int> SendAsync(StudyBotDb db, Nomination n, NominationView view, NominationOptions options, DateTime now, CancellationToken ct)
    {
        var leaders = await LeadersAsync(db, ct);
        if (options.LeadershipConversation is { Length: > 0 } channel)
            Track(db, n, Outbox.SendToConversation(db, channel, Card(Texts.Vietnamese, view, false), now), false);
        else
            foreach (var leader in leaders)
                Track(db, n, Outbox.SendTo(db, leader.Id, Card(new Texts(leader.Language), view, false), now), false);

        if (n.NomineeUnitId is { } unitId)
        {
            var secretaries = db.Set<RoleAssignment>().Where(r => r.Role == Role.Secretary && r.UnitId == unitId).Select(r => r.MemberId);
            foreach (var secretary in await db.Set<Member>().Where(m => secretaries.Contains(m.Id) && m.ErasedAt == null).ToListAsync(ct))
                if (leaders.All(l => l.Id != secretary.Id))
                    Track(db, n, Outbox.SendTo(db, secretary.Id, Card(new Texts(secretary.Language), view, true), now), true);
        }
        return options.LeadershipConversation is { Length: > 0 } ? Math.Max(1, leaders.Count) : leaders.Count;
    }

    /// <summary>A nomination card in a message of its own, raised in the activity feed.</summary>
    private static Protocol.Activity Card(Texts t, NominationView view, bool forInformation) =>
        CardMessages.Message(NominationCards.Decision(t, view, forInformation));

    private static void Track(StudyBotDb db, Nomination n, OutboxMessage row, bool forInformation) =>
        db.Add(new NominationCard { NominationId = n.Id, OutboxMessageId = row.Id, ForInformation = forInformation });

    /// <summary>
    /// After the decision: every copy is changed in place to the decided card. A copy not sent yet also gets the
    /// decided card as its content, so it goes out without buttons; the update then changes nothing visible.
    /// </summary>
    public static async Task ReplaceAllAsync(StudyBotDb db, Nomination n, NominationView view, DateTime now, CancellationToken ct)
    {
        var copies = await db.Set<NominationCard>().Where(c => c.NominationId == n.Id).ToListAsync(ct);
        var rowIds = copies.Select(c => c.OutboxMessageId).ToList();
        var rows = await db.Set<OutboxMessage>().Where(m => rowIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var languages = await db.Set<Member>().Where(m => rows.Values.Select(r => r.MemberId).Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.Language, ct);
        foreach (var copy in copies)
        {
            if (!rows.TryGetValue(copy.OutboxMessageId, out var original)) continue;
            var language = original.MemberId is { } id ? languages.GetValueOrDefault(id, Languages.Vietnamese) : Languages.Vietnamese;
            var content = Card(new Texts(language), view, copy.ForInformation);
            if (original.Status == OutboxStatus.Pending) original.Content = System.Text.Json.JsonSerializer.Serialize(content, Protocol.WireJson.Options);
            Outbox.Replace(db, original, content, now);
        }
    }

    /// <summary>The nominator hears the outcome; on good news the nominee hears it too, with the deed.</summary>
    public static async Task TellAsync(StudyBotDb db, Nomination n, NominationView view, DateTime now, CancellationToken ct)
    {
        var people = await db.Set<Member>().Where(m => m.Id == n.NominatorId || m.Id == n.NomineeId).ToDictionaryAsync(m => m.Id, ct);
        if (people.TryGetValue(n.NominatorId, out var nominator))
            Outbox.SendTo(db, nominator.Id, CardMessages.Message(NominationCards.Outcome(new Texts(nominator.Language), view, toNominee: false)), now);
        if (n.Status != NominationStatus.Declined && people.TryGetValue(n.NomineeId, out var nominee) && nominee.Id != n.NominatorId)
            Outbox.SendTo(db, nominee.Id, CardMessages.Message(NominationCards.Outcome(new Texts(nominee.Language), view, toNominee: true)), now);
    }
}
