using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

/// <summary>
/// A connector that behaves like Teams under load: a token bucket of R requests per second (burst R), every
/// request counted, failed ones too; above the rate it answers 429 with Retry-After. A fraction of requests
/// can fail with 503 and not be delivered. It records when each message arrived and where.
/// </summary>
internal sealed class RateLimitedConnector : IAsyncDisposable
{
    private readonly double limit;
    private readonly double failRate;
    private readonly object _bucketLock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _tokens;

    public RateLimitedConnector(double limit, double failRate)
    {
        this.limit = limit;
        this.failRate = failRate;
        _tokens = limit;
    }

    private double _refilledAt;
    private WebApplication? _app;

    public ConcurrentQueue<(string Conversation, double At)> Deliveries { get; } = new();
    public int Requests;
    public int Throttled;
    public int Failed;
    public double? FirstRequestAt;
    public double Now => _clock.Elapsed.TotalSeconds;
    public string ServiceUrl { get; private set; } = "";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/v3/conversations/{conversation}/activities", (string conversation, HttpContext http) =>
        {
            var now = Now;
            Interlocked.Increment(ref Requests);
            lock (_bucketLock)
            {
                FirstRequestAt ??= now;
                _tokens = Math.Min(limit, _tokens + (now - _refilledAt) * limit);
                _refilledAt = now;
                if (_tokens < 1)
                {
                    Interlocked.Increment(ref Throttled);
                    http.Response.Headers.RetryAfter = "1";
                    return Results.Json(new { error = new { code = "TooManyRequests", message = "slow down" } }, statusCode: 429);
                }
                _tokens -= 1;
            }
            if (failRate > 0 && Random.Shared.NextDouble() < failRate)
            {
                Interlocked.Increment(ref Failed);
                return Results.Json(new { error = new { code = "ServiceUnavailable", message = "try later" } }, statusCode: 503);
            }
            Deliveries.Enqueue((Uri.UnescapeDataString(conversation), Now));
            return Results.Json(new { id = Guid.NewGuid().ToString("N") }, statusCode: 201);
        });
        await _app.StartAsync();
        ServiceUrl = _app.Urls.First().Replace("127.0.0.1", "localhost") + "/";
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
