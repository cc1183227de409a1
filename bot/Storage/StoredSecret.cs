using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyBot.Storage;

/// <summary>
/// A random key the bot makes for itself (for example the one that signs download links), kept in the
/// database so every instance signs and checks with the same key. Never logged, never exported.
/// </summary>
public sealed class StoredSecret
{
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>Reads the key, making it on first use; when two instances race, the first one stored wins.</summary>
    public static async Task<byte[]> GetOrCreateAsync(IServiceProvider services, string name, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
            if (await db.Set<StoredSecret>().AsNoTracking().FirstOrDefaultAsync(s => s.Name == name, ct) is { } existing)
                return Convert.FromBase64String(existing.Value);
            db.Add(new StoredSecret
            {
                Name = name, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
            });
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException) when (attempt < 3) { }
        }
    }
}

internal sealed class StoredSecretConfiguration : IEntityTypeConfiguration<StoredSecret>
{
    public void Configure(EntityTypeBuilder<StoredSecret> b)
    {
        b.ToTable("secrets");
        b.HasKey(s => s.Name);
        b.Property(s => s.Name).HasMaxLength(64);
        b.Property(s => s.Value).HasMaxLength(200);
    }
}
