using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StudyBot.Conversations;
using StudyBot.Protocol;

namespace StudyBot.Quiz;

/// <summary>`kiểm tra` / `quiz`: up to five questions from the bank, drawn across sources and kinds (<see cref="PracticeDraw"/>), one card at a time, with feedback after each.</summary>
public static class Practice
{
    public const int Size = 5;

    public static async Task StartAsync(Turn turn)
    {
        var questions = await turn.Db.Set<QuizQuestion>().Where(q => q.Active).ToListAsync();
        if (questions.Count == 0) { turn.Reply(turn.T["Quiz.EmptyBank"]); return; }
        var sources = await turn.Db.Set<QuizSource>().ToDictionaryAsync(s => s.Id);
        var items = PracticeDraw.Pick(questions.Select(q => QuizItem.From(q, sources.GetValueOrDefault(q.SourceId) ?? MissingSource(q))).ToList(),
            Size, Random.Shared);
        var attempt = new QuizAttempt
        {
            Id = Guid.CreateVersion7(), MemberId = turn.Member.Id, Items = QuizItem.Serialize(items),
            Order = JsonSerializer.Serialize(Enumerable.Range(0, items.Count), WireJson.Options), Count = items.Count,
            StartedAt = turn.Now, ShownAt = turn.Now,
        };
        turn.Db.Add(attempt);
        var card = QuizCards.Question(turn.T, new QuestionView(attempt.Id, 0, attempt.Count, items[0], null, null));
        turn.Show(card);

        // A round waiting for this person is worth more than practice: offer it alongside.
        foreach (var round in await RoundQueries.OpenForAsync(turn.Db, turn.Member.Id, turn.Now))
            turn.Reply(RoundCards.Invitation(turn.T, await RoundQueries.FactsAsync(turn.Db, round), turn.T["Round.Waiting"]));
    }

    /// <summary>A source removed after the question was imported; the import checks prevent it, but a card must still render.</summary>
    private static QuizSource MissingSource(QuizQuestion q) =>
        new() { Id = q.SourceId, Kind = SourceKinds.Document, Work = q.SourceId, Text = "", Citation = q.SourceId };
}
