using StudyBot;
using StudyBot.Storage;

if (await Cli.TryRunAsync(args) is { } exitCode) return exitCode;

var app = StudyBotApp.Build(args);
var started = app.Services.GetRequiredService<StartState>();
try
{
    await app.Services.PrepareDatabaseAsync();
    await app.RunAsync();
    if (!started.Started)
    {
        // A background service failed before the server was up; the host's own log of it is held back (Hosting).
        await Console.Error.WriteLineAsync("StudyBot dừng trước khi khởi động xong / stopped before it had started.");
        return 1;
    }
}
catch (Exception ex) when (Hosting.StartFailure(ex) is { } cause)
{
    await Console.Error.WriteLineAsync(cause);
    return 1;
}
return 0;

/// <summary>Visible to tests.</summary>
public partial class Program;
