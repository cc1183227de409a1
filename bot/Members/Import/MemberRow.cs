using StudyBot.Agency;

namespace StudyBot.Members.Import;

/// <summary>One valid line of a member file: who, where they belong, and what they may do.</summary>
public sealed record MemberRow(
    int Line,
    string Upn,
    string Name,
    string? Email,
    string? AadObjectId,
    bool IsPartyMember,
    IReadOnlyList<IReadOnlyList<string>> UnitPaths,
    IReadOnlyList<(Role Role, string? Unit)> Roles)
{
    /// <summary>The unit each path ends in: the units the person belongs to.</summary>
    public IEnumerable<string> Units => UnitPaths.Select(p => p[^1]);
}

/// <summary>A problem with one line, said so an admin can fix it.</summary>
public sealed record ImportError(int Line, string Message);
