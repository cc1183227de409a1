using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Conversations.Speed;
using StudyBot.Protocol;
using StudyBot.Storage;

namespace StudyBot.Conversations;

/// <summary>
/// Finds (or records) who is speaking and where, refreshing the conversation reference that proactive
/// sends will need, and loads their roles and dialog state. Any activity from a person clears
/// "unreachable". Someone imported by UPN is bound to their Teams identity here, the first time they write.
/// </summary>
/// <summary>An activity whose directory id and Teams id belong to two different people.</summary>
public sealed class IdentityConflict(Guid byDirectoryId, Guid byTeamsId)
    : Exception("The activity's directory id and Teams id belong to two different people")
{
    public Guid ByDirectoryId { get; } = byDirectoryId;
    public Guid ByTeamsId { get; } = byTeamsId;
}

public sealed class TurnLoader(TimeProvider time, ConnectorClient connector, IOptions<StudyBotOptions> options,
    ILogger<TurnLoader> logger)
{
    /// <summary>How stale "last seen" may get; finer would cost a write per turn for nothing anyone reads.</summary>
    private static readonly TimeSpan SeenGranularity = TimeSpan.FromMinutes(5);

    /// <param name="rows">What the turn's first reads found (<see cref="SqliteTurnReads"/>, <see cref="TurnQueries.ReadAsync"/>).</param>
    public async Task<Turn> LoadAsync(Activity activity, StudyBotDb db, TurnRows rows, IServiceProvider services, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var from = activity.From!;
        var member = await FindOrBindMemberAsync(db, activity, rows, now, ct);
        // The directory id names one person, and so does the Teams id: when they name two people StudyBot knows, the
        // activity cannot be trusted to say who is speaking (only forged activities do this). A person met for the first
        // time is not such a case: a concurrent first turn of theirs may have stored them a moment ago, and the save's
        // unique index sends this turn round again to find them.
        if (db.Entry(member).State != EntityState.Added && member.ChannelUserId != from.Id
            && rows.ByChannelId is { } other && other.Id != member.Id)
            throw new IdentityConflict(member.Id, other.Id);
        member.ChannelUserId = from.Id!;
        member.AadObjectId ??= string.IsNullOrEmpty(from.AadObjectId) ? null : from.AadObjectId;
        // The imported name is the agency's record; a Teams display name only fills a gap.
        if (string.IsNullOrWhiteSpace(member.Name) && !string.IsNullOrWhiteSpace(from.Name)) member.Name = from.Name;
        // Written at most every few minutes: a timestamp rewritten on every turn is a write the store must serialise.
        if (member.LastSeenAt is not { } seen || now - seen > SeenGranularity) member.LastSeenAt = now;
        member.Unreachable = false;

        var conversation = RefreshConversation(db, activity, rows, member, now);
        var dialog = Tracked(db, rows.Dialog);
        // The roles read with the rows are those of the member found there, not of one bound by UPN or new here.
        var roles = await LoadRolesAsync(db, member, rows.Roles is { } read && member == (rows.ByAad ?? rows.ByChannelId) ? read : null, ct);
        return new Turn(activity, db, member, conversation, dialog, services, now, roles);
    }

    /// <summary>An entity read outside EF, tracked from here on as if EF had read it (one EF read is tracked already).</summary>
    private static T? Tracked<T>(StudyBotDb db, T? entity) where T : class
    {
        if (entity is not null) db.Attach(entity);
        return entity;
    }

    private async Task<Member> FindOrBindMemberAsync(StudyBotDb db, Activity activity, TurnRows rows, DateTime now, CancellationToken ct)
    {
        var from = activity.From!;
        var members = db.Set<Member>();
        if (Tracked(db, rows.ByAad ?? rows.ByChannelId) is { } found) return found;

        // First contact: the activity carries no UPN, so ask the connector who this is.
        var profile = await TryGetProfileAsync(activity, ct);
        var upn = Normalize(profile?.UserPrincipalName);
        if (upn is not null && await members.FirstOrDefaultAsync(m => m.Upn == upn, ct) is { } imported)
        {
            logger.LogInformation("Bound member {MemberId} to their Teams identity by UPN", imported.Id);
            return imported;
        }
        var created = new Member
        {
            Id = Guid.NewGuid(), Upn = upn, Email = Normalize(profile?.Email), CreatedAt = now,
            Name = from.Name ?? profile?.Name ?? "",
        };
        db.Add(created);
        return created;
    }

    private async Task<TeamsMember?> TryGetProfileAsync(Activity activity, CancellationToken ct)
    {
        try
        {
            return await connector.GetMemberAsync(activity.ServiceUrl!, activity.Conversation!.Id!, activity.From!.Id!, ct);
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException or System.Text.Json.JsonException)
        {
            // Not every client answers this (the Emulator does not); the person is then known by ids alone.
            logger.LogInformation("Could not read the member profile: {Error}", ex.Message);
            return null;
        }
    }

    private static string? Normalize(string? address) =>
        string.IsNullOrWhiteSpace(address) ? null : address.Trim().ToLowerInvariant();

    private static ConversationRecord RefreshConversation(StudyBotDb db, Activity activity, TurnRows rows, Member member, DateTime now)
    {
        var conversationId = activity.Conversation!.Id!;
        var conversation = Tracked(db, rows.Conversation);
        if (conversation is null)
        {
            conversation = new ConversationRecord { Id = conversationId };
            db.Add(conversation);
        }
        conversation.ChannelId = activity.ChannelId!;
        conversation.ServiceUrl = activity.ServiceUrl!;
        conversation.ConversationType = activity.Conversation.ConversationType ?? conversation.ConversationType;
        conversation.TenantId = activity.TenantId ?? conversation.TenantId;
        conversation.BotId = activity.Recipient?.Id ?? conversation.BotId;
        conversation.BotName = activity.Recipient?.Name ?? conversation.BotName;
        conversation.Locale = activity.Locale ?? conversation.Locale;
        if (conversation.UpdatedAt == default || now - conversation.UpdatedAt > SeenGranularity) conversation.UpdatedAt = now;
        if (conversation.ConversationType is null or "personal" && activity.Conversation.IsGroup != true)
        {
            conversation.MemberId = member.Id;
            conversation.UserId = activity.From!.Id;
        }
        return conversation;
    }

    private async Task<RoleSet> LoadRolesAsync(StudyBotDb db, Member member, IReadOnlyList<RoleAssignment>? read, CancellationToken ct)
    {
        var assignments = new List<RoleAssignment>();
        if (read is not null)
            foreach (var assignment in read) assignments.Add(Tracked(db, assignment)!);
        else
            await foreach (var assignment in TurnQueries.Roles.For(db)(db, member.Id).WithCancellation(ct)) assignments.Add(assignment);
        var parents = assignments.Any(a => a.UnitId is not null)
            ? await db.Set<Unit>().ToDictionaryAsync(u => u.Id, u => u.ParentId, ct)
            : new Dictionary<Guid, Guid?>();
        return new RoleSet(assignments, options.Value.IsBootstrapAdmin(member), parents);
    }
}
