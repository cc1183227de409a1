using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyBot.Themes;

/// <summary>
/// The yearly study theme (chuyên đề học tập năm) under Chỉ thị 05-CT/TW, for the whole agency. A year with
/// no row has no theme yet. Monthly topics are optional.
/// </summary>
public sealed class StudyTheme
{
    public Guid Id { get; set; }
    public int Year { get; set; }
    public string Title { get; set; } = "";
    public string Directive { get; set; } = "";
    public string? Description { get; set; }
    public string? Link { get; set; }
    /// <summary>Where the wording comes from, shown on the card.</summary>
    public string? Source { get; set; }
    /// <summary>JSON array of {month, topic}.</summary>
    public string Months { get; set; } = "[]";
    /// <summary>"pack" when it came from a content pack, "admin" when set in chat.</summary>
    public string Origin { get; set; } = "pack";
    /// <summary>When what people read last changed; a theme sent before this is due a correction.</summary>
    public DateTime UpdatedAt { get; set; }
    public Guid? UpdatedBy { get; set; }

    /// <summary>Everything a member reads of the theme, to tell a real change from a save or import of the same.</summary>
    public static string Shown(StudyTheme t) => string.Join('\u001f', t.Title, t.Directive, t.Description, t.Link, t.Source, t.Months);
}

public sealed record MonthlyTopic(int Month, string Topic);

/// <summary>A cell's own plan item for a quarter or a month (seed 000: plans by year, quarter and month).</summary>
public sealed class PlanItem
{
    public Guid Id { get; set; }
    public Guid UnitId { get; set; }
    public int Year { get; set; }
    public int? Quarter { get; set; }
    public int? Month { get; set; }
    public string Text { get; set; } = "";
    public Guid CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class ThemeConfiguration : IEntityTypeConfiguration<StudyTheme>, IEntityTypeConfiguration<PlanItem>
{
    public void Configure(EntityTypeBuilder<StudyTheme> b)
    {
        b.ToTable("study_themes");
        b.HasKey(t => t.Id);
        b.Property(t => t.Title).HasMaxLength(500);
        b.Property(t => t.Directive).HasMaxLength(200);
        b.Property(t => t.Description).HasMaxLength(4000);
        b.Property(t => t.Link).HasMaxLength(1000);
        b.Property(t => t.Source).HasMaxLength(500);
        b.Property(t => t.Origin).HasMaxLength(16);
        b.HasIndex(t => t.Year).IsUnique();
    }

    public void Configure(EntityTypeBuilder<PlanItem> b)
    {
        b.ToTable("plan_items");
        b.HasKey(p => p.Id);
        b.Property(p => p.Text).HasMaxLength(1000);
        b.HasIndex(p => new { p.UnitId, p.Year });
    }
}
