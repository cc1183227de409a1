using Microsoft.AspNetCore.Connections;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace StudyBot;

/// <summary>
/// Where the bot reads its settings and where it listens, by ASP.NET Core's usual rules, so that a container, App
/// Service or a plain `dotnet StudyBot.dll` from any folder behave as their operators expect.
/// </summary>
public static class Hosting
{
    public const string DefaultAddress = "http://localhost:3978";

    /// <summary>
    /// The folder the settings are read from. `dotnet run` starts in the project folder, which has appsettings.json;
    /// started from anywhere else (the repository's root, a service manager's working directory) the bot reads the
    /// appsettings.json published beside its binary instead of starting with none. An explicit content root wins.
    /// </summary>
    public static string? ContentRoot(string[] args)
    {
        var named = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
                    || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is { Length: > 0 }
                    || Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT") is { Length: > 0 };
        if (named || File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"))) return null;
        return File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json")) ? AppContext.BaseDirectory : null;
    }

    /// <summary>
    /// http://localhost:3978 only when nothing else says where to listen: `--urls`, ASPNETCORE_URLS and
    /// ASPNETCORE_HTTP_PORTS (or HTTPS_PORTS) keep their usual order, and so do Kestrel endpoints in the settings.
    /// </summary>
    public static void UseDefaultAddress(WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var named = new[] { "urls", "http_ports", "https_ports" }.Any(k => !string.IsNullOrWhiteSpace(config[k]))
                    || config.GetSection("Kestrel:Endpoints").GetChildren().Any();
        if (!named) builder.WebHost.UseUrls(DefaultAddress);
    }

    /// <summary>
    /// A relative SQLite file is kept with the settings that name it, in the content root, not in whatever folder the
    /// process happened to start in (which would make a new, empty database there).
    /// </summary>
    public static void AnchorSqliteFile(WebApplicationBuilder builder)
    {
        const string key = "ConnectionStrings:StudyBot";
        var provider = builder.Configuration["Storage:Provider"];
        if (provider is not null && !provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)) return;
        var text = builder.Configuration[key] ?? Storage.StorageExtensions.DefaultConnectionString;
        SqliteConnectionStringBuilder sqlite;
        try { sqlite = new SqliteConnectionStringBuilder(text); }
        catch (ArgumentException) { return; } // the storage layer reports a bad string with its own message
        var file = sqlite.DataSource;
        if (file.Length == 0 || file == ":memory:" || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            || Path.IsPathRooted(file)) return;
        sqlite.DataSource = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, file));
        builder.Configuration[key] = sqlite.ConnectionString;
    }

    /// <summary>
    /// A background loop's wait: false once the service stops. When the host fails to start (a port in use), it
    /// disposes its services without stopping them, and a cancelled wait that escaped would be logged as a crashed
    /// background service on top of the real cause.
    /// </summary>
    public static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try { return await timer.WaitForNextTickAsync(stoppingToken); }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return false; }
    }

    /// <summary>
    /// The one line an operator needs when the service cannot start for a reason of theirs (a port in use, a bad
    /// setting), instead of a stack trace; null for anything else, which is shown whole.
    /// </summary>
    public static string? StartFailure(Exception ex) => ex switch
    {
        IOException { InnerException: AddressInUseException } =>
            $"StudyBot không khởi động được: cổng đã có chương trình khác dùng / port in use. {ex.Message}",
        OptionsValidationException bad =>
            "StudyBot không khởi động được vì cấu hình sai / bad settings: " + string.Join(" ", bad.Failures),
        _ => null,
    };

    /// <summary>
    /// The host logs a failed start as an error with the whole exception before it throws it, then, as it disposes
    /// the background services it had begun, logs each one's cancelled work as a crash. Program prints the cause itself
    /// (and says so when the service stopped before it had started), so that category is silent until the service has
    /// started; afterwards it keeps warnings and above (this rule replaces the configured level for the category, and
    /// the host says nothing below a warning that an operator needs), so a background service that crashes later is logged.
    /// </summary>
    public static void QuietFailedStart(WebApplicationBuilder builder)
    {
        var state = new StartState();
        builder.Services.AddSingleton(state);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", level => state.Started && level >= LogLevel.Warning);
    }
}

/// <summary>Whether the service has started; set when the application's lifetime says so.</summary>
public sealed class StartState
{
    public volatile bool Started;
}
