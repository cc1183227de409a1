using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Metadata;

namespace StudyBot.Storage;

/// <summary>Which store a context talks to, for the few statements written for one provider.</summary>
public static class StoreProvider
{
    /// <summary>
    /// Remembered per model (each provider builds its own): the provider's name is found by reflection on its assembly,
    /// and the write gate asks on every turn.
    /// </summary>
    public static StorageProvider Of(StudyBotDb db) => Providers.GetValue(db.Model, _ =>
        new StrongBox<StorageProvider>(db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true
            ? StorageProvider.Postgres : StorageProvider.Sqlite)).Value;

    private static readonly ConditionalWeakTable<IModel, StrongBox<StorageProvider>> Providers = new();
}
