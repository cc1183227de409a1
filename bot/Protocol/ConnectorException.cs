using System.Net;

namespace StudyBot.Protocol;

/// <summary>The connector answered with an error; <see cref="Code"/> is its own error code, when it gave one.</summary>
public sealed class ConnectorException(HttpStatusCode status, string? code, string message)
    : Exception($"Connector answered {(int)status} {code}: {message}")
{
    public HttpStatusCode Status { get; } = status;
    public string? Code { get; } = code;
}
