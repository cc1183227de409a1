using System.Diagnostics;

namespace StudyBot.Tests.House;

/// <summary>
/// The house as bot/README.md draws it: tests/house/imports.sh reads every room's imports and fails on an arrow up a
/// floor, sideways, or from one feature to another outside its list. Run on the real tree, and on a copy with one
/// arrow planted, so a script that passed everything would fail here.
/// </summary>
public sealed class HouseTests
{
    private static string Script => Path.Combine(RepoPaths.Root, "tests", "house", "imports.sh");

    [Fact]
    public async Task Every_import_between_rooms_points_down_or_is_on_the_allowed_list()
    {
        var (code, output) = await RunAsync(RepoPaths.Root);

        Assert.True(code == 0, output);
        Assert.Contains("Quiz           -> Agency", output);
        Assert.Contains("the house stands", output);
    }

    [Theory]
    // A feature that reaches into another feature's namespace, by a using directive or by a qualified name.
    [InlineData("Quiz/Planted.cs", "using StudyBot.Reminders;\nnamespace StudyBot.Quiz;\npublic static class Planted { }\n", "Quiz           -> Reminders", "FEATURE TO FEATURE")]
    [InlineData("Nominations/Planted.cs", "namespace StudyBot.Nominations;\npublic static class Planted { public static object? Zone => Themes.ThemePush.YearlyKind; }\n", "Nominations    -> Themes", "FEATURE TO FEATURE")]
    // A floor that points up at what stands on it.
    [InlineData("Storage/Planted.cs", "using StudyBot.Scheduling;\nnamespace StudyBot.Storage;\npublic static class Planted { }\n", "Storage        -> Scheduling", "UP from ground to turn")]
    public async Task An_arrow_out_of_place_fails_the_script_and_is_named(string file, string code, string arrow, string verdict)
    {
        var copy = Directory.CreateTempSubdirectory("house-");
        try
        {
            CopyTree(Path.Combine(RepoPaths.Root, "bot"), Path.Combine(copy.FullName, "bot"));
            await File.WriteAllTextAsync(Path.Combine(copy.FullName, "bot", file), code);

            var (exit, output) = await RunAsync(copy.FullName);

            Assert.Equal(1, exit);
            var line = Assert.Single(output.Split('\n'), l => l.StartsWith(arrow, StringComparison.Ordinal));
            Assert.Contains(verdict, line);
            Assert.Contains("1 arrow out of place", output);
        }
        finally { copy.Delete(recursive: true); }
    }

    [Fact]
    public async Task Text_in_strings_and_comments_is_not_read_as_an_import()
    {
        var copy = Directory.CreateTempSubdirectory("house-");
        try
        {
            CopyTree(Path.Combine(RepoPaths.Root, "bot"), Path.Combine(copy.FullName, "bot"));
            const string quotes = "\"\"\"";
            await File.WriteAllTextAsync(Path.Combine(copy.FullName, "bot", "Quiz", "Planted.cs"),
                "namespace StudyBot.Quiz;\n// Reminders.LocalTime was here once.\n/* and Themes.ThemePush too */\n" +
                "public static class Planted\n{\n    public const string Key = \"Reminders.Title\";\n" +
                $"    public const string Raw = {quotes}\n        Themes.ThemePush \"quoted\"\n        {quotes};\n" +
                "    public const char Quote = '\"';\n    public const string Verbatim = @\"Nominations.Nomination \"\"x\"\"\";\n}\n");
            var (exit, output) = await RunAsync(copy.FullName);
            Assert.True(exit == 0, output);
        }
        finally { copy.Delete(recursive: true); }
    }

    private static async Task<(int Code, string Output)> RunAsync(string root)
    {
        var start = new ProcessStartInfo("bash", [Script, root]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal)) continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
