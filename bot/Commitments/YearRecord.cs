using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyBot.Commitments;

/// <summary>
/// A member's record of the year (hồ sơ năm): sent near the year's end, confirmed by the member with a self-assessment,
/// and completed by the secretary with a comment and the residential cell's assessment under Quy định 76.
/// </summary>
public sealed class YearRecord
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public Guid UnitId { get; set; }
    public int Year { get; set; }
    public DateTime SentAt { get; set; }
    public string? SelfAssessment { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public string? SecretaryComment { get; set; }
    public Guid? CommentedBy { get; set; }
    public DateTime? CommentedAt { get; set; }
    /// <summary><see cref="Assessment76"/>: whether the residential party cell's assessment has come in, and how it reads.</summary>
    public string Assessment { get; set; } = Assessment76.Pending;
    public string? AssessmentWording { get; set; }
}

/// <summary>The residential cell's assessment of a member under Quy định 76-QĐ/TW, as the secretary records it.</summary>
public static class Assessment76
{
    public const string Pending = "pending";
    public const string Good = "good";
    public const string NotGood = "notgood";
    public const string NotReceived = "none";
    public static readonly string[] Recorded = [Good, NotGood, NotReceived];
}

/// <summary>
/// When a cell asks for progress and sends the year's record. One row per cell; a cell without one uses the defaults
/// (monthly on the 25th at 09:00, the record on 15 December).
/// </summary>
public sealed class CheckInSchedule
{
    public Guid UnitId { get; set; }
    public string Cadence { get; set; } = CheckInCadence.Monthly;
    public int Day { get; set; } = 25;
    public string Time { get; set; } = "09:00";
    /// <summary>Day and month (dd/MM) the record of the year goes out.</summary>
    public string RecordDate { get; set; } = "15/12";
    /// <summary>Grows with each change, so a check-in scheduled under the old settings does nothing.</summary>
    public int Version { get; set; } = 1;
    /// <summary>When the cell was last asked for progress: a commitment not reported since is "not reported".</summary>
    public DateTime? LastSentAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid? UpdatedBy { get; set; }
}

public static class CheckInCadence
{
    public const string Monthly = "monthly";
    public const string Quarterly = "quarterly";
    public const string Off = "off";
}

internal sealed class YearRecordConfiguration : IEntityTypeConfiguration<YearRecord>, IEntityTypeConfiguration<CheckInSchedule>
{
    public void Configure(EntityTypeBuilder<YearRecord> b)
    {
        b.ToTable("year_records");
        b.HasKey(x => x.Id);
        b.Property(x => x.SelfAssessment).HasMaxLength(2000);
        b.Property(x => x.SecretaryComment).HasMaxLength(2000);
        b.Property(x => x.Assessment).HasMaxLength(16);
        b.Property(x => x.AssessmentWording).HasMaxLength(500);
        b.HasIndex(x => new { x.MemberId, x.Year }).IsUnique();
        b.HasIndex(x => new { x.UnitId, x.Year });
    }

    public void Configure(EntityTypeBuilder<CheckInSchedule> b)
    {
        b.ToTable("checkin_schedules");
        b.HasKey(x => x.UnitId);
        b.Property(x => x.Cadence).HasMaxLength(16);
        b.Property(x => x.Time).HasMaxLength(5);
        b.Property(x => x.RecordDate).HasMaxLength(5);
    }
}
