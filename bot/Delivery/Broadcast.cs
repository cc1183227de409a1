using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyBot.Delivery;

/// <summary>
/// One message to many people: a single row, fanned out into one <see cref="OutboxMessage"/> per recipient.
/// <see cref="Key"/> makes "the theme push of 2027" a single broadcast however often it is started.
/// </summary>
public sealed class Broadcast
{
    public Guid Id { get; set; }
    public string Kind { get; set; } = "";
    public string? Key { get; set; }
    public string Title { get; set; } = "";
    /// <summary>The activity to send, per language: {"vi": activity, "en": activity}.</summary>
    public string Content { get; set; } = "{}";
    /// <summary>Who receives it, as <see cref="Audience"/> JSON.</summary>
    public string Audience { get; set; } = "{}";
    public Guid? StartedBy { get; set; }
    public string Status { get; set; } = BroadcastStatus.FanningOut;
    public int Total { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? FannedOutAt { get; set; }
    public DateTime? CompletedAt { get; set; }
}

public static class BroadcastStatus
{
    public const string FanningOut = "fanout";
    public const string Sending = "sending";
    public const string Done = "done";
}

/// <summary>Who a broadcast goes to: everyone reachable, or one unit's members (optionally only Party members).</summary>
public sealed record Audience(Guid? UnitId = null, bool PartyMembersOnly = false);

/// <summary>
/// One message to one recipient, written in the same transaction as the change that caused it, then drained by
/// delivery. A broadcast's rows take their content from the broadcast; a direct message carries its own.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public Guid? BroadcastId { get; set; }
    public Guid? MemberId { get; set; }
    /// <summary>For a message to a conversation rather than a person (a leadership channel).</summary>
    public string? ConversationId { get; set; }
    public string? Content { get; set; }
    public string Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    public DateTime DueAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public string? LastError { get; set; }
    /// <summary>An attempt ended without knowing whether Teams delivered (a 5xx, a timeout, a lost worker).</summary>
    public bool Ambiguous { get; set; }
    public string? SentActivityId { get; set; }
    /// <summary>The conversation it went to, so the message can be changed later (PUT) wherever it landed.</summary>
    public string? SentConversationId { get; set; }
    /// <summary>
    /// Set on an update: this row replaces the message another row sent (a nomination card after the decision).
    /// It waits until that one is sent, then changes it in place.
    /// </summary>
    public Guid? ReplacesId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}

public static class OutboxStatus
{
    public const string Pending = "pending";
    /// <summary>Claimed by a delivery worker (the shared lease claim names it "running").</summary>
    public const string Sending = "running";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Unreachable = "unreachable";
}

/// <summary>
/// One tenant's send budget for the whole deployment: a token bucket refilled at Delivery:MaxPerSecond,
/// read and changed by every instance with a version check. A 429 pauses it for everyone.
/// </summary>
public sealed class DeliveryBucket
{
    public string TenantId { get; set; } = "";
    public double Tokens { get; set; }
    public DateTime RefilledAt { get; set; }
    public DateTime? PausedUntil { get; set; }
    public long Version { get; set; }
}

internal sealed class DeliveryConfiguration :
    IEntityTypeConfiguration<Broadcast>, IEntityTypeConfiguration<OutboxMessage>, IEntityTypeConfiguration<DeliveryBucket>
{
    public void Configure(EntityTypeBuilder<Broadcast> b)
    {
        b.ToTable("broadcasts");
        b.HasKey(x => x.Id);
        b.Property(x => x.Kind).HasMaxLength(64);
        b.Property(x => x.Key).HasMaxLength(200);
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Status).HasMaxLength(16);
        b.HasIndex(x => x.Key).IsUnique();
    }

    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox");
        b.HasKey(x => x.Id);
        b.Property(x => x.ConversationId).HasMaxLength(512);
        b.Property(x => x.Status).HasMaxLength(16);
        b.Property(x => x.LeaseOwner).HasMaxLength(64);
        b.Property(x => x.LastError).HasMaxLength(1000);
        b.Property(x => x.SentActivityId).HasMaxLength(256);
        b.Property(x => x.SentConversationId).HasMaxLength(512);
        b.HasIndex(x => new { x.BroadcastId, x.MemberId }).IsUnique();
        b.HasIndex(x => new { x.Status, x.DueAt });
        b.HasIndex(x => new { x.MemberId, x.Status });
    }

    public void Configure(EntityTypeBuilder<DeliveryBucket> b)
    {
        b.ToTable("delivery_buckets");
        b.HasKey(x => x.TenantId);
        b.Property(x => x.TenantId).HasMaxLength(128);
    }
}
