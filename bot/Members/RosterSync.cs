using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Protocol;
using StudyBot.Storage;

namespace StudyBot.Members;

/// <summary>
/// What a sync did; <paramref name="Erased"/> counts people on the roster whose data was erased, left out, and
/// <paramref name="ErasedFirstSeen"/> those of them this unit's sync had not met before (the ones an admin is told of).
/// </summary>
public sealed record RosterResult(int InTeam, int Added, int Removed, int NewPeople, int Erased = 0, int ErasedFirstSeen = 0);

/// <summary>
/// Keeps a unit's membership in step with the roster of the team linked to it. Only memberships that came
/// from the roster are added or removed; people are matched by AAD object id, then UPN, and a person the
/// roster shows is bound to their Teams id, so the bot can reach them without their having written first.
/// </summary>
public sealed class RosterSync(ConnectorClient connector, TimeProvider time, ILogger<RosterSync> logger)
{
    /// <summary>Stages the changes in <paramref name="db"/>; the caller saves them with its own.</summary>
    public async Task<RosterResult> SyncAsync(StudyBotDb db, Unit unit, Team team, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var roster = new List<TeamsMember>();
        await foreach (var m in connector.GetAllMembersAsync(team.ServiceUrl, team.Id, ct)) roster.Add(m);

        var members = await db.Set<Member>().Where(m => m.ErasedAt == null).ToListAsync(ct);
        // Someone erased at their request is not brought back by the roster: only by writing to the bot themselves.
        var tombstones = (await db.Set<Member>().Where(m => m.ErasedKeys != null).Select(m => m.ErasedKeys!).ToListAsync(ct))
            .SelectMany(k => k.Split(';')).ToHashSet(StringComparer.Ordinal);
        var erased = new List<string>();
        var byAad = members.Where(m => m.AadObjectId is not null).ToDictionary(m => m.AadObjectId!, StringComparer.OrdinalIgnoreCase);
        var byUpn = members.Where(m => m.Upn is not null).ToDictionary(m => m.Upn!, StringComparer.Ordinal);
        var inTeam = new HashSet<Guid>();
        var newPeople = 0;
        foreach (var entry in roster)
        {
            var aad = entry.AadObjectId ?? entry.ObjectId;
            var upn = entry.UserPrincipalName?.Trim().ToLowerInvariant();
            var member = (aad is null ? null : byAad.GetValueOrDefault(aad)) ?? (upn is null ? null : byUpn.GetValueOrDefault(upn));
            if (member is null && (tombstones.Contains(ErasedText.Key("aad", aad) ?? "") || tombstones.Contains(ErasedText.Key("upn", upn) ?? "")))
            {
                erased.Add(ErasedText.Key("aad", aad) is { } k && tombstones.Contains(k) ? k : ErasedText.Key("upn", upn)!);
                continue;
            }
            if (member is null)
            {
                member = new Member { Id = Guid.NewGuid(), CreatedAt = now, Name = entry.Name ?? upn ?? "" };
                db.Add(member);
                newPeople++;
            }
            member.AadObjectId ??= aad;
            member.Upn ??= upn;
            member.Email ??= entry.Email?.Trim().ToLowerInvariant();
            member.ChannelUserId ??= entry.Id;
            if (string.IsNullOrWhiteSpace(member.Name) && entry.Name is { } name) member.Name = name;
            inTeam.Add(member.Id);
        }

        var current = await db.Set<UnitMembership>()
            .Where(m => m.UnitId == unit.Id && m.Source == MembershipSource.Roster).ToListAsync(ct);
        var removed = current.Where(m => !inTeam.Contains(m.MemberId)).ToList();
        db.RemoveRange(removed);
        var added = inTeam.Where(id => current.All(m => m.MemberId != id)).ToList();
        foreach (var id in added) db.Add(new UnitMembership { MemberId = id, UnitId = unit.Id, Source = MembershipSource.Roster });
        unit.RosterSyncedAt = now;
        var firstSeen = await FirstSeenAsync(db, unit, erased, now, ct);
        logger.LogInformation("Roster of unit {UnitId}: {Count} in team, {Added} added, {Removed} removed, {Erased} erased left out",
            unit.Id, roster.Count, added.Count, removed.Count, erased.Count);
        return new RosterResult(roster.Count, added.Count, removed.Count, newPeople, erased.Count, firstSeen);
    }

