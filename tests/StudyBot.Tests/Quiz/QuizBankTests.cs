using StudyBot.Quiz;
using static StudyBot.Tests.Quiz.PackQuotes;

namespace StudyBot.Tests.Quiz;

/// <summary>
/// The shipped pack is consistent in itself, checked from the repository alone: every passage a question quotes is the
/// words of a source the pack registers, every question cites one, and the bank has what a round needs. Whether the
/// registered sources are themselves true to the verified texts is <see cref="QuizSourceTests"/>' job.
/// </summary>
public sealed class QuizBankTests
{
    /// <summary>
    /// Exact words, flattened; a quotation may lower the first letter of a sentence it starts inside
    /// («dân vận khéo» from "Dân vận khéo là…").
    /// </summary>
    private static bool Says(string text, string part)
    {
        var flat = Flat(text);
        var p = Flat(part);
        return flat.Contains(p, StringComparison.Ordinal)
               || (p.Length > 0 && flat.Contains(char.ToUpperInvariant(p[0]) + p[1..], StringComparison.Ordinal));
    }

    [Fact]
    public void Every_passage_a_question_quotes_is_in_the_words_of_the_source_it_cites()
    {
        var sources = Sources.ToDictionary(s => S(s, "id"));
        var quotes = InQuestions().ToList();
        Assert.True(quotes.Count >= 15, $"only {quotes.Count} quotations were found");
        Assert.All(quotes, q =>
        {
            Assert.True(sources.TryGetValue(q.Source, out var source), $"{q.Owner} cites {q.Source}, which the pack does not register");
            Assert.True(Says(S(source!, "text"), q.Part) || Says(S(source!, "citation"), q.Part),
                $"«{q.Part}» in {q.Owner} is not in the words of {q.Source}");
        });
    }

    [Fact]
    public void Every_passage_a_conduct_answer_quotes_is_in_the_words_of_a_registered_source()
    {
        // An entry resting on a seed quotes the seed's own words; the pack keeps only a summary of each seed, so those are
        // checked against the seed articles themselves (QuizSourceTests), where they are beside the clone.
        var quotes = InConductAnswers().Where(q => !CitesSeed(q.Owner)).ToList();
        Assert.True(quotes.Count >= 5, $"only {quotes.Count} quotations were found");
        Assert.All(quotes, q => Assert.True(Sources.Any(s => Says(S(s, "text"), q.Part) || Says(S(s, "citation"), q.Part)),
            $"«{q.Part}» in {q.Owner} is not in any source the pack registers"));
        Assert.All(ConductEntries, e => Assert.False(string.IsNullOrWhiteSpace(S(e, "citation")), $"{e["id"]} cites nothing"));
    }

    [Fact]
    public void Every_question_cites_a_registered_source_and_scenarios_cite_a_seed()
    {
        var kinds = Sources.ToDictionary(s => S(s, "id"), s => S(s, "kind"));
        Assert.All(Questions, q => Assert.True(kinds.ContainsKey(S(q, "source")), $"{q["id"]} cites nothing known"));
        Assert.All(Questions.Where(q => S(q, "category") == QuestionCategories.Scenario),
            q => Assert.Equal(SourceKinds.Seed, kinds[S(q, "source")]));
        Assert.Equal(["E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "S1", "S2", "S3", "S4"],
            Sources.Where(IsQuotationSource).Select(s => S(s, "id")));
    }

    [Fact]
    public void The_bank_has_forty_questions_on_dan_van_of_every_kind_and_ten_scenarios()
    {
        Assert.True(Questions.Count(q => S(q, "category") == QuestionCategories.DanVan) >= 40);
        Assert.True(Questions.Count(q => S(q, "category") == QuestionCategories.Scenario) >= 10);
        foreach (var kind in QuestionKinds.All) Assert.True(Questions.Count(q => S(q, "kind") == kind) >= 4, kind);
        Assert.Equal(Questions.Count, Questions.Select(q => S(q, "id")).Distinct().Count());
    }

    [Fact]
    public async Task Content_check_prints_the_counts_line_and_fails_on_a_broken_pack()
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        int shipped, broken;
        var file = Path.GetTempFileName();
        try
        {
            shipped = (await StudyBot.Cli.TryRunAsync(["content", "check"]))!.Value;
            await File.WriteAllTextAsync(file, """
                {"format": "studybot/content-pack@1", "quiz": {"sources": [],
                 "questions": [{"id": "q1", "kind": "fill", "category": "danvan", "prompt": "Không có chỗ trống", "answer": "dân", "source": "E9"}]}}
                """);
            broken = (await StudyBot.Cli.TryRunAsync(["content", "check", file]))!.Value;
        }
        finally
        {
            Console.SetOut(original);
            File.Delete(file);
        }
        var text = output.ToString();
        Assert.Equal(0, shipped);
        Assert.Contains("content: excerpts=12 questions=56 single=33 truefalse=11 fill=8 order=4 scenarios=10 conduct=100 themes=9 errors=0", text);
        Assert.Equal(1, broken);
        Assert.Contains("$.quiz.questions[0].source: Nguồn «E9» không có trong «sources» của gói này.", text);
        Assert.Contains("$.quiz.questions[0].prompt: Câu điền từ phải có «___» ở chỗ cần điền.", text);
        Assert.Contains("content: excerpts=0 questions=1 single=0 truefalse=0 fill=1 order=0 scenarios=0 conduct=0 themes=0 errors=2", text);
    }
}
