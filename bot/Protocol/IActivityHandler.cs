using System.Text.Json.Nodes;

namespace StudyBot.Protocol;

/// <summary>What the endpoint answers: an HTTP status and, for invokes, a body.</summary>
public sealed record TurnOutcome(int HttpStatus, JsonNode? Body = null)
{
    public static readonly TurnOutcome Ok = new(200);
    public static readonly TurnOutcome NotImplemented = new(501);
}

/// <summary>
/// The seam between the wire and the product: the endpoint authenticates and parses, then hands the
/// activity here. Conversations implements it; Protocol never knows about features.
/// </summary>
public interface IActivityHandler
{
    Task<TurnOutcome> HandleAsync(Activity activity, CancellationToken ct);
}