    /// <summary>
    /// Records, once per unit and erased person (by their one-way key, never a name), that the sync left them out: a
    /// daily sync then tells admins of each person once, not every day for as long as the team lists them.
    /// </summary>
    private static async Task<int> FirstSeenAsync(StudyBotDb db, Unit unit, List<string> erasedKeys, DateTime now, CancellationToken ct)
    {
        if (erasedKeys.Count == 0) return 0;
        var targets = erasedKeys.Select(k => $"{unit.Id:N}:{k}").Distinct().ToList();
        var known = await db.Set<AuditEntry>().Where(a => a.Action == LeftOutAction && targets.Contains(a.Target!)).Select(a => a.Target!).ToListAsync(ct);
        var fresh = targets.Except(known).ToList();
        foreach (var target in fresh)
            db.Add(new AuditEntry { Id = Guid.CreateVersion7(), At = now, Action = LeftOutAction, Target = target, Outcome = AuditOutcome.Done });
        return fresh.Count;
    }

    public const string LeftOutAction = "roster.erased.left-out";

    /// <summary>Tells every admin, in their own language, that a scheduled sync left erased people out of a unit.</summary>
    public static async Task TellAdminsAsync(StudyBotDb db, StudyBotOptions options, Unit unit, int count, DateTime now, CancellationToken ct)
    {
        foreach (var admin in await AgencyAdmins.ListAsync(db, options, ct))
        {
            var t = Resources.Texts.For(admin.Language);
            Delivery.Outbox.SendTo(db, admin.Id, Cards.CardMessages.Message(Cards.CardMessages.Notice(t["Unit.SyncHeading"],
                t.Format("Unit.SyncErasedNotice", Cards.CardText.User(unit.Name, 200), count))), now);
        }
    }
}

/// <summary>Brings every linked unit in step with its team once per <c>StudyBot:RosterSyncInterval</c>.</summary>
public sealed class RosterSyncService(IServiceScopeFactory scopes, RosterSync sync, TimeProvider time,
    Microsoft.Extensions.Options.IOptions<StudyBotOptions> options, ILogger<RosterSyncService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // never hold up the start of the service
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(30), time);
        do
        {
            // A failed round (the database or the connector unreachable) is retried by the next one; letting it
            // escape would stop the whole service, since .NET stops the host when a background service throws.
            try { await SyncDueAsync(stoppingToken); }
            catch (Exception ex) when (stoppingToken.IsCancellationRequested || ex is ObjectDisposedException) { return; }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Roster sync round failed; the next round tries again");
            }
        } while (await Hosting.NextTickAsync(timer, stoppingToken));
    }

    /// <summary>Syncs the linked units whose last sync is older than the interval. Returns how many it synced.</summary>
    public async Task<int> SyncDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
        var dueBefore = time.GetUtcNow().UtcDateTime - options.Value.RosterSyncInterval;
        var due = await db.Set<Unit>()
            .Where(u => u.TeamId != null && (u.RosterSyncedAt == null || u.RosterSyncedAt < dueBefore)).ToListAsync(ct);
        var synced = 0;
        foreach (var unit in due)
        {
            var team = await db.Set<Team>().FirstOrDefaultAsync(t => t.Id == unit.TeamId && t.RemovedAt == null, ct);
            if (team is null) continue;
            try
            {
                var result = await sync.SyncAsync(db, unit, team, ct);
                // Nobody asked for this sync, so nobody reads its reply: what it left out goes to the admins instead.
                if (result.ErasedFirstSeen > 0)
                    await RosterSync.TellAdminsAsync(db, options.Value, unit, result.ErasedFirstSeen, time.GetUtcNow().UtcDateTime, ct);
                await db.SaveChangesAsync(ct);
                synced++;
            }
            catch (Exception ex) when (ex is ConnectorException or HttpRequestException)
            {
                logger.LogWarning("Could not read the roster of unit {UnitId}: {Error}", unit.Id, ex.Message);
            }
        }
        return synced;
    }
}
