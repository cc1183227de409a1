using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;
using StudyBot.Delivery;
using StudyBot.Resources;
using StudyBot.Storage;

namespace StudyBot.Quiz;

/// <summary>
/// An open round as its secretary sees it: who has finished, who has not (and how far they got), and «Nhắc ngay», which
/// sends those who have not finished the invitation again through the outbox, at most once an hour per round.
/// </summary>
public static class RoundProgress
{
    public const string RemindVerb = "round.remindnow";
    public static readonly TimeSpan RemindEvery = Scheduling.OncePer.Hour;

    /// <summary>The reminder the secretary may send, and the one the scheduled job sends before closing.</summary>
    public static async Task<int> RemindUnfinishedAsync(StudyBotDb db, QuizRound round, RoundFacts facts, DateTime now, CancellationToken ct)
    {
        var finished = (await db.Set<QuizAttempt>().Where(a => a.RoundId == round.Id && a.FinishedAt != null)
            .Select(a => a.MemberId).ToListAsync(ct)).ToHashSet();
        var count = 0;
        foreach (var member in (await RoundQueries.AudienceAsync(db, round, ct)).Where(m => !finished.Contains(m.Id)))
        {
            var t = new Texts(member.Language);
            var card = RoundCards.Invitation(t, facts, t.Format("Round.Reminder", LocalTime.Describe(facts.ClosesLocal, t)));
            Outbox.SendTo(db, member.Id, CardMessages.Message(card), now);
            count++;
        }
        return count;
    }

    /// <summary>"Reminded at …; again after …": the next time is always an hour on.</summary>
    public static string Reminded(Texts t, DateTime remindedLocal) => Scheduling.OncePer.Said(t, remindedLocal, RemindEvery);

    public static AdaptiveCard Card(Texts t, RoundFacts facts, RoundResults results, DateTime? remindedLocal, string? notice = null)
    {
        var unfinished = results.Rows.Where(r => r.Attempt?.FinishedAt is null)
            .OrderBy(r => r.Attempt?.Position ?? -1).ThenBy(r => r.Member.Name, StringComparer.Ordinal).ToList();
        var card = new AdaptiveCard()
            .Add(Element.Heading(t.Format("Round.Heading", CardText.User(facts.Title, 200))))
            .Add(Element.Text(t.Format("Round.Progress", results.Rows.Count - unfinished.Count, results.Rows.Count,
                LocalTime.Describe(facts.ClosesLocal, t))));
        if (notice is not null) card.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = notice, ["wrap"] = true, ["color"] = "Good" });
        if (unfinished.Count > 0)
            card.Add(Element.Text(t.Format("Round.Unfinished", unfinished.Count), subtle: true))
                .Add(Element.Facts(unfinished.Take(50).Select(r => (CardText.User(r.Member.Name, 100),
                    r.Attempt is { Position: > 0 } a ? t.Format("Round.AnsweredSoFar", a.Position, a.Count) : t["Round.NotStarted"]))));
        if (unfinished.Count > 50) card.Add(Element.Text(t.Format("Members.More", unfinished.Count - 50), subtle: true));
        if (remindedLocal is { } at) card.Add(Element.Text(Reminded(t, at), subtle: true));
        else if (unfinished.Count > 0)
            card.AddAction(CardAction.Execute(t["Round.RemindNow"], RemindVerb, new JsonObject { ["roundId"] = facts.Id.ToString() }));
        card.Add(Element.Text(t.Format("Round.FullResultsAt", LocalTime.Describe(facts.ClosesLocal, t)), subtle: true));
        return card;
    }

    /// <summary>When this round was last reminded by hand within the hour, read from the audit trail (the record of it).</summary>
    public static Task<DateTime?> LastRemindedAsync(StudyBotDb db, Guid roundId, DateTime now) =>
        Scheduling.OncePer.LastAsync(db, RemindVerb, roundId.ToString(), now, RemindEvery);
}
