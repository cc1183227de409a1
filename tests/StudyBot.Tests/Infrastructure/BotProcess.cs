using System.Diagnostics;

namespace StudyBot.Tests.Infrastructure;

/// <summary>
/// The bot in a process of its own (the StudyBot.dll the tests are built with), so that it can be killed with SIGKILL
/// as an orchestrator or the kernel would, mid-write. Anonymous local mode; replies go only to loopback.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly string[] _args;
    private Process? _process;

    public BotProcess(string connectionString, params string[] extra)
    {
        Port = Ports.Free();
        _args =
        [
            "--environment=Production", "--Bot:AllowAnonymous=true", "--MicrosoftAppId=", "--Storage:Provider=Postgres",
            $"--ConnectionStrings:StudyBot={connectionString}", $"--Urls=http://127.0.0.1:{Port}",
            "--Bot:AllowedServiceUrlHosts:0=127.0.0.1", "--Logging:LogLevel:Default=Warning", .. extra,
        ];
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Starts the process and waits until it answers its health check.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "StudyBot.dll"));
        foreach (var a in _args) start.ArgumentList.Add(a);
        _process = Process.Start(start)!;
        // Drained so a chatty process never blocks on a full pipe.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 300; i++)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the bot process exited with {_process.ExitCode}");
            try
            {
                if ((await http.GetAsync(BaseUrl + "/healthz")).IsSuccessStatusCode) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("the bot process did not become healthy");
    }

    /// <summary>SIGKILL: no shutdown code runs, whatever was in flight is cut off.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }
}
