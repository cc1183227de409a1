using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using StudyBot.Agency;
using StudyBot.Storage;

namespace StudyBot.Conversations.Speed;

/// <summary>
/// The reads every turn makes, compiled once. A LINQ query is otherwise translated again or looked up by its
/// whole expression tree on each call, which was half of a simple turn's CPU.
/// </summary>
/// <remarks>
/// A compiled query keeps what it compiled for the first model it met, and SQLite and PostgreSQL have different
/// models. One process normally has one, but the tests run both side by side, so each model gets its own.
/// </remarks>
internal static class TurnQueries
{
    public static readonly PerModel<Func<StudyBotDb, string, string, CancellationToken, Task<ProcessedActivity?>>> Processed = new(() =>
        EF.CompileAsyncQuery((StudyBotDb db, string conversationId, string activityId, CancellationToken _) =>
            db.Set<ProcessedActivity>().AsNoTracking()
                .FirstOrDefault(p => p.ConversationId == conversationId && p.ActivityId == activityId)));

    public static readonly PerModel<Func<StudyBotDb, string, CancellationToken, Task<Member?>>> MemberByAad = new(() =>
        EF.CompileAsyncQuery((StudyBotDb db, string aadObjectId, CancellationToken _) =>
            db.Set<Member>().FirstOrDefault(m => m.AadObjectId == aadObjectId)));

    public static readonly PerModel<Func<StudyBotDb, string, CancellationToken, Task<Member?>>> MemberByChannelId = new(() =>
        EF.CompileAsyncQuery((StudyBotDb db, string channelUserId, CancellationToken _) =>
            db.Set<Member>().FirstOrDefault(m => m.ChannelUserId == channelUserId)));

    public static readonly PerModel<Func<StudyBotDb, string, CancellationToken, Task<ConversationRecord?>>> Conversation = new(() =>
        EF.CompileAsyncQuery((StudyBotDb db, string conversationId, CancellationToken _) =>
            db.Set<ConversationRecord>().FirstOrDefault(c => c.Id == conversationId)));

    public static readonly PerModel<Func<StudyBotDb, string, string, CancellationToken, Task<DialogState?>>> Dialog = new(() =>
        EF.CompileAsyncQuery((StudyBotDb db, string conversationId, string userId, CancellationToken _) =>
            db.Set<DialogState>().FirstOrDefault(d => d.ConversationId == conversationId && d.UserId == userId)));

    public static readonly PerModel<Func<StudyBotDb, Guid, IAsyncEnumerable<RoleAssignment>>> Roles = new(() =>
        EF.CompileAsyncQuery((StudyBotDb db, Guid memberId) =>
            db.Set<RoleAssignment>().Where(r => r.MemberId == memberId)));

    /// <summary>
    /// The turn's first reads through EF (PostgreSQL, which prepares them on the server), in the order and on the
    /// conditions of <see cref="SqliteTurnReads"/>, so that the turn meets the same rows whichever store it runs on.
    /// </summary>
    public static async Task<TurnRows> ReadAsync(StudyBotDb db, string conversationId, string? activityId, string userId,
        string? aadObjectId, CancellationToken ct)
    {
        if (activityId is not null && await Processed.For(db)(db, conversationId, activityId, ct) is { } processed)
            return new TurnRows(processed, null, null, null, null, null);
        var byAad = aadObjectId is null ? null : await MemberByAad.For(db)(db, aadObjectId, ct);
        var byChannelId = byAad is null || byAad.ChannelUserId != userId ? await MemberByChannelId.For(db)(db, userId, ct) : null;
        var conversation = await Conversation.For(db)(db, conversationId, ct);
        var dialog = await Dialog.For(db)(db, conversationId, userId, ct);
        List<RoleAssignment>? roles = null;
        if ((byAad ?? byChannelId) is { } member)
        {
            roles = [];
            await foreach (var role in Roles.For(db)(db, member.Id).WithCancellation(ct)) roles.Add(role);
        }
        return new TurnRows(null, byAad, byChannelId, conversation, dialog, roles);
    }
}

/// <summary>One compiled query for each store model in the process.</summary>
internal sealed class PerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = new();

    public TQuery For(StudyBotDb db) => _byModel.GetValue(db.Model, _ => compile());
}
