using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StudyBot.Protocol;

/// <summary>One set of JSON options for everything on the wire, so reading and writing agree.</summary>
public static class WireJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Vietnamese text stays readable in logs and recordings instead of \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// For activities coming in: at most 32 levels deep (Teams sends a dozen at most). The bot writes parts of an
    /// activity back inside its own envelopes (replies, the de-duplication record), which the writer's limit of 64
    /// must still hold.
    /// </summary>
    public static readonly JsonSerializerOptions Inbound = new(Options) { MaxDepth = 32 };
}
