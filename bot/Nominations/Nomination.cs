using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyBot.Nominations;

/// <summary>
/// A good deed (người tốt, việc tốt) someone named. Stored before any card goes out; decided once: the decision
/// changes <see cref="Status"/> and <see cref="Version"/> together, and a second decision made from the same
/// version fails its save and finds the first.
/// </summary>
public sealed class Nomination
{
    public Guid Id { get; set; }
    public int Year { get; set; }
    /// <summary>Counts up within the year: ĐC-2026-0007.</summary>
    public int Sequence { get; set; }
    public Guid NominatorId { get; set; }
    public Guid NomineeId { get; set; }
    /// <summary>The nominee's unit when nominated, so the card and the monthly counts do not move if they change unit.</summary>
    public Guid? NomineeUnitId { get; set; }
    public string Deed { get; set; } = "";
    /// <summary>The day it happened, yyyy-MM-dd: a calendar date, not an instant.</summary>
    public string DeedDate { get; set; } = "";
    public string Category { get; set; } = NominationCategories.Other;
    public string? Note { get; set; }
    public string Status { get; set; } = NominationStatus.Pending;
    public Guid? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionReason { get; set; }
    public int Version { get; set; } = 1;
    public DateTime CreatedAt { get; set; }

    public string Reference => $"ĐC-{Year}-{Sequence:D4}";
}

public static class NominationStatus
{
    public const string Pending = "pending";
    public const string Commended = "commended";
    public const string Proposed = "proposed";
    public const string Declined = "declined";
}

public static class NominationCategories
{
    public const string Files = "files";
    public const string Citizens = "citizens";
    public const string Colleagues = "colleagues";
    public const string Movements = "movements";
    public const string Other = "other";
    public static readonly string[] All = [Files, Citizens, Colleagues, Movements, Other];
}

/// <summary>One copy of a nomination's card (a leader's, the channel's, a secretary's FYI): the outbox row that carried it.</summary>
public sealed class NominationCard
{
    public Guid NominationId { get; set; }
    public Guid OutboxMessageId { get; set; }
    /// <summary>An FYI copy shows the nomination without the decision buttons.</summary>
    public bool ForInformation { get; set; }
}

internal sealed class NominationConfiguration : IEntityTypeConfiguration<Nomination>, IEntityTypeConfiguration<NominationCard>
{
    public void Configure(EntityTypeBuilder<Nomination> b)
    {
        b.ToTable("nominations");
        b.HasKey(n => n.Id);
        b.Property(n => n.Deed).HasMaxLength(2000);
        b.Property(n => n.DeedDate).HasMaxLength(10);
        b.Property(n => n.Category).HasMaxLength(16);
        b.Property(n => n.Note).HasMaxLength(1000);
        b.Property(n => n.Status).HasMaxLength(16);
        b.Property(n => n.DecisionReason).HasMaxLength(1000);
        b.Property(n => n.Version).IsConcurrencyToken();
        b.Ignore(n => n.Reference);
        // Two nominations saved at once cannot take the same number: the second save fails and the turn retries.
        b.HasIndex(n => new { n.Year, n.Sequence }).IsUnique();
        b.HasIndex(n => new { n.Status, n.CreatedAt });
        b.HasIndex(n => n.NominatorId);
    }

    public void Configure(EntityTypeBuilder<NominationCard> b)
    {
        b.ToTable("nomination_cards");
        b.HasKey(c => new { c.NominationId, c.OutboxMessageId });
    }
}
