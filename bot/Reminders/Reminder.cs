using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyBot.Reminders;

/// <summary>
/// A unit's recurring (or one-off) reminder: the cell meeting on day 3 at 14:00. Times are the unit's local
/// time. <see cref="Version"/> grows with every change, pause or cancel: a scheduled occurrence of an older
/// version does nothing, so a change applies to future occurrences only.
/// </summary>
public sealed class Reminder
{
    public Guid Id { get; set; }
    public Guid UnitId { get; set; }
    public string Text { get; set; } = "";
    public RepeatRule Rule { get; set; }
    /// <summary>The first occurrence, in the unit's local time.</summary>
    public DateTime FirstLocal { get; set; }
    public bool PartyMembersOnly { get; set; } = true;
    public bool Paused { get; set; }
    public bool Cancelled { get; set; }
    /// <summary>Each occurrence asks the next Party member to tell a story of Bác's example.</summary>
    public bool StoryRota { get; set; }
    /// <summary>When the card also goes out ahead of the meeting (<see cref="ReminderLead"/>); null for only at its time.</summary>
    public string? Lead { get; set; }
    public int Version { get; set; } = 1;
    public Guid CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>One firing of a reminder, with the broadcast that carried it and who was asked to tell the story.</summary>
public sealed class ReminderOccurrence
{
    public Guid Id { get; set; }
    public Guid ReminderId { get; set; }
    public DateTime DueAt { get; set; }
    public Guid? BroadcastId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>"Đã nhận": a member pressed the button on an occurrence's card.</summary>
public sealed class Acknowledgement
{
    public Guid OccurrenceId { get; set; }
    public Guid MemberId { get; set; }
    public DateTime At { get; set; }
}

internal sealed class ReminderConfiguration :
    IEntityTypeConfiguration<Reminder>, IEntityTypeConfiguration<ReminderOccurrence>, IEntityTypeConfiguration<Acknowledgement>
{
    public void Configure(EntityTypeBuilder<Reminder> b)
    {
        b.ToTable("reminders");
        b.HasKey(r => r.Id);
        b.Property(r => r.Text).HasMaxLength(1000);
        b.Property(r => r.Lead).HasMaxLength(8);
        b.Property(r => r.Rule).HasConversion<string>().HasMaxLength(24);
        // A wall-clock time in the unit's zone, not an instant: stored as ISO text, so no provider converts it.
        b.Property(r => r.FirstLocal).HasMaxLength(19).HasConversion(
            v => v.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            v => DateTime.ParseExact(v, "yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        b.HasIndex(r => r.UnitId);
    }

    public void Configure(EntityTypeBuilder<ReminderOccurrence> b)
    {
        b.ToTable("reminder_occurrences");
        b.HasKey(o => o.Id);
        b.HasIndex(o => new { o.ReminderId, o.DueAt }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<Acknowledgement> b)
    {
        b.ToTable("acknowledgements");
        b.HasKey(a => new { a.OccurrenceId, a.MemberId });
    }
}
