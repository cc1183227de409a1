using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyBot.Quiz;

/// <summary>Where a question's answer comes from: an excerpt of "Dân vận", a saying, or a seed article.</summary>
public sealed class QuizSource
{
    /// <summary>The pack's id: E1…E8, S1…S4, seed-000…</summary>
    public string Id { get; set; } = "";
    public string Kind { get; set; } = SourceKinds.Excerpt;
    /// <summary>The title of the work the text comes from.</summary>
    public string Work { get; set; } = "";
    /// <summary>For excerpts and sayings the exact words; for a seed, a summary that is never shown as a quotation.</summary>
    public string Text { get; set; } = "";
    public string Citation { get; set; } = "";
}

public static class SourceKinds
{
    public const string Excerpt = "excerpt";
    public const string Saying = "saying";
    public const string Seed = "seed";
    public const string Document = "document";
    public static readonly string[] All = [Excerpt, Saying, Seed, Document];

    /// <summary>Only excerpts and sayings are shown in quotation marks; the rest are summaries.</summary>
    public static bool IsQuotation(string kind) => kind is Excerpt or Saying;
}

/// <summary>A question in the bank. Rounds copy the questions they use, so editing the bank never changes a round.</summary>
public sealed class QuizQuestion
{
    public string Id { get; set; } = "";
    public string Kind { get; set; } = QuestionKinds.Single;
    public string Category { get; set; } = "";
    public string Prompt { get; set; } = "";
    /// <summary>JSON list: the choices (single choice) or the items in their right order (order).</summary>
    public string Options { get; set; } = "[]";
    /// <summary>The choice index, "true"/"false", or the missing words; empty for order questions.</summary>
    public string Answer { get; set; } = "";
    /// <summary>JSON list of other accepted spellings for fill-in questions.</summary>
    public string Accept { get; set; } = "[]";
    public string SourceId { get; set; } = "";
    public string? Explain { get; set; }
    /// <summary>False once a replacing import left it out: kept for the history that refers to it.</summary>
    public bool Active { get; set; } = true;
    public DateTime UpdatedAt { get; set; }
}

public static class QuestionKinds
{
    public const string Single = "single";
    public const string TrueFalse = "truefalse";
    public const string Fill = "fill";
    public const string Order = "order";
    public static readonly string[] All = [Single, TrueFalse, Fill, Order];
}

public static class QuestionCategories
{
    public const string DanVan = "danvan";
    /// <summary>Tình huống ứng xử, built from the seeds; the conduct-questions feature reuses them.</summary>
    public const string Scenario = "scenario";
    public const string Conduct = "conduct";
}

internal sealed class QuizContentConfiguration : IEntityTypeConfiguration<QuizSource>, IEntityTypeConfiguration<QuizQuestion>
{
    public void Configure(EntityTypeBuilder<QuizSource> b)
    {
        b.ToTable("quiz_sources");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).HasMaxLength(40);
        b.Property(s => s.Kind).HasMaxLength(16);
        b.Property(s => s.Work).HasMaxLength(300);
        b.Property(s => s.Text).HasMaxLength(2000);
        b.Property(s => s.Citation).HasMaxLength(500);
    }

    public void Configure(EntityTypeBuilder<QuizQuestion> b)
    {
        b.ToTable("quiz_questions");
        b.HasKey(q => q.Id);
        b.Property(q => q.Id).HasMaxLength(40);
        b.Property(q => q.Kind).HasMaxLength(16);
        b.Property(q => q.Category).HasMaxLength(40);
        b.Property(q => q.Prompt).HasMaxLength(600);
        b.Property(q => q.Answer).HasMaxLength(200);
        b.Property(q => q.SourceId).HasMaxLength(40);
        b.Property(q => q.Explain).HasMaxLength(1000);
    }
}
