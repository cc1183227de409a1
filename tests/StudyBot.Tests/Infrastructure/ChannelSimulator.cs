using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace StudyBot.Tests.Infrastructure;

/// <summary>
/// One HTTP call the bot made to the simulated channel: with its body, how the body was framed (the Content-Length it
/// declared, whether it came chunked, and how many bytes arrived).
/// </summary>
public sealed record ConnectorCall(string Method, string Path, string? Authorization, JsonNode? Body,
    long? ContentLength = null, bool Chunked = false, int BodyBytes = 0);

/// <summary>
/// Plays Microsoft's side over real loopback HTTP: the OpenID metadata and keys of the Bot Connector and
/// of Entra, the token endpoint MSAL asks, and the connector's REST API, recording every call.
/// </summary>
public sealed class ChannelSimulator : IAsyncDisposable
{
    public const string IssuedToken = "simulated-access-token";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, string? Code, int? RetryAfterSeconds, string? Method, bool DeliveredAnyway)> _failures = new();

    /// <summary>Messages that reached a conversation: successful posts, and failures that delivered anyway.</summary>
    public ConcurrentQueue<(string ConversationId, JsonNode? Body)> Delivered { get; } = new();

    /// <summary>Conversation ids that answer 404 ConversationNotFound, as a chat the user deleted.</summary>
    public ConcurrentDictionary<string, bool> DeletedConversations { get; } = new();

    private int _created;
    private int _activityCounter;

    public TestKeys Keys { get; } = new();
    public ConcurrentQueue<ConnectorCall> Calls { get; } = new();
    public int TokenRequests;
    public int MetadataReads;
    public string BaseUrl { get; private set; } = "";
    public string ServiceUrl => BaseUrl + "/connector/";

    /// <summary>While false, the metadata endpoints answer 503, as an unreachable identity service would.</summary>
    public volatile bool MetadataAvailable = true;

    /// <summary>What GET members/{id} answers, by user id; unknown ids get 404, as from a real connector.</summary>
    public ConcurrentDictionary<string, JsonObject> Profiles { get; } = new();

    /// <summary>Files served at /files/{name}, as Teams serves a download URL.</summary>
    public ConcurrentDictionary<string, string> Files { get; } = new();

    /// <summary>Members returned by the paged roster, in pages of <see cref="RosterPageSize"/>.</summary>
    public List<JsonObject> Roster { get; } = [];
    public int RosterPageSize = 2;

    public ChannelSimulator()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        MapIdentity();
        MapConnector();
    }

    public async Task StartAsync()
    {
        await _app.StartAsync();
        BaseUrl = _app.Urls.First().TrimEnd('/');
    }

    /// <summary>The next <paramref name="count"/> connector calls (of this method, if given) fail with this status.</summary>
    public void FailNext(int status, int count = 1, string? code = null, int? retryAfterSeconds = null, string? method = "POST",
        bool deliveredAnyway = false)
    {
        for (var i = 0; i < count; i++) _failures.Enqueue((status, code, retryAfterSeconds, method, deliveredAnyway));
    }

    /// <summary>
    /// The share of message posts that fail at random, half with 429 (Retry-After 1 s) and half with 503, as a
    /// throttling Teams answers. Zero by default.
    /// </summary>
    public double ThrottleRate;

    /// <summary>When each message post arrived, failed or not: what a rate budget is measured against.</summary>
    public ConcurrentQueue<DateTime> PostTimes { get; } = new();

    /// <summary>Every call to the connector API, reads included.</summary>
    public IReadOnlyList<ConnectorCall> ConnectorCalls() => Calls.Where(c => c.Path.StartsWith("/connector/")).ToList();

    /// <summary>What the bot sent: activities posted, updated or deleted, and conversations created.</summary>
    public IReadOnlyList<ConnectorCall> Sent() => ConnectorCalls().Where(c => c.Method != "GET").ToList();

    /// <summary>Waits briefly for calls that may still be in flight, then returns the connector calls.</summary>
    public async Task<IReadOnlyList<ConnectorCall>> SentAsync(int atLeast)
    {
        for (var i = 0; i < 100 && Sent().Count < atLeast; i++) await Task.Delay(50);
        return Sent();
    }

    private void MapIdentity()
    {
        _app.MapGet("/channel/openid", () => Metadata("/channel/keys"));
        _app.MapGet("/channel/keys", () => MetadataAvailable ? Results.Json(Keys.ChannelJwks()) : Results.StatusCode(503));
        _app.MapGet("/entra/openid", () => Metadata("/entra/keys"));
        _app.MapGet("/entra/keys", () => MetadataAvailable ? Results.Json(Keys.EntraJwks()) : Results.StatusCode(503));
        _app.MapGet("/files/{name}", (string name) =>
            Files.TryGetValue(name, out var text) ? Results.Text(text, "text/csv; charset=utf-8") : Results.NotFound());
        _app.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            Interlocked.Increment(ref TokenRequests);
            Calls.Enqueue(new ConnectorCall("POST", request.Path, null, new JsonObject
            {
                ["grant_type"] = form["grant_type"].ToString(),
                ["client_id"] = form["client_id"].ToString(),
                ["scope"] = form["scope"].ToString(),
            }));
            return Results.Json(new { token_type = "Bearer", expires_in = 3600, ext_expires_in = 3600, access_token = IssuedToken });
        });
    }

    /// <summary>The conversation an activities call posts to, unescaped, or null.</summary>
    private static string? ConversationOf(string path)
    {
        var parts = path.Split('?')[0].Split('/');
        var at = Array.IndexOf(parts, "conversations");
        return at >= 0 && parts.Length > at + 2 && parts[at + 2] == "activities" ? Uri.UnescapeDataString(parts[at + 1]) : null;
    }

    /// <summary>How many messages each conversation received.</summary>
    public Dictionary<string, int> DeliveriesByConversation() =>
        Delivered.GroupBy(d => d.ConversationId).ToDictionary(g => g.Key, g => g.Count());

    public string FileUrl(string name) => $"{BaseUrl}/files/{Uri.EscapeDataString(name)}";

    private IResult Metadata(string keysPath)
    {
        Interlocked.Increment(ref MetadataReads);
        return MetadataAvailable
            ? Results.Json(new { issuer = TestKeys.ChannelIssuer, jwks_uri = BaseUrl + keysPath })
            : Results.StatusCode(503);
    }

    private void MapConnector()
    {
        _app.Map("/connector/{**rest}", async (HttpContext http) =>
        {
            var chunked = http.Request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase);
            using var raw = new MemoryStream();
            await http.Request.Body.CopyToAsync(raw);
            var body = raw.Length > 0 ? JsonNode.Parse(raw.ToArray()) : null;
            // The raw target, as sent: proves how the bot escaped ids in the path.
            var path = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
            Calls.Enqueue(new ConnectorCall(http.Request.Method, path, http.Request.Headers.Authorization.ToString(), body,
                http.Request.ContentLength, chunked, (int)raw.Length));
            http.Items["body"] = body?.ToJsonString();

            var conversation = ConversationOf(path);
            if (http.Request.Method == "POST" && conversation is not null && DeletedConversations.ContainsKey(conversation))
                return Results.Json(new { error = new { code = "ConversationNotFound", message = "deleted" } }, statusCode: 404);
            if (_failures.TryPeek(out var next) && (next.Method is null || next.Method == http.Request.Method)
                && _failures.TryDequeue(out var failure))
            {
                if (failure.DeliveredAnyway && conversation is not null) Delivered.Enqueue((conversation, body));
                if (failure.RetryAfterSeconds is { } seconds) http.Response.Headers.RetryAfter = seconds.ToString();
                return Results.Json(new { error = new { code = failure.Code ?? "Simulated", message = "simulated failure" } },
                    statusCode: failure.Status);
            }
            if (http.Request.Method == "POST" && conversation is not null)
            {
                PostTimes.Enqueue(DateTime.UtcNow);
                if (ThrottleRate > 0 && Random.Shared.NextDouble() < ThrottleRate)
                {
                    var throttled = Random.Shared.Next(2) == 0;
                    if (throttled) http.Response.Headers.RetryAfter = "1";
                    return Results.Json(new { error = new { code = throttled ? "Throttled" : "ServiceUnavailable", message = "simulated" } },
                        statusCode: throttled ? 429 : 503);
                }
            }
            return Answer(http, path);
        });
    }

    private IResult Answer(HttpContext http, string path)
    {
        if (path.Contains("/pagedmembers"))
        {
            var start = int.TryParse(http.Request.Query["continuationToken"], out var s) ? s : 0;

            var page = Roster.Skip(start).Take(RosterPageSize).ToList();
            var next = start + page.Count < Roster.Count ? (start + page.Count).ToString() : null;
            return Results.Json(new { continuationToken = next, members = page });
        }
        if (http.Request.Method == "GET" && path.Contains("/members/"))
        {
            var userId = Uri.UnescapeDataString(path.Split('/').Last());
            return Profiles.TryGetValue(userId, out var profile)
                ? Results.Json(profile)
                : Results.Json(new { error = new { code = "MemberNotFoundInConversation", message = "not found" } }, statusCode: 404);
        }
        if (http.Request.Method == "POST" && path.TrimEnd('/') == "/connector/v3/conversations")
            return Results.Json(new { id = $"a:created-{Interlocked.Increment(ref _created)}", activityId = "act-created", serviceUrl = ServiceUrl },
                statusCode: 201);
        if (http.Request.Method == "DELETE") return Results.Ok();
        if (http.Request.Method == "POST" && ConversationOf(path) is { } target)
            Delivered.Enqueue((target, JsonNode.Parse(http.Items["body"] as string ?? "null")));
        return Results.Json(new { id = $"sent-{Interlocked.Increment(ref _activityCounter)}" }, statusCode: 201);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
