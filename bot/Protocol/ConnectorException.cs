using System.Net;

namespace StudyBot.Protocol;

/// <summary>The connector answered with an error; <see cref="Code"/> is its own error code, when it gave one.</summary>
public sealed class ConnectorException(HttpStatusCode status, string? code, string message, TimeSpan? retryAfter = null)
    : Exception($"Connector answered {(int)status} {code}: {message}")
{
    public HttpStatusCode Status { get; } = status;
    public string? Code { get; } = code;
    /// <summary>What a 429 (or 503) asked the bot to wait, if it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
