using System.Text;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;

namespace StudyBot.Members;

/// <summary>
/// `đơn vị` / `unit`: list, add, link to a team, and sync with the team's roster. Admins do all of it; a secretary sees
/// the list of their own units (and those under them) and nothing more.
/// </summary>
public static class UnitCommands
{
    public static async Task HandleAsync(Turn turn)
    {
        var args = new Arguments(turn.Arguments);
        if (args.IsEmpty) await ListAsync(turn);
        else if (!turn.Roles.IsAdmin) turn.Refuse("command.unit", Access.Admins);
        else if (args.After("thêm", "add") is { } add) await AddAsync(turn, add.Text);
        else if (args.After("liên kết", "link") is { } link) await LinkAsync(turn, link.Text);
        else if (args.After("đồng bộ", "sync") is { } sync) await SyncAsync(turn, sync.Text);
        else turn.Reply(turn.T["Unit.Usage"]);
    }

    private static async Task ListAsync(Turn turn)
    {
        var units = (await turn.Db.Set<Unit>().OrderBy(u => u.Name).ToListAsync()).Where(u => turn.Roles.Holds(Role.Secretary, u.Id)).ToList();
        if (units.Count == 0) { turn.Reply(turn.T["Unit.None"]); return; }
        var counts = await turn.Db.Set<UnitMembership>().GroupBy(m => m.UnitId)
            .Select(g => new { g.Key, Count = g.Select(m => m.MemberId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count);
        var text = new StringBuilder(turn.T["Unit.ListTitle"]);
        void Write(Unit unit, int depth)
        {
            text.Append('\n').Append(new string(' ', depth * 2)).Append("- ")
                .Append(turn.T.Format("Unit.ListLine", CardText.User(unit.Name, 200), counts.GetValueOrDefault(unit.Id)));
            if (unit.TeamId is not null) text.Append(turn.T["Unit.ListLinked"]);
            foreach (var child in units.Where(u => u.ParentId == unit.Id)) Write(child, depth + 1);
        }
        foreach (var root in units.Where(u => u.ParentId is null || units.All(p => p.Id != u.ParentId))) Write(root, 0);
        turn.Reply(text.ToString());
    }

    private static async Task AddAsync(Turn turn, string path)
    {
        var names = path.Split('>', StringSplitOptions.TrimEntries);
        if (names.Any(n => n.Length is 0 or > 200)) { turn.Reply(turn.T["Unit.Usage"]); return; }
        Unit? parent = null;
        var created = false;
        foreach (var name in names)
        {
            var unit = await MemberDirectory.FindUnitAsync(turn.Db, name, default);
            if (unit is null)
            {
                unit = new Unit { Id = Guid.NewGuid(), Name = name, ParentId = parent?.Id, CreatedAt = turn.Now };
                turn.Db.Add(unit);
                created = true;
            }
            parent = unit;
        }
        turn.Audit("unit.add", parent!.Id.ToString(), detail: created ? null : "exists");
        turn.Reply(turn.T.Format(created ? "Unit.Added" : "Unit.Exists", CardText.User(parent.Name, 200)));
    }

    private static async Task LinkAsync(Turn turn, string name)
    {
        var teamId = turn.Activity.ChannelData?["team"]?["id"]?.GetValue<string>();
        if (teamId is null) { turn.Reply(turn.T["Unit.LinkNeedsTeam"]); return; }
        if (await FindOrExplainAsync(turn, name, "đơn vị liên kết") is not { } unit) return;

        var team = await turn.Db.Set<Team>().FirstOrDefaultAsync(t => t.Id == teamId);
        if (team is null)
        {
            team = new Team { Id = teamId, InstalledAt = turn.Now };
            turn.Db.Add(team);
        }
        team.Name = turn.Activity.ChannelData?["team"]?["name"]?.GetValue<string>() ?? team.Name;
        team.ServiceUrl = turn.Activity.ServiceUrl!;
        team.TenantId = turn.Activity.TenantId;
        team.UnitId = unit.Id;
        team.RemovedAt = null;
        unit.TeamId = teamId;
        turn.Audit("unit.link", unit.Id.ToString(), detail: teamId);
        await SyncNowAsync(turn, unit, team);
    }

    private static async Task SyncAsync(Turn turn, string name)
    {
        if (await FindOrExplainAsync(turn, name, "đơn vị đồng bộ") is not { } unit) return;
        var team = unit.TeamId is null ? null
            : await turn.Db.Set<Team>().FirstOrDefaultAsync(t => t.Id == unit.TeamId && t.RemovedAt == null);
        if (team is null) { turn.Reply(turn.T.Format("Unit.NotLinked", CardText.User(unit.Name, 200))); return; }
        await SyncNowAsync(turn, unit, team);
    }

    private static async Task SyncNowAsync(Turn turn, Unit unit, Team team)
    {
        try
        {
            var result = await turn.Services.GetRequiredService<RosterSync>().SyncAsync(turn.Db, unit, team, default);
            turn.Audit("unit.sync", unit.Id.ToString(), detail: $"inTeam={result.InTeam} added={result.Added} removed={result.Removed} erased={result.Erased}");
            var text = turn.T.Format("Unit.Synced", CardText.User(unit.Name, 200), result.InTeam, result.Added, result.Removed);
            turn.Reply(result.Erased == 0 ? text : $"{text} {turn.T.Format("Unit.SyncedErased", result.Erased)}");
        }
        catch (Exception ex) when (ex is Protocol.ConnectorException or HttpRequestException)
        {
            turn.Audit("unit.sync", unit.Id.ToString(), AuditOutcome.Failed, ex.Message);
            turn.Reply(turn.T.Format("Unit.SyncFailed", CardText.User(unit.Name, 200)));
        }
    }

    /// <summary>
    /// The unit a typed name means, matched like a command. When it means none or several, the person is shown the units
    /// they may use, as buttons that run <paramref name="command"/> again with the full name, so nobody is sent to a
    /// command they cannot run.
    /// </summary>
    private const int ButtonsShown = 6;

    internal static async Task<Unit?> FindOrExplainAsync(Turn turn, string name, string? command = null)
    {
        if (name.Length == 0) { turn.Reply(turn.T["Unit.Usage"]); return null; }
        var match = await UnitNames.MatchAsync(turn.Db, name, default);
        if (match.Unit is not null) return match.Unit;
        var mine = match.Candidates.Where(u => turn.Roles.Holds(Role.Secretary, u.Id)).ToList();
        if (mine.Count == 1) return mine[0]; // several match, but only one is the person's: that one is meant
        var usable = mine.Count > 1 ? mine.Select(u => u.Name).ToList()
            : (await ManagedUnits.ListAsync(turn.Db, turn.Roles, turn.Member.Id)).Select(u => u.Name).ToList();
        var typed = CardText.User(name, 200);
        if (usable.Count == 0) { turn.Reply(turn.T.Format("Unit.NotFoundNone", typed)); return null; }
        var names = string.Join(", ", usable.Take(40).Select(u => CardText.User(u, 100)));
        var text = turn.T.Format(mine.Count > 1 ? "Unit.Ambiguous" : "Unit.NotFoundChoose", typed, names);
        if (command is null) { turn.Reply(text); return null; }
        var card = new AdaptiveCard().Add(Element.Text(text));
        foreach (var unit in usable.Take(ButtonsShown))
            card.AddAction(CardAction.SendText(CardText.User(unit, 100), $"{command} {unit}"));
        turn.Reply(card);
        return null;
    }
}
