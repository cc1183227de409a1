using System.Text.Json.Nodes;
using StudyBot.Conduct;
using StudyBot.Content;
using Xunit.Abstractions;

namespace StudyBot.Tests.Conduct;

/// <summary>Retrieval measured on questions typed the way members type them, against the shipped knowledge base.</summary>
public sealed class RetrievalTests(ITestOutputHelper output)
{
    public const double Threshold = 0.6;

    public static List<EvaluationQuestion> Questions() =>
        EvaluationResult.Read(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "StudyBot.Tests", "Conduct", "eval-questions.tsv")));

    public static ConductIndex ShippedIndex() => new(KnowledgeItems.FromPack(JsonNode.Parse(ContentPacks.DefaultPackText())!.AsObject()));

    [Fact]
    public void The_evaluation_set_reaches_85_percent_top_1_with_at_most_5_percent_confident_wrong()
    {
        var questions = Questions();
        var result = EvaluationResult.Run(ShippedIndex(), questions, Threshold);
        output.WriteLine($"top1={result.TopOne:P1} confident_wrong={result.ConfidentWrongRate:P1} over {result.Questions} ({result.Answerable} answerable)");
        foreach (var miss in result.Misses) output.WriteLine(miss);

        Assert.True(questions.Count >= 60, "the evaluation set needs at least 60 questions");
        Assert.True(questions.Count(q => q.Expected is null) >= 10, "and some the base cannot answer");
        Assert.True(result.TopOne >= 0.85, $"top-1 {result.TopOne:P1}:\n{string.Join("\n", result.Misses)}");
        Assert.True(result.ConfidentWrongRate <= 0.05, $"confident wrong {result.ConfidentWrongRate:P1}:\n{string.Join("\n", result.Misses)}");
    }
}
