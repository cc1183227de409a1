namespace StudyBot.Tests;

/// <summary>Where the repository and the shared references are, found from the test binary upwards.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared beside the clone, as CI lays it out.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Artifacts
    {
        get
        {
            var dir = Path.Combine(Root, "tests", "artifacts");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "StudyBot.sln"))) return dir.FullName;
        throw new InvalidOperationException("StudyBot.sln not found above " + AppContext.BaseDirectory);
    }
}
