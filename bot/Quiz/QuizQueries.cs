using Microsoft.EntityFrameworkCore;
using StudyBot.Conversations;
using StudyBot.Members;
using StudyBot.Storage;

namespace StudyBot.Quiz;

/// <summary>The reads of every quiz answer, compiled once (see <see cref="TurnQueries"/>): a round's answers come in thousands.</summary>
internal static class QuizQueries
{
    public static readonly PerModel<Func<StudyBotDb, Guid, CancellationToken, Task<QuizAttempt?>>> Attempt = new(() =>
        EF.CompileAsyncQuery((StudyBotDb db, Guid id, CancellationToken _) => db.Set<QuizAttempt>().FirstOrDefault(a => a.Id == id)));

    public static readonly PerModel<Func<StudyBotDb, Guid, CancellationToken, Task<QuizRound?>>> Round = new(() =>
        EF.CompileAsyncQuery((StudyBotDb db, Guid id, CancellationToken _) => db.Set<QuizRound>().FirstOrDefault(r => r.Id == id)));

    public static readonly PerModel<Func<StudyBotDb, Guid, CancellationToken, Task<Unit?>>> Unit = new(() =>
        EF.CompileAsyncQuery((StudyBotDb db, Guid id, CancellationToken _) => db.Set<Unit>().FirstOrDefault(u => u.Id == id)));
}
