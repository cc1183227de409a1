using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyBot.Agency;

/// <summary>
/// Who did (or tried to do) what, when, and how it ended. Written in the same transaction as the change it
/// describes. Targets are ids, not names, so erasing a person does not mean rewriting history.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; }
    public DateTime At { get; set; }
    public Guid? ActorId { get; set; }
    public string Action { get; set; } = "";
    public string? Target { get; set; }
    public string Outcome { get; set; } = AuditOutcome.Done;
    public string? Detail { get; set; }
}

public static class AuditOutcome
{
    public const string Done = "done";
    public const string Refused = "refused";
    public const string Failed = "failed";
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_log");
        b.HasKey(a => a.Id);
        b.Property(a => a.Action).HasMaxLength(64);
        b.Property(a => a.Target).HasMaxLength(256);
        b.Property(a => a.Outcome).HasMaxLength(16);
        b.Property(a => a.Detail).HasMaxLength(2000);
        b.HasIndex(a => a.At);
        b.HasIndex(a => a.ActorId);
    }
}
