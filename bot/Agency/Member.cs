using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using StudyBot.Resources;

namespace StudyBot.Agency;

/// <summary>
/// A staff member (cán bộ, công chức, viên chức), Party member or not. Known by UPN when imported and by
/// their Teams ids once they write or a team roster shows them; the two are bound by UPN or AAD object id.
/// <see cref="Unreachable"/> is set when they remove the app, cleared when they write again.
/// </summary>
public sealed class Member
{
    /// <summary>The name an erased person keeps, so counts and history still have a row to point at.</summary>
    public const string ErasedName = "(đã xóa)";

    public Guid Id { get; set; }
    /// <summary>Lower case, the import key.</summary>
    public string? Upn { get; set; }
    public string? Email { get; set; }
    public string? AadObjectId { get; set; }
    /// <summary>The Teams user id ("29:…"), needed to open a personal chat proactively.</summary>
    public string? ChannelUserId { get; set; }
    public string Name { get; set; } = "";
    public bool IsPartyMember { get; set; }
    public string Language { get; set; } = Languages.Vietnamese;
    public bool Unreachable { get; set; }
    /// <summary>Why the last proactive send failed for good (the connector's code), shown to admins.</summary>
    public string? UnreachableReason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastSeenAt { get; set; }
    /// <summary>Set when an admin erased the person's data; the row stays so counts stay true.</summary>
    public DateTime? ErasedAt { get; set; }
    /// <summary>After erasure, one-way keys of the identities a team roster could show (<see cref="ErasedText.Tombstone"/>).</summary>
    public string? ErasedKeys { get; set; }
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> b)
    {
        b.ToTable("members");
        b.Property(m => m.ErasedKeys).HasMaxLength(200);
        b.HasKey(m => m.Id);
        b.Property(m => m.Upn).HasMaxLength(256);
        b.Property(m => m.Email).HasMaxLength(256);
        b.Property(m => m.ChannelUserId).HasMaxLength(256);
        b.Property(m => m.AadObjectId).HasMaxLength(64);
        b.Property(m => m.Name).HasMaxLength(256);
        b.Property(m => m.Language).HasMaxLength(8);
        b.Property(m => m.UnreachableReason).HasMaxLength(200);
        b.HasIndex(m => m.Upn).IsUnique();
        b.HasIndex(m => m.ChannelUserId).IsUnique();
        b.HasIndex(m => m.AadObjectId).IsUnique();
    }
}
