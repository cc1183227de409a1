using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;
using StudyBot.Protocol;

namespace StudyBot.Conduct;

/// <summary>
/// `hỏi …` / `ask …`, `hỏi của tôi` (one's open questions), for secretaries and admins `hỏi chờ` (questions waiting for
/// them), and for admins `hỏi duyệt` (entries waiting for approval).
/// </summary>
public static class ConductCommands
{
    public static Task HandleAsync(Turn turn)
    {
        var args = new Arguments(turn.Arguments);
        if (args.IsEmpty) { turn.Reply(turn.T["Conduct.Usage"]); return Task.CompletedTask; }
        if (args.Text.Length < 20 && args.After("của tôi", "mine") is { IsEmpty: true }) return MineAsync(turn);
        if (args.Text.Length < 20 && args.After("duyệt", "review") is { IsEmpty: true }) return ReviewAsync(turn);
        if (args.Text.Length < 20 && args.After("chờ", "waiting") is { IsEmpty: true }) return WaitingQuestions.ListAsync(turn);
        return ConductAsk.AnswerAsync(turn, turn.Arguments);
    }

    /// <summary>
    /// Free text is a question, unless it is small talk (a greeting, thanks, "who are you") or chatter the base knows
    /// nothing of ("hôm nay trời mưa to quá"): those get a short answer and what the bot can do, not an offer to bother
    /// the secretary.
    /// </summary>
    public static async Task FreeTextAsync(Turn turn)
    {
        if (SmallTalk.Classify(turn.Text) is { } kind) { turn.Reply(SmallTalk.Card(turn.T, kind)); return; }
        var index = await turn.Services.GetRequiredService<ConductKnowledge>().IndexAsync(turn.Db, default);
        var half = turn.Services.GetRequiredService<IOptions<ConductOptions>>().Value.ConfidenceThreshold / 2;
        var known = index.Search(turn.Text, 1) is [{ } best] && best.Coverage >= half;
        if (!known && (VietnameseText.Terms(turn.Text).Count == 0 || SmallTalk.IsChatter(turn.Text)))
        {
            turn.Reply(SmallTalk.Card(turn.T, SmallTalkKind.Chatter));
            return;
        }
        await ConductAsk.AnswerAsync(turn, turn.Text);
    }

    private static async Task MineAsync(Turn turn)
    {
        var mine = await turn.Db.Set<Escalation>().Where(e => e.AskerId == turn.Member.Id)
            .OrderByDescending(e => e.CreatedAt).Take(10).ToListAsync();
        if (mine.Count == 0) { turn.Reply(turn.T["Conduct.NoneMine"]); return; }
        turn.Reply(turn.T["Conduct.MineTitle"] + string.Concat(mine.Select(e => "\n- " + turn.T.Format(
            e.Status == EscalationStatus.Open ? "Conduct.MineOpen" : "Conduct.MineAnswered", e.Number, CardText.User(e.Question, 200)))));
    }

    private static async Task ReviewAsync(Turn turn)
    {
        if (!turn.Roles.IsAdmin) { turn.Refuse("conduct.review", Access.Admins); return; }
        var pending = await turn.Db.Set<ConductEntry>().Where(e => e.Status == ConductStatus.Pending).OrderBy(e => e.UpdatedAt).Take(10).ToListAsync();
        if (pending.Count == 0) { turn.Reply(turn.T["Conduct.NonePending"]); return; }
        foreach (var entry in pending)
            turn.Reply(ConductCards.Pending(turn.T, entry, JsonSerializer.Deserialize<List<string>>(entry.Questions, WireJson.Options) ?? []));
    }

    public static Task ApproveAsync(Turn turn) => DecideAsync(turn, approve: true);

    public static Task RejectAsync(Turn turn) => DecideAsync(turn, approve: false);

    private static async Task DecideAsync(Turn turn, bool approve)
    {
        var id = turn.Field("entryId");
        var entry = await turn.Db.Set<ConductEntry>().FirstOrDefaultAsync(e => e.Id == id && e.Status == ConductStatus.Pending);
        if (entry is null) { turn.Notice(turn.T["Conduct.NotPending"]); return; }
        (entry.Status, entry.UpdatedAt) = (approve ? ConductStatus.Approved : ConductStatus.Retired, turn.Now);
        if (approve) (entry.ApprovedBy, entry.ApprovedAt) = (turn.Member.Name, turn.Now);
        turn.Services.GetRequiredService<ConductKnowledge>().Invalidate();
        turn.Audit(approve ? "conduct.approve" : "conduct.reject", entry.Id);
        turn.UpdateCard(CardMessages.Notice(turn.T.Format("Conduct.PendingHeading", entry.Id),
            turn.T[approve ? "Conduct.Approved" : "Conduct.Rejected"]));
    }
}
