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
            activity = await JsonSerializer.DeserializeAsync<Activity>(http.Request.Body, WireJson.Options, http.RequestAborted);
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

    /// <summary>The fields every turn depends on; Teams always sends them.</summary>
    private static string? MissingField(Activity a) =>
        string.IsNullOrWhiteSpace(a.Type) ? "type"
        : string.IsNullOrWhiteSpace(a.ChannelId) ? "channelId"
        : string.IsNullOrWhiteSpace(a.ServiceUrl) ? "serviceUrl"
        : string.IsNullOrWhiteSpace(a.Conversation?.Id) ? "conversation.id"
        : string.IsNullOrWhiteSpace(a.From?.Id) ? "from.id"
        : null;
}
