using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StudyBot.Agency;
using StudyBot.Conversations;
using StudyBot.Storage;

namespace StudyBot.Tests.Infrastructure;

/// <summary>
/// The real bot on a real Kestrel port with its own SQLite file, wired to a <see cref="ChannelSimulator"/>.
/// One per test: nothing is shared between tests.
/// </summary>
public sealed class BotHost : IAsyncDisposable
{
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string AppPassword = "test-secret-do-not-log-7f3a9c";
    public const string TenantId = "test-tenant-id";

    private readonly WebApplication _app;
    private readonly TestDatabase _database;
    private bool _ownsDatabase = true;
    private bool _ownsChannel = true;

    public ChannelSimulator Channel { get; }
    public HttpClient Http { get; }
    public string BaseUrl { get; }
    public ConcurrentQueue<string> Logs { get; } = new();

    private BotHost(WebApplication app, ChannelSimulator channel, TestDatabase database, ConcurrentQueue<string> logs)
    {
        _app = app;
        Channel = channel;
        _database = database;
        Logs = logs;
        BaseUrl = app.Urls.First().TrimEnd('/');
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
    }

    public static async Task<BotHost> StartAsync(bool anonymous = false, Action<WebApplicationBuilder>? customize = null,
        IDictionary<string, string>? settings = null, ChannelSimulator? channel = null, bool migrate = true,
        StorageProvider provider = StorageProvider.Sqlite, TestDatabase? sharedDatabase = null)
    {
        // A shared database belongs to the test (two instances, or a restart); the host does not drop it.
        var database = sharedDatabase ?? await TestDatabase.CreateAsync(provider);
        provider = database.Provider;
        channel ??= new ChannelSimulator();
        if (channel.BaseUrl.Length == 0) await channel.StartAsync();
        var config = new Dictionary<string, string>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["environment"] = anonymous ? "Development" : "Production",
            ["Storage:Provider"] = provider.ToString(),
            ["ConnectionStrings:StudyBot"] = database.ConnectionString,
            ["ToBotFromChannelOpenIdMetadataUrl"] = channel.BaseUrl + "/channel/openid",
            ["ToBotFromEmulatorOpenIdMetadataUrl"] = channel.BaseUrl + "/entra/openid",
            ["Bot:SigningKeyRetryInterval"] = "00:00:00",
            ["Scheduling:PollInterval"] = "00:00:00.100",
            ["Delivery:PollInterval"] = "00:00:00.100",
            ["Delivery:MaxPerSecond"] = "500",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft"] = "Warning",
        };
        if (!anonymous)
        {
            config["MicrosoftAppType"] = "SingleTenant";
            config["MicrosoftAppId"] = AppId;
            config["MicrosoftAppPassword"] = AppPassword;
            config["MicrosoftAppTenantId"] = TenantId;
        }
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) config[k] = v;

        var logs = new ConcurrentQueue<string>();
        var app = StudyBotApp.Build(config.Select(kv => $"--{kv.Key}={kv.Value}").ToArray(), builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new CapturingLoggerProvider(logs));
            // MSAL insists on an https authority; the "msal" client carries its requests to the simulator.
            builder.Services.AddHttpClient("msal")
                .ConfigurePrimaryHttpMessageHandler(() => new RedirectHandler(new Uri(channel.BaseUrl)));
            customize?.Invoke(builder);
        });
        try
        {
            if (migrate) await app.Services.PrepareDatabaseAsync();
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            await channel.DisposeAsync();
            if (sharedDatabase is null) await database.DisposeAsync();
            throw;
        }
        return new BotHost(app, channel, database, logs) { _ownsDatabase = sharedDatabase is null };
    }

    public IServiceProvider Services => _app.Services;

    public StudyBotDb NewDb() => _app.Services.CreateScope().ServiceProvider.GetRequiredService<StudyBotDb>();

    public async Task<int> StoredRowsAsync()
    {
        await using var db = NewDb();
        return await db.Set<Member>().CountAsync() + await db.Set<ConversationRecord>().CountAsync()
               + await db.Set<ProcessedActivity>().CountAsync() + await db.Set<DialogState>().CountAsync();
    }

    public Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token = null) =>
        PostRawAsync(activity.ToJsonString(), token is null ? null : "Bearer " + token);

    public async Task<HttpResponseMessage> PostRawAsync(string body, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await Http.SendAsync(request);
    }

    /// <summary>Posts with a valid channel token, as Teams would.</summary>
    public Task<HttpResponseMessage> SendAsync(JsonObject activity) =>
        PostAsync(activity, Channel.Keys.ChannelToken(AppId, activity["serviceUrl"]!.GetValue<string>()));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync();
        if (_ownsChannel) await Channel.DisposeAsync();
        if (_ownsDatabase) await _database.DisposeAsync();
    }

    /// <summary>
    /// Keeps the simulator and the database after this host stops, for a second host (another instance, or a
    /// restart) to use; the test then disposes the database itself.
    /// </summary>
    public BotHost Sharing() { _ownsChannel = false; _ownsDatabase = false; return this; }

    public TestDatabase Database => _database;

    public StorageProvider Provider => _database.Provider;

    public string ConnectionString => _database.ConnectionString;
}

/// <summary>Sends every request to the simulator, keeping the path: stands in for login.microsoftonline.com.</summary>
public sealed class RedirectHandler(Uri target) : DelegatingHandler(new HttpClientHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        return base.SendAsync(request, ct);
    }
}

public sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(sink, categoryName);
    public void Dispose() { }

    private sealed class Logger(ConcurrentQueue<string> sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel level, EventId id, TState state, Exception? ex, Func<TState, Exception?, string> format) =>
            sink.Enqueue($"{level} {category}: {format(state, ex)} {ex}");
    }
}
