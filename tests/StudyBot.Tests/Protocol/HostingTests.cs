using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Protocol;

/// <summary>
/// The built bot started as an operator starts it (`dotnet StudyBot.dll` from another folder, configured by the
/// environment): where it listens, which settings it reads, and what it says when it cannot start.
/// </summary>
public sealed class HostingTests
{
    private static ProcessStartInfo Bot(string workingDirectory, IDictionary<string, string> env, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "StudyBot.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Bot__AllowAnonymous"] = "true";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        foreach (var (k, v) in env) start.Environment[k] = v;
        return start;
    }

    private static async Task<bool> HealthyAsync(int port, Process process)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 200 && !process.HasExited; i++)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/healthz")).StatusCode == HttpStatusCode.OK) return true;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(100);
        }
        return false;
    }

    [Fact]
    public async Task With_only_aspnetcore_urls_set_the_bot_listens_there_and_reads_its_settings_from_beside_its_binary()
    {
        var port = Ports.Free();
        var elsewhere = Directory.CreateTempSubdirectory("studybot-cwd-").FullName;
        var db = Path.Combine(elsewhere, "bot.db");
        using var process = Process.Start(Bot(elsewhere, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__StudyBot"] = $"Data Source={db}",
        }))!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        try
        {
            Assert.True(await HealthyAsync(port, process), "the bot did not answer on the port ASPNETCORE_URLS named");
            Assert.True(File.Exists(db));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        // bot/appsettings.json keeps Entity Framework's log at Warning: read from beside the binary, no SQL is logged.
        Assert.DoesNotContain("Executed DbCommand", await stdout + await stderr);
        Directory.Delete(elsewhere, recursive: true);
    }

    [Fact]
    public async Task A_port_in_use_is_said_in_one_line_and_the_process_exits_non_zero()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var db = Path.Combine(Path.GetTempPath(), $"studybot-port-{Guid.NewGuid():N}.db");
        using var process = Process.Start(Bot(AppContext.BaseDirectory, new Dictionary<string, string>
        {
            ["ConnectionStrings__StudyBot"] = $"Data Source={db}",
        }, $"--urls=http://127.0.0.1:{port}"))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, process.ExitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("port in use", line);
        Assert.Contains($":{port}", line);
        var log = await stdout;
        Assert.DoesNotContain("ObjectDisposedException", log);
        Assert.DoesNotContain("crit:", log);
        Assert.DoesNotContain("   at ", log);
        File.Delete(db);
    }
}
