using Microsoft.Extensions.Options;

namespace StudyBot.Storage;

/// <summary>Data a fresh database needs (the default content, the next scheduled pushes), added after migrating.</summary>
public interface IDatabaseSeed
{
    Task SeedAsync(IServiceProvider services, CancellationToken ct);
}

public static class DatabaseSeeds
{
    /// <summary>Migrates, then runs every registered seed. Seeds must be safe to run at every start.</summary>
    /// <param name="checkSettings">
    /// Check every setting before the store is touched, so a bad one stops with its sentence instead of a migration or a
    /// seed failing on it half-way (the host would check them only once it starts). The command line passes false: its
    /// commands need no bot credentials, which a service in Production must have.
    /// </param>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, bool checkSettings = true, CancellationToken ct = default)
    {
        if (checkSettings) services.GetService<IStartupValidator>()?.Validate();
        await services.MigrateDatabaseAsync(ct);
        foreach (var seed in services.GetServices<IDatabaseSeed>())
        {
            await using var scope = services.CreateAsyncScope();
            await seed.SeedAsync(scope.ServiceProvider, ct);
        }
    }
}
