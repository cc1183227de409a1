using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyBot.Members;

/// <summary>A Teams team the bot is installed in: where its roster can be read, and the unit it stands for.</summary>
public sealed class Team
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string ServiceUrl { get; set; } = "";
    public string? TenantId { get; set; }
    public Guid? UnitId { get; set; }
    public DateTime InstalledAt { get; set; }
    public DateTime? RemovedAt { get; set; }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.ToTable("teams");
        b.HasKey(t => t.Id);
        b.Property(t => t.Id).HasMaxLength(256);
        b.Property(t => t.Name).HasMaxLength(256);
        b.Property(t => t.ServiceUrl).HasMaxLength(512);
        b.Property(t => t.TenantId).HasMaxLength(128);
        b.HasIndex(t => t.UnitId);
    }
}
