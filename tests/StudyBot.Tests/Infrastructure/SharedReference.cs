namespace StudyBot.Tests.Infrastructure;

/// <summary>
/// The project's shared folder beside the clone (../shared): the verified passages and the seed articles that the
/// content is checked against. A clone on its own has no such folder, so what needs it skips there with the reason;
/// under CI=true it never skips, since CI always lays the folder beside the clone.
/// </summary>
public static class SharedReference
{
    public static string ContentSources => Path.Combine(RepoPaths.Shared, "reference", "content-sources.md");

    public static string Seeds => Path.Combine(RepoPaths.Shared, "seeds");

    public static string? Missing() =>
        File.Exists(ContentSources) && Directory.Exists(Seeds) ? null
            : $"../shared is not beside the clone (looked for {ContentSources} and {Seeds})";
}

/// <summary>A fact that compares the content with ../shared/reference and ../shared/seeds.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        if (!ClientTools.IsCi && SharedReference.Missing() is { } why) Skip = "Needs the verified sources: " + why;
    }
}
