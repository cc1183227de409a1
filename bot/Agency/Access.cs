namespace StudyBot.Agency;

/// <summary>
/// Which roles may use a command or card verb. The check always reads the stored assignments (and the
/// configured bootstrap admins), never anything a card sent back. Admins may do everything.
/// </summary>
public sealed record Access(IReadOnlyList<Role> AnyOf)
{
    public static readonly Access Anyone = new([]);
    public static readonly Access Admins = new([Role.Admin]);
    public static readonly Access SecretariesAndAdmins = new([Role.Secretary, Role.Admin]);
    public static readonly Access Leaders = new([Role.Leader, Role.Admin]);
    /// <summary>Those who look after more than themselves: a cell's secretary, the leadership, admins.</summary>
    public static readonly Access Supervisors = new([Role.Secretary, Role.Leader, Role.Admin]);

    public bool IsOpen => AnyOf.Count == 0;
}

/// <summary>A person's stored roles, with the unit tree needed to tell whether a unit falls under a scope.</summary>
public sealed class RoleSet(IReadOnlyList<RoleAssignment> assignments, bool bootstrapAdmin,
    IReadOnlyDictionary<Guid, Guid?> unitParents)
{
    public static readonly RoleSet None = new([], false, new Dictionary<Guid, Guid?>());

    public IReadOnlyList<RoleAssignment> Assignments => assignments;

    public bool IsAdmin => bootstrapAdmin || assignments.Any(a => a.Role == Role.Admin && a.UnitId is null);

    /// <summary>Holds <paramref name="role"/> anywhere (any unit, or the agency).</summary>
    public bool HoldsAnywhere(Role role) => IsAdmin || assignments.Any(a => a.Role == role);

    public bool Allows(Access access) => access.IsOpen || access.AnyOf.Any(HoldsAnywhere);

    /// <summary>Holds <paramref name="role"/> for this unit: agency-wide, on the unit, or on a unit above it.</summary>
    public bool Holds(Role role, Guid unitId)
    {
        if (IsAdmin) return true;
        foreach (var a in assignments.Where(a => a.Role == role))
        {
            if (a.UnitId is null) return true;
            // Bounded, so a parent loop in bad data cannot hang a turn.
            Guid? u = unitId;
            for (var depth = 0; u is { } current && depth < 32; depth++, u = unitParents.GetValueOrDefault(current))
                if (current == a.UnitId) return true;
        }
        return false;
    }
}
