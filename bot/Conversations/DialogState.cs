using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyBot.Conversations;

/// <summary>
/// Where a person is in a multi-turn exchange, per (conversation, user). <see cref="Version"/> is an
/// optimistic-concurrency token: when two quick messages race, the later save fails and that turn is run
/// again on the fresh state, so no update is lost.
/// </summary>
public sealed class DialogState
{
    public string ConversationId { get; set; } = "";
    public string UserId { get; set; } = "";
    public string Dialog { get; set; } = "";
    public string Data { get; set; } = "{}";
    public int Version { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class DialogStateConfiguration : IEntityTypeConfiguration<DialogState>
{
    public void Configure(EntityTypeBuilder<DialogState> b)
    {
        b.ToTable("dialog_states");
        b.HasKey(d => new { d.ConversationId, d.UserId });
        b.Property(d => d.ConversationId).HasMaxLength(512);
        b.Property(d => d.UserId).HasMaxLength(256);
        b.Property(d => d.Dialog).HasMaxLength(128);
        b.Property(d => d.Version).IsConcurrencyToken();
    }
}
