using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Conversations.Speed;
using StudyBot.Storage;

namespace StudyBot.Quiz;

/// <summary>The reads of every quiz answer, compiled once (see <see cref="TurnQueries"/>): a round's answers come in thousands.</summary>
internal static class QuizQueries
{
    public static readonly PerModel<Func<StudyBotDb, Guid, CancellationToken, Task<QuizAttempt?>>> Attempt = new(() =>
        EF.CompileAsyncQuery((StudyBotDb db, Guid id, CancellationToken _) => db.Set<QuizAttempt>().FirstOrDefault(a => a.Id == id)));

    /// <summary>
    /// A round without its questions, untracked: an answer never changes the round, and the questions (tens of
    /// kilobytes) come from <see cref="QuizItem.OfStoredRoundAsync"/>, read once for each version of the round.
    /// </summary>
    public static readonly PerModel<Func<StudyBotDb, Guid, CancellationToken, Task<QuizRound?>>> RoundHead = new(() =>
        EF.CompileAsyncQuery((StudyBotDb db, Guid id, CancellationToken _) => db.Set<QuizRound>().AsNoTracking()
            .Where(r => r.Id == id)
            .Select(r => new QuizRound
            {
                Id = r.Id, UnitId = r.UnitId, Title = r.Title, OpensAt = r.OpensAt, ClosesAt = r.ClosesAt, Items = "",
                Picked = r.Picked, SecondsPerQuestion = r.SecondsPerQuestion, Status = r.Status, Version = r.Version,
                BroadcastId = r.BroadcastId, CreatedBy = r.CreatedBy, CreatedAt = r.CreatedAt, ClosedAt = r.ClosedAt,
            })
            .FirstOrDefault()));

    public static readonly PerModel<Func<StudyBotDb, Guid, int, CancellationToken, Task<string?>>> RoundItems = new(() =>
        EF.CompileAsyncQuery((StudyBotDb db, Guid id, int version, CancellationToken _) => db.Set<QuizRound>()
            .Where(r => r.Id == id && r.Version == version).Select(r => r.Items).FirstOrDefault()));

    public static readonly PerModel<Func<StudyBotDb, Guid, CancellationToken, Task<Unit?>>> Unit = new(() =>
        EF.CompileAsyncQuery((StudyBotDb db, Guid id, CancellationToken _) => db.Set<Unit>().AsNoTracking().FirstOrDefault(u => u.Id == id)));
}
