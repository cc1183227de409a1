using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyBot.Agency;

/// <summary>
/// A department, district office or Party cell (chi bộ) of the agency. Units nest by <see cref="ParentId"/>;
/// local times (reminders, rounds) use the unit's time zone. A unit may be linked to a Teams team, whose
/// roster then keeps its membership in step.
/// </summary>
public sealed class Unit
{
    public const string DefaultTimeZone = "Asia/Ho_Chi_Minh";

    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public Guid? ParentId { get; set; }
    public string TimeZone { get; set; } = DefaultTimeZone;
    public string? TeamId { get; set; }
    public DateTime? RosterSyncedAt { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>Who belongs to a unit, and which source said so, so each source only changes its own entries.</summary>
public sealed class UnitMembership
{
    public Guid MemberId { get; set; }
    public Guid UnitId { get; set; }
    public string Source { get; set; } = MembershipSource.Import;
}

public static class MembershipSource
{
    public const string Import = "import";
    public const string Roster = "roster";
    public const string Admin = "admin";
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.ToTable("units");
        b.HasKey(u => u.Id);
        b.Property(u => u.Name).HasMaxLength(200);
        b.Property(u => u.TimeZone).HasMaxLength(64);
        b.Property(u => u.TeamId).HasMaxLength(256);
        b.HasIndex(u => u.Name).IsUnique();
        b.HasIndex(u => u.TeamId);
    }
}

internal sealed class UnitMembershipConfiguration : IEntityTypeConfiguration<UnitMembership>
{
    public void Configure(EntityTypeBuilder<UnitMembership> b)
    {
        b.ToTable("unit_memberships");
        b.HasKey(m => new { m.MemberId, m.UnitId, m.Source });
        b.Property(m => m.Source).HasMaxLength(16);
        b.HasIndex(m => m.UnitId);
    }
}
