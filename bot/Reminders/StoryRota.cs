using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyBot.Reminders;

/// <summary>
/// A Party member's place in a reminder's story rota. The next storyteller is whoever has had the fewest
/// turns, then whoever stands earliest; telling a story, or declining ("xin lùi", which uses up the chance of
/// that round), counts as a turn and moves a person to the end. Newcomers join at the end. So nobody is asked
/// twice before everyone has been asked once, and a serial decliner is asked once a round and holds nobody up.
/// </summary>
public sealed class RotaEntry
{
    public Guid ReminderId { get; set; }
    public Guid MemberId { get; set; }
    public int Turns { get; set; }
    public long Position { get; set; }
}

/// <summary>Who was asked to tell the story at one meeting, and what they answered.</summary>
public sealed class StoryAssignment
{
    public Guid Id { get; set; }
    public Guid ReminderId { get; set; }
    public DateTime OccurrenceDue { get; set; }
    public Guid MemberId { get; set; }
    public string Status { get; set; } = StoryStatus.Asked;
    /// <summary>For a swap: the colleague asked to take this turn.</summary>
    public Guid? SwapWith { get; set; }
    public DateTime AskedAt { get; set; }
}

public static class StoryStatus
{
    public const string Asked = "asked";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string SwapAsked = "swap";
    public const string SwappedAway = "swapped";
}

internal sealed class StoryConfiguration : IEntityTypeConfiguration<RotaEntry>, IEntityTypeConfiguration<StoryAssignment>
{
    public void Configure(EntityTypeBuilder<RotaEntry> b)
    {
        b.ToTable("rota_entries");
        b.HasKey(e => new { e.ReminderId, e.MemberId });
    }

    public void Configure(EntityTypeBuilder<StoryAssignment> b)
    {
        b.ToTable("story_assignments");
        b.HasKey(a => a.Id);
        b.Property(a => a.Status).HasMaxLength(16);
        b.HasIndex(a => new { a.ReminderId, a.OccurrenceDue });
    }
}
