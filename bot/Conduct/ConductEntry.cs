using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyBot.Conduct;

/// <summary>
/// A knowledge-base entry: the ways people ask it, a short answer, where the answer comes from, and who approved it.
/// Entries made from a secretary's answer wait as <see cref="ConductStatus.Pending"/> until an admin approves them.
/// </summary>
public sealed class ConductEntry
{
    public string Id { get; set; } = "";
    /// <summary>JSON list of question variants.</summary>
    public string Questions { get; set; } = "[]";
    public string Answer { get; set; } = "";
    /// <summary>The document and article, or the seed article, the answer rests on.</summary>
    public string Citation { get; set; } = "";
    /// <summary>JSON list of tags.</summary>
    public string Tags { get; set; } = "[]";
    /// <summary>JSON list of the ids of what the answer rests on (seed-000, E3…), for admins checking the base.</summary>
    public string Sources { get; set; } = "[]";
    /// <summary>The answer is (partly) "the unit's own rules apply": the bot offers «Hỏi bí thư» under it.</summary>
    public bool UnitRule { get; set; }
    /// <summary>An editors' note on the sourcing, shown to admins, never to members.</summary>
    public string? Note { get; set; }
    public string Status { get; set; } = ConductStatus.Approved;
    public string? ApprovedBy { get; set; }
    public DateTime? ApprovedAt { get; set; }
    /// <summary>"pack" or "escalation".</summary>
    public string Origin { get; set; } = "pack";
    public DateTime UpdatedAt { get; set; }
}

public static class ConductStatus
{
    public const string Approved = "approved";
    public const string Pending = "pending";
    public const string Retired = "retired";
}

/// <summary>"Hữu ích" or "Chưa đúng ý" on an answer: what was asked, what was shown, and what the member thought.</summary>
public sealed class AnswerFeedback
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public string ItemId { get; set; } = "";
    public string Question { get; set; } = "";
    public bool Helpful { get; set; }
    public DateTime At { get; set; }
}

/// <summary>
/// A question the bot could not answer, put to a person: the asker's cell secretary (or the configured channel). It
/// is answered once; the copies of its card are replaced in place with the answer.
/// </summary>
public sealed class Escalation
{
    public Guid Id { get; set; }
    public int Number { get; set; }
    public Guid AskerId { get; set; }
    /// <summary>The unit whose secretary received it; null when nobody is secretary anywhere above the asker.</summary>
    public Guid? UnitId { get; set; }
    /// <summary>The asker's own unit when asked: shown on the card, and whose secretaries (or those above) may answer.</summary>
    public Guid? AskerUnitId { get; set; }
    /// <summary>Who received it (<see cref="EscalationRoutes"/>); "nobody" until a secretary or an admin can be reached.</summary>
    public string RoutedTo { get; set; } = EscalationRoutes.Secretary;
    public string Question { get; set; } = "";
    public string Status { get; set; } = EscalationStatus.Open;
    public Guid? AnsweredBy { get; set; }
    public string? Answer { get; set; }
    public DateTime? AnsweredAt { get; set; }
    /// <summary>JSON list of the outbox rows that carried its card, to replace them once answered.</summary>
    public string Cards { get; set; } = "[]";
    public string? EntryId { get; set; }
    public int Version { get; set; } = 1;
    public DateTime CreatedAt { get; set; }
}

/// <summary>Where «Hỏi bí thư» went, in the order it is tried.</summary>
public static class EscalationRoutes
{
    public const string Secretary = "secretary";
    public const string ParentSecretary = "parent";
    public const string Channel = "channel";
    public const string Admins = "admins";
    public const string Nobody = "nobody";
}

public static class EscalationStatus
{
    public const string Open = "open";
    public const string Answered = "answered";
}

internal sealed class ConductConfiguration :
    IEntityTypeConfiguration<ConductEntry>, IEntityTypeConfiguration<AnswerFeedback>, IEntityTypeConfiguration<Escalation>
{
    public void Configure(EntityTypeBuilder<ConductEntry> b)
    {
        b.ToTable("conduct_entries");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).HasMaxLength(40);
        b.Property(e => e.Answer).HasMaxLength(2000);
        b.Property(e => e.Citation).HasMaxLength(500);
        b.Property(e => e.Status).HasMaxLength(16);
        b.Property(e => e.ApprovedBy).HasMaxLength(200);
        b.Property(e => e.Origin).HasMaxLength(16);
        b.Property(e => e.Note).HasMaxLength(500);
    }

    public void Configure(EntityTypeBuilder<AnswerFeedback> b)
    {
        b.ToTable("answer_feedback");
        b.HasKey(f => f.Id);
        b.Property(f => f.ItemId).HasMaxLength(40);
        b.Property(f => f.Question).HasMaxLength(500);
    }

    public void Configure(EntityTypeBuilder<Escalation> b)
    {
        b.ToTable("escalations");
        b.HasKey(e => e.Id);
        b.Property(e => e.Question).HasMaxLength(1000);
        b.Property(e => e.Status).HasMaxLength(16);
        b.Property(e => e.Answer).HasMaxLength(2000);
        b.Property(e => e.EntryId).HasMaxLength(40);
        b.Property(e => e.RoutedTo).HasMaxLength(16);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => e.Number).IsUnique();
        b.HasIndex(e => new { e.AskerId, e.Status });
    }
}
