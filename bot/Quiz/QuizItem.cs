using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StudyBot.Protocol;

namespace StudyBot.Quiz;

/// <summary>
/// A question as it was when a round or a practice set was drawn, with its source: what the member is asked,
/// how it is marked, and what the reveal shows. Stored as JSON in the round or attempt.
/// </summary>
public sealed record QuizItem(string Id, string Kind, string Prompt, List<string> Options, string Answer, List<string> Accept,
    string? Explain, SourceSnapshot Source)
{
    public static QuizItem From(QuizQuestion q, QuizSource s) => new(q.Id, q.Kind, q.Prompt,
        JsonSerializer.Deserialize<List<string>>(q.Options, WireJson.Options) ?? [], q.Answer,
        JsonSerializer.Deserialize<List<string>>(q.Accept, WireJson.Options) ?? [], q.Explain,
        new SourceSnapshot(s.Id, s.Kind, s.Work, s.Text, s.Citation));

    public static string Serialize(IEnumerable<QuizItem> items) => JsonSerializer.Serialize(items, WireJson.Options);

    public static List<QuizItem> Deserialize(string json) => JsonSerializer.Deserialize<List<QuizItem>>(json, WireJson.Options) ?? [];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, (string Json, IReadOnlyList<QuizItem> Items)> RoundItems = new();
    private const int RoundItemsKept = 256;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Guid Round, int Version), IReadOnlyList<QuizItem>> StoredRoundItems = new();

    /// <summary>
    /// The questions of a round as stored, for a round read without them (<see cref="QuizQueries.RoundHead"/>). Every
    /// change to a round's questions raises its version, so a version read from the store names one set of questions;
    /// only what was read from the store is kept, never a change not yet saved. Callers must not change the list.
    /// </summary>
    internal static async Task<IReadOnlyList<QuizItem>> OfStoredRoundAsync(Storage.StudyBotDb db, QuizRound head)
    {
        if (StoredRoundItems.TryGetValue((head.Id, head.Version), out var cached)) return cached;
        var json = await QuizQueries.RoundItems.For(db)(db, head.Id, head.Version, default);
        // The round changed between the two reads: use what is stored now, and keep nothing under a version it is not.
        if (json is null) return Deserialize(await db.Set<QuizRound>().Where(r => r.Id == head.Id).Select(r => r.Items).FirstAsync()).AsReadOnly();
        if (StoredRoundItems.Count >= RoundItemsKept) StoredRoundItems.Clear(); // rounds in play at once are few
        var items = Deserialize(json).AsReadOnly();
        StoredRoundItems[(head.Id, head.Version)] = items;
        return items;
    }

    /// <summary>
    /// A round's questions, read once and shared: every answer in a round reads the same tens of kilobytes, and
    /// reading them again for each of thousands of answers was a quarter of the answer's time. The cached copy is used
    /// only while the stored text is the same, so a changed round is read afresh. Callers must not change the list.
    /// </summary>
    public static IReadOnlyList<QuizItem> OfRound(QuizRound round)
    {
        if (RoundItems.TryGetValue(round.Id, out var cached) && string.Equals(cached.Json, round.Items, StringComparison.Ordinal))
            return cached.Items;
        if (RoundItems.Count >= RoundItemsKept) RoundItems.Clear(); // rounds in play at once are few
        var items = Deserialize(round.Items).AsReadOnly();
        RoundItems[round.Id] = (round.Items, items);
        return items;
    }

    /// <summary>
    /// Reads the card's inputs into a response and marks it. Null with an error key when the input is not a
    /// usable answer (nothing chosen, a value the card never offered, a step used twice).
    /// </summary>
    public (string? Response, bool Correct, string? ErrorKey) Mark(Func<string, string?> input)
    {
        switch (Kind)
        {
            case QuestionKinds.Single:
            {
                var value = input("answer");
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= Options.Count)
                    return (null, false, "Quiz.ChooseOne");
                return (value, value == Answer, null);
            }
            case QuestionKinds.TrueFalse:
            {
                var value = input("answer");
                if (value is not ("true" or "false")) return (null, false, "Quiz.ChooseOne");
                return (value, value == Answer, null);
            }
            case QuestionKinds.Fill:
            {
                var value = input("answer")?.Trim();
                if (string.IsNullOrEmpty(value)) return (null, false, "Quiz.TypeAnswer");
                if (value.Length > 200) value = value[..200];
                var typed = Simplify(value);
                return (value, Simplify(Answer) == typed || Accept.Any(a => Simplify(a) == typed), null);
            }
            case QuestionKinds.Order:
            {
                var picked = new List<int>();
                for (var step = 1; step <= Options.Count; step++)
                {
                    if (!int.TryParse(input($"step{step}"), NumberStyles.None, CultureInfo.InvariantCulture, out var item) || item >= Options.Count)
                        return (null, false, "Quiz.FillEveryStep");
                    picked.Add(item);
                }
                if (picked.Distinct().Count() != picked.Count) return (null, false, "Quiz.StepTwice");
                return (string.Join(",", picked), picked.SequenceEqual(Enumerable.Range(0, Options.Count)), null);
            }
            default:
                return (null, false, "Quiz.ChooseOne");
        }
    }

    /// <summary>The right answer as a person reads it.</summary>
    public string RightAnswer(Resources.Texts t) => Kind switch
    {
        QuestionKinds.Single => Options[int.Parse(Answer, CultureInfo.InvariantCulture)],
        QuestionKinds.TrueFalse => t[Answer == "true" ? "Quiz.True" : "Quiz.False"],
        QuestionKinds.Order => string.Join(" → ", Options),
        _ => Answer,
    };

    /// <summary>A stored response as a person reads it.</summary>
    public string Describe(string? response, Resources.Texts t) => response is null ? t["Quiz.NoAnswer"] : Kind switch
    {
        QuestionKinds.Single when int.TryParse(response, out var i) && i < Options.Count => Options[i],
        QuestionKinds.TrueFalse => t[response == "true" ? "Quiz.True" : "Quiz.False"],
        QuestionKinds.Order => string.Join(" → ", response.Split(',').Select(p => int.TryParse(p, out var i) && i < Options.Count ? Options[i] : "?")),
        _ => response,
    };

    /// <summary>Case, spacing and punctuation do not decide a fill-in answer; the words (with their tones) do.</summary>
    public static string Simplify(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormC).ToLowerInvariant())
            if (char.IsLetterOrDigit(c)) builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != ' ') builder.Append(' ');
        return builder.ToString().Trim();
    }
}

public sealed record SourceSnapshot(string Id, string Kind, string Work, string Text, string Citation);
