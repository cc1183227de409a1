using Microsoft.Extensions.Options;
using StudyBot.Conversations;

namespace StudyBot.Conduct;

/// <summary>
/// Answering: `hỏi …` or any free text. A sure match is answered with its source; otherwise the bot offers the
/// closest questions and "Hỏi bí thư" instead of guessing. Feedback is stored; "Chưa đúng ý" offers the secretary.
/// </summary>
public static class ConductAsk
{
    public static async Task AnswerAsync(Turn turn, string question)
    {
        var options = turn.Services.GetRequiredService<IOptions<ConductOptions>>().Value;
        var index = await turn.Services.GetRequiredService<ConductKnowledge>().IndexAsync(turn.Db, default);
        var matches = index.Search(question, 3);
        if (matches.Count > 0 && matches[0].Coverage >= options.ConfidenceThreshold)
        {
            // Related: the next candidates that share a good part of the question.
            var related = matches.Skip(1).Where(m => m.Coverage >= options.ConfidenceThreshold / 2).Select(m => m.Item).ToList();
            // Where the answer leaves the detail to the unit's rules, the secretary is one press away.
            turn.Reply(ConductCards.Answer(turn.T, question, matches[0].Item, related, offerSecretary: matches[0].Item.UnitRule));
            return;
        }
        var closest = matches.Where(m => m.Coverage >= options.ConfidenceThreshold / 2).Select(m => m.Item).ToList();
        turn.Reply(ConductCards.Unsure(turn.T, question, closest));
    }

    private static async Task<KnowledgeItem?> ItemAsync(Turn turn)
    {
        var id = turn.Field("itemId");
        var index = await turn.Services.GetRequiredService<ConductKnowledge>().IndexAsync(turn.Db, default);
        var item = id is null ? null : index.Find(id);
        if (item is null) turn.Notice(turn.T["Action.Unknown"]);
        return item;
    }

    private static string Question(Turn turn) => turn.Field("question") is { Length: > 0 } q ? q[..Math.Min(q.Length, 500)] : "";

    /// <summary>A related question or a suggestion pressed: its answer, in place of the card.</summary>
    public static async Task ShowAsync(Turn turn)
    {
        if (await ItemAsync(turn) is not { } item) return;
        turn.UpdateCard(ConductCards.Answer(turn.T, Question(turn) is { Length: > 0 } q ? q : item.Questions[0], item, [], offerSecretary: item.UnitRule));
    }

    public static async Task HelpfulAsync(Turn turn)
    {
        if (await ItemAsync(turn) is not { } item) return;
        Record(turn, item, helpful: true);
        turn.UpdateCard(ConductCards.Answer(turn.T, Question(turn), item, [], notice: turn.T["Conduct.Thanks"], feedback: false));
    }

    public static async Task UnhelpfulAsync(Turn turn)
    {
        if (await ItemAsync(turn) is not { } item) return;
        Record(turn, item, helpful: false);
        turn.UpdateCard(ConductCards.Answer(turn.T, Question(turn), item, [], offerSecretary: true, notice: turn.T["Conduct.SorryAsk"], feedback: false));
    }

    private static void Record(Turn turn, KnowledgeItem item, bool helpful) => turn.Db.Add(new AnswerFeedback
    {
        Id = Guid.CreateVersion7(), MemberId = turn.Member.Id, ItemId = item.Id, Question = Question(turn), Helpful = helpful, At = turn.Now,
    });
}
