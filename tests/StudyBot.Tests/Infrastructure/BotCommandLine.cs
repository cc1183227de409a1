using System.Diagnostics;

namespace StudyBot.Tests.Infrastructure;

/// <summary>
/// The built bot run as an operator runs an admin task: `dotnet StudyBot.dll member export …` in a process of its own,
/// pointed at a test's database through the environment, with what it printed and its exit code.
/// </summary>
public static class BotCommandLine
{
    public sealed record Outcome(int ExitCode, string Output, string Errors);

    public static async Task<Outcome> RunAsync(BotHost bot, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "StudyBot.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__Provider"] = bot.Provider.ToString();
        start.Environment["ConnectionStrings__StudyBot"] = bot.ConnectionString;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`StudyBot.dll {string.Join(' ', args)}` did not finish");
        }
        return new Outcome(process.ExitCode, await output, await errors);
    }
}
