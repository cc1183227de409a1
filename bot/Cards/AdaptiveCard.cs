using System.Text;
using System.Text.Json.Nodes;
using StudyBot.Protocol;

namespace StudyBot.Cards;

/// <summary>
/// An Adaptive Card 1.5 (the highest Teams renders), built from plain values. Elements and actions are
/// JSON objects made by the small factories in <see cref="Element"/> and <see cref="CardAction"/>.
/// </summary>
public sealed class AdaptiveCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Teams refuses activities much above this; a card must leave room for the envelope.</summary>
    public const int MaxBytes = 28 * 1024;

    private readonly List<JsonObject> _body = [];
    private readonly List<JsonObject> _actions = [];

    public AdaptiveCard Add(JsonObject element) { _body.Add(element); return this; }

    /// <summary>An element put before the others (a correction notice above the card it corrects).</summary>
    public AdaptiveCard AddFirst(JsonObject element) { _body.Insert(0, element); return this; }

    public AdaptiveCard AddAction(JsonObject action) { _actions.Add(action); return this; }

    public JsonObject ToJson()
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = new JsonArray(_body.Select(e => (JsonNode)e.DeepClone()).ToArray()),
        };
        if (_actions.Count > 0) card["actions"] = new JsonArray(_actions.Select(a => (JsonNode)a.DeepClone()).ToArray());
        var size = Encoding.UTF8.GetByteCount(card.ToJsonString());
        if (size > MaxBytes) throw new CardTooLargeException(size);
        return card;
    }

    public Attachment ToAttachment() => new() { ContentType = ContentType, Content = ToJson() };
}

public sealed class CardTooLargeException(int bytes)
    : InvalidOperationException($"Card is {bytes} bytes; the limit is {AdaptiveCard.MaxBytes}");
