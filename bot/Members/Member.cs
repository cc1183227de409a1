using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyBot.Members;

/// <summary>
/// A person who talks to the bot. Known first by their Teams ids; the who-is-who import adds units,
/// roles and the UPN. <see cref="Unreachable"/> is set when they remove the app, cleared when they write.
/// </summary>
public sealed class Member
{
    public Guid Id { get; set; }
    public string ChannelUserId { get; set; } = "";
    public string? AadObjectId { get; set; }
    public string Name { get; set; } = "";
    public string Language { get; set; } = Languages.Vietnamese;
    public bool Unreachable { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastSeenAt { get; set; }
}

public static class Languages
{
    public const string Vietnamese = "vi";
    public const string English = "en";

    public static bool IsSupported(string code) => code is Vietnamese or English;
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> b)
    {
        b.ToTable("members");
        b.HasKey(m => m.Id);
        b.Property(m => m.ChannelUserId).HasMaxLength(256);
        b.Property(m => m.AadObjectId).HasMaxLength(64);
        b.Property(m => m.Name).HasMaxLength(256);
        b.Property(m => m.Language).HasMaxLength(8);
        b.HasIndex(m => m.ChannelUserId).IsUnique();
        b.HasIndex(m => m.AadObjectId).IsUnique();
    }
}
