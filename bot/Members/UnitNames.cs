using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Conversations;
using StudyBot.Storage;

namespace StudyBot.Members;

/// <summary>What a typed unit name matched: the unit, or the units it could mean (none, or several).</summary>
public sealed record UnitMatch(Unit? Unit, IReadOnlyList<Unit> Candidates);

/// <summary>
/// Unit names typed the way commands are typed: case, diacritics and spacing do not matter ("chi bo thu" is "Chi bộ
/// Thu"), and the start of a name is enough when only one unit begins so. An exact name always wins over a prefix.
/// </summary>
public static class UnitNames
{
    public static async Task<UnitMatch> MatchAsync(StudyBotDb db, string typed, CancellationToken ct)
    {
        var units = await db.Set<Unit>().ToListAsync(ct);
        return Match(units, typed);
    }

    public static UnitMatch Match(IReadOnlyList<Unit> units, string typed)
    {
        var wanted = Key(typed);
        if (wanted.Length == 0) return new(null, []);
        var exact = units.Where(u => Key(u.Name) == wanted).ToList();
        if (exact.Count == 1) return new(exact[0], exact);
        var starting = units.Where(u => Key(u.Name).StartsWith(wanted, StringComparison.Ordinal)).OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
        return starting.Count == 1 ? new(starting[0], starting) : new(null, exact.Count > 1 ? exact : starting);
    }

    private static string Key(string name) => CommandText.Fold(CommandText.Normalize(name));
}
