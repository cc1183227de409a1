using System.Diagnostics;
using System.Text.Json.Nodes;

namespace StudyBot.Tests.Infrastructure;

/// <summary>
/// The npm-installed Microsoft clients (tests/clients) and Chromium. Where they are missing, the tests that
/// need them skip with the reason; under CI=true they never skip, so a missing install fails the run.
/// </summary>
public static class ClientTools
{
    public static string Dir => Path.Combine(RepoPaths.Root, "tests", "clients");

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Node => FindOnPath("node");

    public static string Chromium => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    public static string? MissingNodeTools() =>
        Node is null ? "node is not installed"
        : !Directory.Exists(Path.Combine(Dir, "node_modules")) ? "tests/clients/node_modules is missing (run: npm ci --prefix tests/clients)"
        // Installed before markdown-it joined package.json: ask for a fresh install rather than fail.
        : !Directory.Exists(Path.Combine(Dir, "node_modules", "markdown-it")) ? "tests/clients/node_modules is out of date (run: npm ci --prefix tests/clients)"
        : null;

    public static string? MissingBrowser() =>
        MissingNodeTools() ?? (File.Exists(Chromium) ? null : $"Chromium is not at {Chromium} (apt-get install chromium)");

    /// <summary>
    /// Runs a card script from tests/clients (validate-cards.js, render-cards.js) on these cards, each written to a file
    /// named after it, and returns the script's JSON line for each card, by name.
    /// </summary>
    public static async Task<List<(string Name, JsonNode Result)>> RunOnCardsAsync(string script, IReadOnlyDictionary<string, JsonNode> cards)
    {
        var dir = Directory.CreateTempSubdirectory("studybot-cards-").FullName;
        var files = new List<string>();
        foreach (var (name, card) in cards)
        {
            var file = Path.Combine(dir, name + ".json");
            await File.WriteAllTextAsync(file, card.ToJsonString());
            files.Add(file);
        }
        var (exit, stdout, stderr) = await RunNodeAsync(script, files, TimeSpan.FromMinutes(2));
        Directory.Delete(dir, recursive: true);
        Assert.True(exit == 0, $"{script} failed: {stderr}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => line.StartsWith('{'))
            .Select(line => JsonNode.Parse(line)!)
            .Select(r => (Path.GetFileNameWithoutExtension(r["file"]!.GetValue<string>()), r)).ToList();
    }

    /// <summary>Runs node with a script from tests/clients; returns exit code and both outputs.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunNodeAsync(
        string script, IEnumerable<string> args, TimeSpan timeout, IDictionary<string, string>? env = null)
    {
        var start = new ProcessStartInfo(Node!) { WorkingDirectory = Dir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Dir, script));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); }
        return (process.HasExited ? process.ExitCode : -1, await stdout, await stderr);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}

/// <summary>A fact that needs the npm client tools.</summary>
public sealed class NodeToolsFactAttribute : FactAttribute
{
    public NodeToolsFactAttribute()
    {
        if (!ClientTools.IsCi && ClientTools.MissingNodeTools() is { } why) Skip = "Needs the npm client tools: " + why;
    }
}

/// <summary>A fact that needs the npm client tools and Chromium.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!ClientTools.IsCi && ClientTools.MissingBrowser() is { } why) Skip = "Needs the Agents Playground and Chromium: " + why;
    }
}
