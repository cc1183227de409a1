using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Protocol;
using StudyBot.Storage;

namespace StudyBot.Agency;

/// <summary>The person's own row, their units and roles, and the audit entries that name them.</summary>
internal sealed class AgencyPersonalData : IPersonalDataPart
{
    public async Task ExportAsync(StudyBotDb db, Member member, JsonObject export, CancellationToken ct)
    {
        var unitNames = await db.Set<Unit>().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var memberships = await db.Set<UnitMembership>().Where(m => m.MemberId == member.Id).ToListAsync(ct);
        var roles = await db.Set<RoleAssignment>().Where(r => r.MemberId == member.Id).ToListAsync(ct);
        var target = member.Id.ToString();
        var audit = await db.Set<AuditEntry>().Where(a => a.ActorId == member.Id || a.Target == target)
            .OrderBy(a => a.At).ToListAsync(ct);
        export["member"] = JsonSerializer.SerializeToNode(member, WireJson.Options);
        export["units"] = new JsonArray(memberships.Select(m => (JsonNode)new JsonObject
        {
            ["unit"] = unitNames.GetValueOrDefault(m.UnitId), ["source"] = m.Source,
        }).ToArray());
        export["roles"] = new JsonArray(roles.Select(r => (JsonNode)new JsonObject
        {
            ["role"] = r.Role.ToString(), ["unit"] = r.UnitId is { } u ? unitNames.GetValueOrDefault(u) : null,
            ["source"] = r.Source, ["since"] = r.CreatedAt,
        }).ToArray());
        export["audit"] = JsonSerializer.SerializeToNode(audit.Select(a => new { a.At, a.Action, a.Outcome, a.Detail }), WireJson.Options);
    }

    /// <summary>Roles go; unit memberships stay, tied to the anonymous row, so a unit's counts stay true.</summary>
    public async Task EraseAsync(StudyBotDb db, Member member, CancellationToken ct) =>
        db.RemoveRange(await db.Set<RoleAssignment>().Where(r => r.MemberId == member.Id).ToListAsync(ct));
}
