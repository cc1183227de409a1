using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;

namespace StudyBot.Members;

/// <summary>
/// `vai trò` lists who holds which role; `vai trò &lt;email|AAD id&gt; &lt;role&gt; [unit]` and `vai trò bỏ …`: admins give
/// and take roles.
/// </summary>
public static class RoleCommands
{
    public static async Task HandleAsync(Turn turn)
    {
        var args = new Arguments(turn.Arguments);
        if (args.IsEmpty) { await ListAsync(turn); return; }
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

    /// <summary>
    /// Every stored assignment, admins first, then leaders, then secretaries by unit, and the admins named in settings
    /// (who cannot be removed here), with the command that changes them.
    /// </summary>
    private static async Task ListAsync(Turn turn)
    {
        var rows = await turn.Db.Set<RoleAssignment>()
            .Join(turn.Db.Set<Member>(), a => a.MemberId, m => m.Id, (a, m) => new { a.Role, a.UnitId, m.Name, m.Upn })
            .ToListAsync();
        var units = await turn.Db.Set<Unit>().ToDictionaryAsync(u => u.Id, u => u.Name);
        var text = new System.Text.StringBuilder(turn.T["Role.ListTitle"]);
        foreach (var role in new[] { Role.Admin, Role.Leader, Role.Secretary })
        {
            var held = rows.Where(r => r.Role == role)
                .OrderBy(r => r.UnitId is { } u ? units.GetValueOrDefault(u) : "", StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
            text.Append("\n\n**").Append(turn.T[$"Role.{role}"]).Append("** (").Append(held.Count).Append(')');
            foreach (var r in held)
            {
                text.Append("\n- ").Append(CardText.User(r.Name, 100));
                if (r.Upn is { } upn) text.Append(" · ").Append(CardText.User(upn, 100));
                text.Append(r.UnitId is { } unit ? turn.T.Format("Role.AtUnit", CardText.User(units.GetValueOrDefault(unit) ?? "?", 200)) : "");
            }
        }
        var configured = turn.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StudyBotOptions>>().Value.Admins;
        if (configured.Count > 0)
            text.Append("\n\n").Append(turn.T.Format("Role.ConfiguredAdmins", string.Join(", ", configured.Select(a => CardText.User(a, 100)))));
        text.Append("\n\n").Append(turn.T["Role.Usage"]);
        turn.Reply(text.ToString());
    }
}
