using System.Text.Json.Nodes;
using StudyBot.Protocol;
using StudyBot.Resources;

namespace StudyBot.Cards;

/// <summary>The wrappers every feature's cards go out in: a card as news, a card in each language, a short notice.</summary>
public static class CardMessages
{
    /// <summary>A card sent unasked (a push, an invitation, a decision), raised in the activity feed as news.</summary>
    public static Activity Message(AdaptiveCard card) => new()
    {
        Type = ActivityTypes.Message, Attachments = [card.ToAttachment()],
        ChannelData = new JsonObject { ["notification"] = new JsonObject { ["alert"] = true } },
    };

    /// <summary>A broadcast's content: the same card in each language the bot speaks, picked per recipient.</summary>
    public static Dictionary<string, Activity> InEachLanguage(Func<Texts, AdaptiveCard> card) =>
        new[] { Languages.Vietnamese, Languages.English }.ToDictionary(l => l, l => Message(card(new Texts(l))));

    /// <summary>What a form becomes once it is done: its heading and one sentence, with nothing left to press.</summary>
    public static AdaptiveCard Notice(string heading, string text) =>
        new AdaptiveCard().Add(Element.Heading(heading)).Add(Element.Text(text));
}
