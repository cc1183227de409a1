using Microsoft.EntityFrameworkCore;
using System.Text;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;

namespace StudyBot.Members;

/// <summary>
/// `thành viên &lt;đơn vị&gt;` / `members &lt;unit&gt;`: who is in a unit, and who the bot cannot reach yet and why.
/// Admins, and the secretary of that unit (or a unit above it).
/// </summary>
public static class MemberListCommand
{
    private const int Shown = 60;

    public static async Task HandleAsync(Turn turn)
    {
        var unit = turn.Arguments.Length > 0 ? await UnitCommands.FindOrExplainAsync(turn, turn.Arguments, "thành viên")
            : await OwnUnitAsync(turn);
        if (unit is null) return;
        if (!turn.Roles.Holds(Role.Secretary, unit.Id))
        {
            turn.Refuse("command.members", Access.SecretariesAndAdmins, unit.Id.ToString());
            return;
        }
        var members = await UnitRoster.UnitMembersAsync(turn.Db, unit.Id, default);
        var unreachable = members.Where(m => m.Reach is Reach.AppRemoved or Reach.NeverSeen).ToList();
        var text = new StringBuilder(turn.T.Format("Members.Summary", CardText.User(unit.Name, 200), members.Count,
            members.Count - unreachable.Count, unreachable.Count, members.Count(m => m.Member.IsPartyMember)));
        // Those who cannot be reached come first: they are what the admin has to act on.
        foreach (var (member, reach) in members.OrderBy(m => m.Reach is Reach.PersonalChat or Reach.ViaTeam).Take(Shown))
        {
            text.Append(reach is Reach.PersonalChat or Reach.ViaTeam ? "\n- ✅ " : "\n- ").Append(CardText.User(member.Name, 100));
            if (member.Upn is { } upn) text.Append(" (").Append(CardText.User(upn, 100)).Append(')');
            text.Append(": ").Append(turn.T[$"Reach.{reach}"]);
        }
        if (members.Count > Shown) text.Append('\n').Append(turn.T.Format("Members.More", members.Count - Shown));
        turn.Reply(text.ToString());
    }

    /// <summary>With no name: the one unit a secretary holds; else the units they may choose from.</summary>
    private static async Task<Unit?> OwnUnitAsync(Turn turn)
    {
        var own = turn.Roles.IsAdmin ? new List<Guid>() : turn.Roles.Assignments.Where(a => a.Role == Role.Secretary && a.UnitId is not null)
            .Select(a => a.UnitId!.Value).Distinct().ToList();
        if (own.Count == 1 && await turn.Db.Set<Unit>().FindAsync(own[0]) is { } unit) return unit;
        var card = new AdaptiveCard().Add(Element.Text(turn.T["Members.Usage"]));
        foreach (var (name, _) in (await ManagedUnits.ListAsync(turn.Db, turn.Roles, turn.Member.Id)).Take(6))
            card.AddAction(CardAction.SendText(CardText.User(name, 100), $"thành viên {name}"));
        turn.Reply(card);
        return null;
    }
}
