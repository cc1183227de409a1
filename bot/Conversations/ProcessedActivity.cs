using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyBot.Conversations;

/// <summary>
/// An inbound activity that has been handled, written in the same transaction as the turn's changes.
/// Teams redelivers on timeouts; a redelivery finds this row and changes nothing. The turn's replies are
/// kept until sent, so a process that died after committing still answers when the activity comes again.
/// </summary>
public sealed class ProcessedActivity
{
    public string ConversationId { get; set; } = "";
    public string ActivityId { get; set; } = "";
    public DateTime ReceivedAt { get; set; }
    /// <summary>The replies as wire JSON, until they have all been sent.</summary>
    public string? PendingReplies { get; set; }
    /// <summary>Who may send the pending replies: the turn that wrote them, until this time.</summary>
    public DateTime? SendLeaseUntil { get; set; }
    public DateTime? RepliesSentAt { get; set; }
    public string? InvokeResponse { get; set; }
    public int InvokeStatus { get; set; }
}

internal sealed class ProcessedActivityConfiguration : IEntityTypeConfiguration<ProcessedActivity>
{
    public void Configure(EntityTypeBuilder<ProcessedActivity> b)
    {
        b.ToTable("processed_activities");
        b.HasKey(p => new { p.ConversationId, p.ActivityId });
        b.Property(p => p.ConversationId).HasMaxLength(512);
        b.Property(p => p.ActivityId).HasMaxLength(256);
        b.HasIndex(p => p.ReceivedAt);
    }
}
