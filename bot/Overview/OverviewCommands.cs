using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;

namespace StudyBot.Overview;

/// <summary>
/// `tổng quan` / `overview`: what needs looking at now, in one card. Leaders and admins see the agency and may open any
/// cell; a secretary sees their own cell (and the units under it); a member sees their own round, meetings and
/// commitments. Who sees what is read from the stored roles, never from the card.
/// </summary>
public static class OverviewCommands
{
    public const string CellVerb = "overview.cell";

    public static async Task HandleAsync(Turn turn)
    {
        // It names who has not finished or is behind: for the person asking, not for a whole channel.
        if (turn.Conversation.ConversationType != "personal") { turn.Reply(turn.T["Overview.PersonalChatOnly"]); return; }
        if (turn.Roles.IsAdmin || turn.Roles.HoldsAnywhere(Role.Leader)) { await AgencyAsync(turn); return; }
        var managed = await ManagedUnits.ListAsync(turn.Db, turn.Roles, turn.Member.Id);
        if (managed.Count > 0) { await CellAsync(turn, managed[0], managed); return; }
        var mine = await turn.Db.Set<UnitMembership>().Where(m => m.MemberId == turn.Member.Id).Select(m => m.UnitId).ToListAsync();
        var blocks = await BlocksAsync(turn, mine, (p, s) => p.MemberAsync(s, default));
        turn.Reply(OverviewCards.Card(turn.T, turn.T.Format("Overview.MineTitle", CardText.User(turn.Member.Name, 100)), blocks, await ChartLinksAsync(turn, blocks)));
    }

    /// <summary>A cell from the card's list: any cell for leaders and admins, the cells they manage for a secretary.</summary>
    public static async Task CellVerbAsync(Turn turn)
    {
        if (turn.Conversation.ConversationType != "personal") { turn.Notice(turn.T["Overview.PersonalChatOnly"]); return; }
        var agency = turn.Roles.IsAdmin || turn.Roles.HoldsAnywhere(Role.Leader);
        var choices = agency ? await AllUnitsAsync(turn) : await ManagedUnits.ListAsync(turn.Db, turn.Roles, turn.Member.Id);
        var wanted = Guid.TryParse(turn.Field("unit"), out var u) ? u : Guid.Empty;
        if (choices.FirstOrDefault(c => c.Id == wanted) is not { Name: not null } unit) { turn.Refuse(CellVerb, Access.SecretariesAndAdmins, wanted.ToString()); return; }
        await CellAsync(turn, unit, choices);
    }

    private static async Task CellAsync(Turn turn, (string Name, Guid Id) unit, List<(string Name, Guid Id)> choices)
    {
        var units = await WithUnitsUnderAsync(turn, unit.Id);
        var blocks = await BlocksAsync(turn, units, (p, s) => p.CellAsync(s, default), acts: turn.Roles.Holds(Role.Secretary, unit.Id));
        var card = OverviewCards.Card(turn.T, turn.T.Format("Overview.CellTitle", CardText.User(unit.Name, 100)), blocks, await ChartLinksAsync(turn, blocks));
        OverviewCards.AddCellChoice(card, turn.T, choices, unit.Id);
        turn.Show(card);
    }

    private static async Task AgencyAsync(Turn turn)
    {
        var units = await AllUnitsAsync(turn);
        var blocks = await BlocksAsync(turn, units.Select(u => u.Id).ToList(), (p, s) => p.AgencyAsync(s, default));
        var card = OverviewCards.Card(turn.T, turn.T["Overview.AgencyTitle"], blocks, await ChartLinksAsync(turn, blocks));
        if (units.Count > 0) OverviewCards.AddCellChoice(card, turn.T, units, units[0].Id);
        turn.Show(card);
    }

    private static async Task<List<OverviewBlock>> BlocksAsync(Turn turn, IReadOnlyList<Guid> units,
        Func<IOverviewPart, OverviewScope, Task<OverviewBlock?>> read, bool acts = true)
    {
        var zone = turn.Services.GetRequiredService<IOptions<AgencyOptions>>().Value.Zone;
        var scope = new OverviewScope(turn.Db, turn.Member, units, turn.Now, zone, turn.T, acts);
        var blocks = new List<OverviewBlock>();
        foreach (var part in turn.Services.GetServices<IOverviewPart>())
            // A leader reading a cell gets no buttons: each would be refused to them.
            if (await read(part, scope) is { Lines.Count: > 0 } block) blocks.Add(acts ? block : block with { Action = null });
        return blocks.OrderBy(b => b.Order).ToList();
    }

    /// <summary>A signed, short-lived link for each block's chart: made for this person, expiring with the card's moment.</summary>
    private static async Task<Dictionary<ChartSpec, string>> ChartLinksAsync(Turn turn, IEnumerable<OverviewBlock> blocks)
    {
        var links = turn.Services.GetRequiredService<Downloads.SignedLinks>();
        var result = new Dictionary<ChartSpec, string>(ReferenceEqualityComparer.Instance);
        foreach (var chart in blocks.Select(b => b.Chart).OfType<ChartSpec>()) result[chart] = await Downloads.Charts.LinkAsync(links, chart, turn.Now, default);
        return result;
    }

    private static async Task<List<(string Name, Guid Id)>> AllUnitsAsync(Turn turn) =>
        (await turn.Db.Set<Unit>().OrderBy(u => u.Name).Select(u => new { u.Name, u.Id }).ToListAsync()).Select(u => (u.Name, u.Id)).ToList();

    /// <summary>The unit and every unit under it: a secretary of a district's party organisation sees its cells too.</summary>
    private static async Task<List<Guid>> WithUnitsUnderAsync(Turn turn, Guid unitId)
    {
        var all = await turn.Db.Set<Unit>().Select(u => new { u.Id, u.ParentId }).ToListAsync();
        var found = new List<Guid> { unitId };
        for (var i = 0; i < found.Count && found.Count < 500; i++) found.AddRange(all.Where(u => u.ParentId == found[i]).Select(u => u.Id));
        return found;
    }

}
