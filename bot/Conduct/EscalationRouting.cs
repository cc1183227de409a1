using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Resources;
using StudyBot.Storage;

namespace StudyBot.Conduct;

/// <summary>Who receives a question: the kind of route, the secretaries' unit, and the people (or the channel).</summary>
public sealed record EscalationRoute(string Kind, Unit? Unit, IReadOnlyList<Member> People, string? Channel)
{
    /// <summary>"Bí Thư Thu, bí thư Chi bộ Thu", and the like, for the asker: they are told who received it.</summary>
    public string Describe(Texts t, Unit? askerUnit)
    {
        var names = Names(People);
        return Kind switch
        {
            EscalationRoutes.Secretary => t.Format("Conduct.ToSecretary", names, Unit!.Name),
            EscalationRoutes.ParentSecretary => t.Format("Conduct.ToParentSecretary", names, Unit!.Name, askerUnit?.Name ?? "—"),
            EscalationRoutes.Channel => t["Conduct.ToChannel"],
            _ => t.Format("Conduct.ToAdmins", names),
        };
    }

    private static string Names(IReadOnlyList<Member> people) =>
        string.Join(", ", people.Take(3).Select(p => p.Name)) + (people.Count > 3 ? ", …" : "");
}

/// <summary>
/// «Hỏi bí thư» goes to the first that exists of: the secretary of the asker's cell, the secretary of a unit above it,
/// the agency's question channel, every admin (given the role, or named in StudyBot:Admins and known to the bot).
/// With none of them, the question is kept and sent as soon as one appears, so it is never asked into the void.
/// </summary>
public static class EscalationRouting
{
    public static async Task<(EscalationRoute Route, Unit? AskerUnit)> ResolveAsync(StudyBotDb db, IServiceProvider services, Guid askerId,
        CancellationToken ct)
    {
        var units = await db.Set<Unit>().AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        var mine = (await db.Set<UnitMembership>().Where(m => m.MemberId == askerId).Select(m => m.UnitId).ToListAsync(ct))
            .Where(units.ContainsKey).Select(id => units[id]).OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
        var secretaries = (await (from r in db.Set<RoleAssignment>()
                    join m in db.Set<Member>() on r.MemberId equals m.Id
                    where r.Role == Role.Secretary && r.UnitId != null && m.ErasedAt == null
                    select new { UnitId = r.UnitId!.Value, Member = m }).AsNoTracking().ToListAsync(ct))
            .GroupBy(x => x.UnitId).ToDictionary(g => g.Key, g => g.Select(x => x.Member).OrderBy(m => m.Name, StringComparer.Ordinal).ToList());

        foreach (var start in mine)
        {
            Unit? current = start;
            for (var depth = 0; current is not null && depth < 32; depth++)
            {
                if (secretaries.TryGetValue(current.Id, out var people))
                    return (new EscalationRoute(depth == 0 ? EscalationRoutes.Secretary : EscalationRoutes.ParentSecretary, current, people, null), start);
                current = current.ParentId is { } parent ? units.GetValueOrDefault(parent) : null;
            }
        }
        var askerUnit = mine.FirstOrDefault();
        if (services.GetRequiredService<IOptions<ConductOptions>>().Value.EscalationConversation is { Length: > 0 } channel)
            return (new EscalationRoute(EscalationRoutes.Channel, null, [], channel), askerUnit);
        var admins = await AgencyAdmins.ListAsync(db, services.GetRequiredService<IOptions<StudyBotOptions>>().Value, ct);
        return (new EscalationRoute(admins.Count > 0 ? EscalationRoutes.Admins : EscalationRoutes.Nobody, null, admins, null), askerUnit);
    }
}
