using System.Text.Json.Nodes;
using StudyBot.Conduct;
using StudyBot.Content;
using Xunit.Abstractions;

namespace StudyBot.Tests.Conduct;

/// <summary>Retrieval measured on questions typed the way members type them, against the shipped knowledge base.</summary>
public sealed class RetrievalTests(ITestOutputHelper output)
{
    public static readonly double Threshold = new ConductOptions().ConfidenceThreshold;

    public static List<EvaluationQuestion> Questions() => EvaluationSets.Tuning();

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

    [Fact]
    public void Without_any_diacritics_the_same_questions_meet_the_same_targets()
    {
        var plain = Questions().Select(q => q with { Query = VietnameseText.Fold(q.Query) }).ToList();
        Assert.Contains(plain, q => q.Query == "doanh nghiep no bao hiem xa hoi thi noi chuyen the nao");
        var result = EvaluationResult.Run(ShippedIndex(), plain, Threshold);
        output.WriteLine($"without diacritics: top1={result.TopOne:P1} confident_wrong={result.ConfidentWrongRate:P1}");
        Assert.True(result.TopOne >= 0.85, string.Join("\n", result.Misses));
        Assert.True(result.ConfidentWrongRate <= 0.05, string.Join("\n", result.Misses));
    }

    [Theory]
    [InlineData("nois chuyeenj", "noi chuyen")]
    [InlineData("nguwowif daan", "nguoi dan")]
    [InlineData("Đơn vị nợ BHXH", "don vi no bhxh")]
    [InlineData("ko dc", "ko dc")]
    public void Telex_left_in_and_tones_fold_to_the_same_words(string typed, string plain)
    {
        Assert.Equal(VietnameseText.Terms(plain), VietnameseText.Terms(typed));
    }

    [Fact]
    public void Abbreviations_and_paraphrases_meet_in_the_same_terms()
    {
        Assert.Equal(VietnameseText.Terms("công ty chậm đóng bảo hiểm xã hội"), VietnameseText.Terms("cty no bhxh"));
        Assert.Contains("@employer", VietnameseText.Terms("chủ sử dụng lao động"));
        Assert.Contains("@angry", VietnameseText.Terms("khách lớn tiếng"));
    }

    [Fact]
    public void Working_days_skip_weekends_and_holidays()
    {
        var friday = new DateTime(2026, 11, 20, 10, 0, 0);
        Assert.Equal(new DateTime(2026, 11, 24, 10, 0, 0), WorkingDays.Add(friday, 2, []));
        Assert.Equal(new DateTime(2026, 11, 25, 10, 0, 0), WorkingDays.Add(friday, 2, ["2026-11-23"]));
        Assert.Equal(new DateTime(2026, 11, 23, 10, 0, 0), WorkingDays.Add(new DateTime(2026, 11, 19, 10, 0, 0), 2, []));
    }
}
