using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace StudyBot.Protocol;

public static class MessagesEndpoint
{
    /// <summary>Teams messages are far smaller; anything bigger is not a real activity.</summary>
    public const long MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapBotMessages(this IEndpointRouteBuilder app)
    {
        // Clients (the Agents Playground among them) probe reachability with HEAD before they post.
        app.MapMethods("/api/messages", ["HEAD"], () => Results.Ok());
        app.MapPost("/api/messages", HandleAsync);
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, InboundAuthenticator auth,
        ServiceUrlPolicy serviceUrls, IActivityHandler handler, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(MessagesEndpoint));
        var authorization = http.Request.Headers.Authorization.ToString();
        if (!auth.AnonymousMode && string.IsNullOrEmpty(authorization))
            return Unauthorized(logger, "missing Authorization header");

        var sizeFeature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = MaxBodyBytes;
        if (http.Request.ContentLength > MaxBodyBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);

        Activity? activity;
        try
        {
            // Read to the end first: a parser that stops at the first bad byte would leave the rest of the request
            // on the connection, and the client's next request on it would fail.
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, http.RequestAborted);
            activity = JsonSerializer.Deserialize<Activity>(body.GetBuffer().AsSpan(0, (int)body.Length), WireJson.Inbound);
        }
        catch (JsonException) { return Results.BadRequest(); }
        catch (BadHttpRequestException ex) { return Results.StatusCode(ex.StatusCode); }

        if (activity is null || MissingField(activity) is { } missing)
        {
            logger.LogInformation("Rejected an activity without {Field}", activity is null ? "a body" : MissingField(activity));
            return Results.BadRequest();
        }

        var result = await auth.AuthenticateAsync(authorization, activity, http.RequestAborted);
        if (!result.Succeeded) return Unauthorized(logger, result.Failure!);
        if (!serviceUrls.IsAllowed(activity.ServiceUrl))
        {
            logger.LogWarning("Refused an activity whose serviceUrl host is not allowed: {Host}",
                Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var u) ? u.Host : "(invalid)");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var outcome = await handler.HandleAsync(activity, http.RequestAborted);
        return outcome.Body is null
            ? Results.StatusCode(outcome.HttpStatus)
            : Results.Json(outcome.Body, WireJson.Options, statusCode: outcome.HttpStatus);
    }

    private static IResult Unauthorized(ILogger logger, string why)
    {
        logger.LogInformation("Refused a request to /api/messages: {Reason}", why);
        return Results.Unauthorized();
    }

    /// <summary>
    /// The fields every turn depends on, present and of a sane length. Teams' ids are a few hundred characters at
    /// most; an id of thousands would only make the reply's URL fail later, so it is refused here.
    /// </summary>
    private static string? MissingField(Activity a) =>
        string.IsNullOrWhiteSpace(a.Type) || a.Type.Length > 64 ? "type"
        : string.IsNullOrWhiteSpace(a.ChannelId) || a.ChannelId.Length > 64 ? "channelId"
        : string.IsNullOrWhiteSpace(a.ServiceUrl) || a.ServiceUrl.Length > 2048 ? "serviceUrl"
        : !IsId(a.Conversation?.Id) ? "conversation.id"
        : !IsId(a.From?.Id) ? "from.id"
        : (a.Id is not null && !IsId(a.Id)) || (a.ReplyToId is not null && !IsId(a.ReplyToId)) ? "id"
        : null;

    /// <summary>Present, not too long, and no control characters: the reply's URL is built from it.</summary>
    private static bool IsId(string? id) => !string.IsNullOrWhiteSpace(id) && id.Length <= MaxIdLength && !id.Any(char.IsControl);

    private const int MaxIdLength = 1024;
}
