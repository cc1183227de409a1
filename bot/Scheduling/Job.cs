using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyBot.Scheduling;

/// <summary>
/// Work due at a time: a round opening, a reminder, the yearly theme push. Stored, so a restart or another
/// instance finds it; claimed under a lease, so each occurrence runs once. <see cref="Key"/> names an
/// occurrence (e.g. "theme.push:2027"), so scheduling the same occurrence twice makes one job.
/// </summary>
public sealed class Job
{
    public Guid Id { get; set; }
    public string Kind { get; set; } = "";
    public string Payload { get; set; } = "{}";
    public string? Key { get; set; }
    public DateTime DueAt { get; set; }
    public string Status { get; set; } = JobStatus.Pending;
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}

public static class JobStatus
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Done = "done";
    /// <summary>A notification that came due too long ago (downtime) and would now only confuse.</summary>
    public const string Skipped = "skipped";
    public const string Failed = "failed";
}

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> b)
    {
        b.ToTable("jobs");
        b.HasKey(j => j.Id);
        b.Property(j => j.Kind).HasMaxLength(64);
        b.Property(j => j.Key).HasMaxLength(200);
        b.Property(j => j.Status).HasMaxLength(16);
        b.Property(j => j.LeaseOwner).HasMaxLength(64);
        b.Property(j => j.LastError).HasMaxLength(2000);
        b.HasIndex(j => j.Key).IsUnique();
        b.HasIndex(j => new { j.Status, j.DueAt });
    }
}
