using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyBot.Protocol;

namespace StudyBot.Conversations;

/// <summary>
/// A conversation the bot is part of, with what a proactive send needs. Stored, not kept in memory, so a
/// restart or a second instance can still reach everyone. The serviceUrl is the latest one seen.
/// </summary>
public sealed class ConversationRecord
{
    public string Id { get; set; } = "";
    public string ChannelId { get; set; } = "";
    public string ServiceUrl { get; set; } = "";
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }
    public string BotId { get; set; } = "";
    public string? BotName { get; set; }
    /// <summary>The member whose personal chat this is; null for group chats and channels.</summary>
    public Guid? MemberId { get; set; }
    public string? UserId { get; set; }
    public string? Locale { get; set; }
    public DateTime? WelcomedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public ConversationReference ToReference(string? userName) =>
        new(ChannelId, ServiceUrl, Id, ConversationType, BotId, BotName, UserId, userName, TenantId, Locale);
}

internal sealed class ConversationRecordConfiguration : IEntityTypeConfiguration<ConversationRecord>
{
    public void Configure(EntityTypeBuilder<ConversationRecord> b)
    {
        b.ToTable("conversations");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).HasMaxLength(512);
        b.Property(c => c.ChannelId).HasMaxLength(64);
        b.Property(c => c.ServiceUrl).HasMaxLength(512);
        b.Property(c => c.ConversationType).HasMaxLength(32);
        b.Property(c => c.TenantId).HasMaxLength(128);
        b.Property(c => c.BotId).HasMaxLength(256);
        b.Property(c => c.BotName).HasMaxLength(256);
        b.Property(c => c.UserId).HasMaxLength(256);
        b.Property(c => c.Locale).HasMaxLength(16);
        b.HasIndex(c => c.MemberId);
    }
}
