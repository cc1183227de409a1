using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;

namespace StudyBot.Members;

/// <summary>`vai trò &lt;email|AAD id&gt; &lt;role&gt; [unit]` and `vai trò bỏ …`: admins give and take roles.</summary>
public static class RoleCommands
{
    public static async Task HandleAsync(Turn turn)
    {
        var args = new Arguments(turn.Arguments);
        var remove = args.After("bỏ", "remove");
        var (key, rest) = (remove ?? args).Shift();
        var (role, unitArgs) = rest.ShiftRole();
        if (key.Length == 0 || role is null) { turn.Reply(turn.T["Role.Usage"]); return; }
        if (role == Role.Member) { turn.Reply(turn.T["Role.EveryoneIsMember"]); return; }
        if (role == Role.Secretary && unitArgs.IsEmpty) { turn.Reply(turn.T["Import.SecretaryNeedsUnit"]); return; }

        var member = await MemberDirectory.FindAsync(turn.Db, key, default);
        if (member is null) { turn.Reply(turn.T.Format("Member.NotFound", CardText.User(key, 100))); return; }
        Unit? unit = null;
        if (!unitArgs.IsEmpty && (unit = await UnitCommands.FindOrExplainAsync(turn, unitArgs.Text)) is null) return;

        var existing = await turn.Db.Set<RoleAssignment>()
            .Where(r => r.MemberId == member.Id && r.Role == role && r.UnitId == (unit == null ? null : unit.Id)).ToListAsync();
        var who = CardText.User(member.Name, 100);
        var where = unit is null ? turn.T["Role.Agency"] : turn.T.Format("Role.AtUnit", CardText.User(unit.Name, 200));
        var roleName = turn.T[$"Role.{role}"];
        if (remove is not null)
        {
            if (existing.Count == 0) { turn.Reply(turn.T.Format("Role.NotHeld", who, roleName, where)); return; }
            turn.Db.RemoveRange(existing);
            turn.Audit("role.remove", member.Id.ToString(), detail: $"{role} {unit?.Id}");
            turn.Reply(turn.T.Format("Role.Removed", who, roleName, where));
            return;
        }
        if (existing.Count > 0) { turn.Reply(turn.T.Format("Role.AlreadyHeld", who, roleName, where)); return; }
        turn.Db.Add(new RoleAssignment
        {
            Id = Guid.NewGuid(), MemberId = member.Id, Role = role.Value, UnitId = unit?.Id,
            Source = MembershipSource.Admin, CreatedAt = turn.Now,
        });
        turn.Audit("role.add", member.Id.ToString(), detail: $"{role} {unit?.Id}");
        turn.Reply(turn.T.Format("Role.Added", who, roleName, where));
    }
}
