using System.Net;
using System.Net.Http.Headers;
using StudyBot.Telemetry;

namespace StudyBot.Protocol;

/// <summary>
/// The Bot Connector REST API (bot-protocol.md C), with the retry rules of section F. The token goes
/// only to the conversation's own serviceUrl, and only where <see cref="ServiceUrlPolicy"/> allows it.
/// </summary>
public sealed class ConnectorClient(
    HttpClient http, IChannelTokenSource tokens, ServiceUrlPolicy policy, TimeProvider time, BotMetrics metrics,
    ILogger<ConnectorClient> logger)
{
    private const int MaxAttempts = 4;
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    public Task<ResourceResponse> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken ct) =>
        CallAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, $"v3/conversations/{E(conversationId)}/activities", activity, ct);

    /// <summary>
    /// One attempt, no retry: for the outbox, which reschedules a failed row itself so that other rows
    /// keep going while this one waits.
    /// </summary>
    public Task<ResourceResponse> SendOnceAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken ct) =>
        CallAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, $"v3/conversations/{E(conversationId)}/activities", activity, ct,
            maxAttempts: 1);

    public Task<ResourceResponse> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken ct) =>
        CallAsync<ResourceResponse>(HttpMethod.Post, serviceUrl,
            $"v3/conversations/{E(conversationId)}/activities/{E(replyToId)}", activity, ct);

    public Task<ResourceResponse> UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct) =>
        CallAsync<ResourceResponse>(HttpMethod.Put, serviceUrl,
            $"v3/conversations/{E(conversationId)}/activities/{E(activityId)}", activity, ct);

    public Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken ct) =>
        CallAsync<object>(HttpMethod.Delete, serviceUrl, $"v3/conversations/{E(conversationId)}/activities/{E(activityId)}", null, ct);

    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken ct) =>
        CallAsync<ConversationResourceResponse>(HttpMethod.Post, serviceUrl, "v3/conversations", parameters, ct);

    public Task<PagedMembersResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int pageSize,
        string? continuationToken, CancellationToken ct)
    {
        var query = $"pageSize={Math.Clamp(pageSize, 50, 500)}"
                    + (continuationToken is null ? "" : $"&continuationToken={E(continuationToken)}");
        return CallAsync<PagedMembersResult>(HttpMethod.Get, serviceUrl,
            $"v3/conversations/{E(conversationId)}/pagedmembers?{query}", null, ct);
    }

    /// <summary>Every member of a team or chat, page by page until the connector stops giving a token.</summary>
    public async IAsyncEnumerable<TeamsMember> GetAllMembersAsync(string serviceUrl, string conversationId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? token = null;
        do
        {
            var page = await GetPagedMembersAsync(serviceUrl, conversationId, 500, token, ct);
            foreach (var member in page.Members ?? []) yield return member;
            token = string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken;
        } while (token is not null);
    }

    public Task<TeamsMember> GetMemberAsync(string serviceUrl, string conversationId, string userId, CancellationToken ct) =>
        CallAsync<TeamsMember>(HttpMethod.Get, serviceUrl, $"v3/conversations/{E(conversationId)}/members/{E(userId)}", null, ct);

    private static string E(string segment) => Uri.EscapeDataString(segment);

    /// <summary>
    /// The body as bytes, so the request carries a Content-Length as both official SDKs' requests do; a streamed
    /// JsonContent goes out chunked, which not every front end of the Bot Connector is known to accept.
    /// </summary>
    private static ByteArrayContent JsonBody(object body)
    {
        var content = new ByteArrayContent(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), WireJson.Options));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private async Task<T> CallAsync<T>(HttpMethod method, string serviceUrl, string path, object? body, CancellationToken ct,
        int maxAttempts = MaxAttempts)
    {
        if (!policy.IsAllowed(serviceUrl))
            throw new ConnectorException(HttpStatusCode.Forbidden, "ServiceUrlNotAllowed", "serviceUrl is not allowed");
        var uri = new Uri(new Uri(serviceUrl.TrimEnd('/') + "/"), path);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, uri);
            if (body is not null) request.Content = JsonBody(body);
            var token = await tokens.GetTokenAsync(ct);
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

            using var response = await AnsweredAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(ct);
                if (typeof(T) == typeof(object) || string.IsNullOrWhiteSpace(text)) return default!;
                return System.Text.Json.JsonSerializer.Deserialize<T>(text, WireJson.Options)!;
            }

            var delay = RetryDelay(response, attempt);
            if (delay is null || attempt >= maxAttempts) throw await ToExceptionAsync(response, ct);
            logger.LogWarning("Connector answered {Status} on {Method} {Path}; retry {Attempt} in {Delay}",
                (int)response.StatusCode, method, path, attempt, delay);
            await Task.Delay(delay.Value, time, ct);
        }
    }

    /// <summary>Every answer, and every call that got none, is counted by how Teams answered.</summary>
    private async Task<HttpResponseMessage> AnsweredAsync(HttpRequestMessage request, CancellationToken ct)
    {
        HttpResponseMessage response;
        try { response = await http.SendAsync(request, ct); }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            metrics.NoAnswer(request.Method);
            throw;
        }
        metrics.Answered(request.Method, (int)response.StatusCode);
        return response;
    }

    /// <summary>Section F: 429 honours Retry-After; 412 and 502–504 back off with jitter; the rest are final.</summary>
    private static TimeSpan? RetryDelay(HttpResponseMessage response, int attempt)
    {
        var status = (int)response.StatusCode;
        if (status is not (429 or 412 or 502 or 503 or 504)) return null;
        var retryAfter = response.Headers.RetryAfter?.Delta;
        if (retryAfter is { } given) return given <= MaxRetryAfter ? given : null;
        var backoff = TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt - 1));
        return backoff + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)backoff.TotalMilliseconds));
    }

    private static async Task<ConnectorException> ToExceptionAsync(HttpResponseMessage response, CancellationToken ct)
    {
        ErrorBody? error = null;
        try { error = (await response.Content.ReadFromJsonAsync<ErrorResponse>(WireJson.Options, ct))?.Error; }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException) { }
        return new ConnectorException(response.StatusCode, error?.Code, error?.Message ?? response.ReasonPhrase ?? "",
            response.Headers.RetryAfter?.Delta);
    }
}
