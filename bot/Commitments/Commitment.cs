using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyBot.Commitments;

/// <summary>
/// A member's registration to follow (đăng ký làm theo) for one year: one set per member and year, sent to their cell's
/// secretary, who approves it or returns it with a comment. Only approved sets are asked for progress.
/// </summary>
public sealed class CommitmentSet
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    /// <summary>The cell whose secretary reviews it: the member's cell when the set was started.</summary>
    public Guid UnitId { get; set; }
    public int Year { get; set; }
    /// <summary>The kind of post the member chose (<see cref="Posts"/>), for the example the card shows.</summary>
    public string Post { get; set; } = Posts.Other;
    public string Status { get; set; } = CommitmentStatus.Draft;
    public DateTime? SubmittedAt { get; set; }
    public string? ReviewComment { get; set; }
    public Guid? ReviewedBy { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public static class CommitmentStatus
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string Approved = "approved";
    public const string Returned = "returned";
}

/// <summary>One commitment by the 4 Rõ, with its Rõ tiến độ: milestones and a deadline, and the latest progress.</summary>
public sealed class Commitment
{
    public Guid Id { get; set; }
    public Guid SetId { get; set; }
    public int Position { get; set; }
    /// <summary>Rõ việc: what will be done.</summary>
    public string Task { get; set; } = "";
    /// <summary>Rõ người: who else works on it, beside the member; null for the member alone.</summary>
    public string? Partners { get; set; }
    /// <summary>Rõ trách nhiệm: the member's own part.</summary>
    public string Responsibility { get; set; } = "";
    /// <summary>Rõ kết quả: the result, measurable.</summary>
    public string Result { get; set; } = "";
    /// <summary>Rõ tiến độ: JSON array of {period: "q2" or "m6", percent, note?}.</summary>
    public string Milestones { get; set; } = "[]";
    /// <summary>The last day, in the agency's calendar.</summary>
    public DateOnly Deadline { get; set; }
    public int? Percent { get; set; }
    public string? Note { get; set; }
    public DateTime? ReportedAt { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>Every progress report, kept: the record of the year shows how a commitment went, not only where it ended.</summary>
public sealed class ProgressReport
{
    public Guid Id { get; set; }
    public Guid CommitmentId { get; set; }
    public Guid MemberId { get; set; }
    public int Percent { get; set; }
    public string? Note { get; set; }
    public DateTime At { get; set; }
}

internal sealed class CommitmentConfiguration :
    IEntityTypeConfiguration<CommitmentSet>, IEntityTypeConfiguration<Commitment>, IEntityTypeConfiguration<ProgressReport>
{
    public void Configure(EntityTypeBuilder<CommitmentSet> b)
    {
        b.ToTable("commitment_sets");
        b.HasKey(x => x.Id);
        b.Property(x => x.Post).HasMaxLength(16);
        b.Property(x => x.Status).HasMaxLength(16);
        b.Property(x => x.ReviewComment).HasMaxLength(1000);
        // One set per member and year: a second registration edits the first.
        b.HasIndex(x => new { x.MemberId, x.Year }).IsUnique();
        b.HasIndex(x => new { x.UnitId, x.Year });
    }

    public void Configure(EntityTypeBuilder<Commitment> b)
    {
        b.ToTable("commitments");
        b.HasKey(x => x.Id);
        b.Property(x => x.Task).HasMaxLength(500);
        b.Property(x => x.Partners).HasMaxLength(300);
        b.Property(x => x.Responsibility).HasMaxLength(500);
        b.Property(x => x.Result).HasMaxLength(500);
        b.Property(x => x.Milestones).HasMaxLength(2000);
        b.Property(x => x.Note).HasMaxLength(500);
        b.HasIndex(x => x.SetId);
    }

    public void Configure(EntityTypeBuilder<ProgressReport> b)
    {
        b.ToTable("progress_reports");
        b.HasKey(x => x.Id);
        b.Property(x => x.Note).HasMaxLength(500);
        b.HasIndex(x => x.CommitmentId);
    }
}
