using Microsoft.EntityFrameworkCore;

namespace StudyBot.Storage;

/// <summary>
/// The one store. It names no feature: each feature's entity configuration is found in this assembly,
/// and features reach their tables with <c>db.Set&lt;T&gt;()</c>, so a new feature touches nothing here.
/// </summary>
public sealed class StudyBotDb(DbContextOptions<StudyBotDb> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(StudyBotDb).Assembly);
}
