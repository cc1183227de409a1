using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyBot.Agency;

/// <summary>What a person may do. Scoped to a unit, or to the whole agency when the unit is null.</summary>
public enum Role
{
    Member,
    /// <summary>Bí thư chi bộ: schedules rounds and reminders for their cell.</summary>
    Secretary,
    /// <summary>Giám đốc or phó giám đốc: decides nominations. Several people may hold it.</summary>
    Leader,
    Admin,
}

public sealed class RoleAssignment
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public Role Role { get; set; }
    public Guid? UnitId { get; set; }
    public string Source { get; set; } = MembershipSource.Import;
    public DateTime CreatedAt { get; set; }
}

/// <summary>The words people use for roles, in both languages.</summary>
public static class RoleNames
{
    private static readonly Dictionary<string, Role> ByWord = new(StringComparer.Ordinal)
    {
        ["thanh vien"] = Role.Member, ["member"] = Role.Member,
        ["bi thu"] = Role.Secretary, ["secretary"] = Role.Secretary,
        ["lanh dao"] = Role.Leader, ["leader"] = Role.Leader, ["giam doc"] = Role.Leader, ["pho giam doc"] = Role.Leader,
        ["quan tri"] = Role.Admin, ["admin"] = Role.Admin,
    };

    public static Role? Parse(string folded) => ByWord.TryGetValue(folded.Trim(), out var role) ? role : null;

    public static string Vietnamese(Role role) => role switch
    {
        Role.Member => "thành viên",
        Role.Secretary => "bí thư",
        Role.Leader => "lãnh đạo",
        Role.Admin => "quản trị",
        _ => role.ToString(),
    };
}

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> b)
    {
        b.ToTable("role_assignments");
        b.HasKey(r => r.Id);
        b.Property(r => r.Role).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Source).HasMaxLength(16);
        b.HasIndex(r => new { r.MemberId, r.Role, r.UnitId });
    }
}
