using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Protocol;
using StudyBot.Quiz;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;
using StudyBot.Tests.Reminders;

namespace StudyBot.Tests.Quiz;

/// <summary>Helpers for the quiz suites: the cards people received, and the inputs that answer a question right or wrong.</summary>
public abstract class QuizSuite(StorageProvider provider) : ReminderSuite(provider)
{
    protected static List<JsonNode> CardsTo(BotHost bot, string upn) => People.CardsTo(bot, upn);

    protected static List<JsonNode> CardsTo(BotHost bot, string upn, string containing) =>
        CardsTo(bot, upn).Where(c => CardReader.Visible(c).Contains(containing)).ToList();

    protected static string LastTextTo(BotHost bot, string upn) => People.LastTextTo(bot, upn);

    protected static JsonNode LastCardTo(BotHost bot, string upn) => CardsTo(bot, upn)[^1];

    /// <summary>The data of the card's button with this verb (Action.Execute), as a click would send it.</summary>
    protected static JsonObject ButtonData(JsonNode card, string verb) =>
        CardReader.AllActions(card).First(a => a["verb"]?.GetValue<string>() == verb)["data"]!.DeepClone().AsObject();

    /// <summary>The question on screen for this attempt, read from the store.</summary>
    protected static async Task<(QuizItem Item, int Position)> CurrentAsync(BotHost bot, Guid attemptId)
    {
        await using var db = bot.NewDb();
        var attempt = await db.Set<QuizAttempt>().SingleAsync(a => a.Id == attemptId);
        var items = attempt.RoundId is { } roundId
            ? QuizItem.Deserialize((await db.Set<QuizRound>().SingleAsync(r => r.Id == roundId)).Items)
            : QuizItem.Deserialize(attempt.Items!);
        var order = JsonSerializer.Deserialize<List<int>>(attempt.Order, WireJson.Options)!;
        return (items[order[attempt.Position]], attempt.Position);
    }

    /// <summary>What a person would put in the card to answer right (or, with <paramref name="right"/> false, wrong).</summary>
    protected static JsonObject Answer(Guid attemptId, int position, QuizItem item, bool right = true)
    {
        var data = new JsonObject { ["attemptId"] = attemptId.ToString(), ["position"] = position };
        switch (item.Kind)
        {
            case QuestionKinds.Single:
                data["answer"] = right ? item.Answer : ((int.Parse(item.Answer) + 1) % item.Options.Count).ToString();
                break;
            case QuestionKinds.TrueFalse:
                data["answer"] = right ? item.Answer : item.Answer == "true" ? "false" : "true";
                break;
            case QuestionKinds.Fill:
                data["answer"] = right ? item.Answer.ToUpperInvariant() + "." : "không biết";
                break;
            case QuestionKinds.Order:
                for (var i = 0; i < item.Options.Count; i++)
                    data[$"step{i + 1}"] = (right ? i : (i + 1) % item.Options.Count).ToString();
                break;
        }
        return data;
    }

    /// <summary>What the invoke answer shows: its status line, or everything readable on the card that replaced the old one.</summary>
    protected static string Shown(JsonNode answer) =>
        answer["value"] is JsonValue v ? v.GetValue<string>() : CardReader.Visible(answer["value"]!);

    protected static Guid AttemptOf(JsonNode card) => Guid.Parse(ButtonData(card, QuizCards.AnswerVerb)["attemptId"]!.GetValue<string>());
}
