using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StudyBot.Content;
using StudyBot.Quiz;

namespace StudyBot.Tests.Quiz;

/// <summary>
/// The shipped question bank is true to its sources: every passage it presents as a quotation is found word for
/// word in content-sources.md (or, for scenarios, in the seed article it cites), and every question cites one.
/// </summary>
public sealed partial class QuizBankTests
{
    private static readonly JsonObject Quiz = JsonNode.Parse(ContentPacks.DefaultPackText())!["quiz"]!.AsObject();
    private static readonly List<JsonObject> Sources = Quiz["sources"]!.AsArray().Select(s => s!.AsObject()).ToList();
    private static readonly List<JsonObject> Questions = Quiz["questions"]!.AsArray().Select(q => q!.AsObject()).ToList();

    /// <summary>Line breaks and indentation in the reference file are not part of the words.</summary>
    private static string Flat(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    private static readonly string Verified = Flat(File.ReadAllText(Path.Combine(RepoPaths.Shared, "reference", "content-sources.md")));

    private static readonly Dictionary<string, string> Seeds = Directory.GetFiles(Path.Combine(RepoPaths.Shared, "seeds"), "*.txt")
        .ToDictionary(f => "seed-" + Path.GetFileName(f)[..3], f => Flat(File.ReadAllText(f)));

    [GeneratedRegex("«([^«»]+)»|“([^“”]+)”|\"([^\"]+)\"")]
    private static partial Regex QuotedRegex();

    private static string S(JsonObject o, string key) => o[key]!.GetValue<string>();

    [Fact]
    public void Every_excerpt_and_saying_is_quoted_exactly_from_content_sources()
    {
        var quoted = Sources.Where(s => SourceKinds.IsQuotation(S(s, "kind"))).ToList();
        Assert.Equal(["E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "S1", "S2", "S3", "S4"], quoted.Select(s => S(s, "id")));
        Assert.All(quoted, s => Assert.True(Verified.Contains(Flat(S(s, "text"))), $"{S(s, "id")} is not word for word in content-sources.md"));
    }

    [Fact]
    public void Nothing_in_quotation_marks_is_unverified()
    {
        var titles = Sources.Select(s => S(s, "work")).ToList();
        var places = Questions.SelectMany(q => new[] { "prompt", "explain" }.Where(k => q[k] is not null).Select(k => (q, S(q, k), S(q, "source"))))
            .Concat(Questions.SelectMany(q => (q["choices"] as JsonArray ?? q["items"] as JsonArray ?? []).Select(c => (q, c!.GetValue<string>(), S(q, "source")))))
            .Concat(Sources.Select(s => (s, S(s, "citation"), S(s, "id"))));
        var checkedQuotes = 0;
        foreach (var (owner, text, source) in places)
        {
            // A fill-in question quotes the passage with its blank; the words it expects complete it.
            var filled = owner["kind"]?.GetValue<string>() == "fill" ? text.Replace("___", S(owner, "answer")) : text;
            foreach (Match m in QuotedRegex().Matches(filled))
            {
                var quote = m.Groups.Values.Skip(1).First(g => g.Success).Value;
                if (titles.Any(t => t.Contains(quote))) continue;
                // "…" marks words left out: each part must be in the source.
                foreach (var part in quote.Split('…', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var inSeed = Seeds.TryGetValue(source, out var seed) && seed.Contains(Flat(part));
                    Assert.True(Verified.Contains(Flat(part)) || inSeed, $"«{part}» in {owner["id"]} is not verified");
                    checkedQuotes++;
                }
            }
        }
        Assert.True(checkedQuotes >= 20, $"only {checkedQuotes} quotations were checked");
    }

    [Fact]
    public void The_conduct_answers_quote_only_their_seeds_or_the_verified_passages_and_each_cites_a_source()
    {
        var entries = JsonNode.Parse(ContentPacks.DefaultPackText())!["conduct"]!["entries"]!.AsArray().Select(e => e!.AsObject()).ToList();
        var titles = Sources.Select(s => S(s, "work")).ToList();
        var seeds = string.Join("\n", Seeds.Values);
        var checkedQuotes = 0;
        foreach (var e in entries)
        {
            Assert.False(string.IsNullOrWhiteSpace(S(e, "citation")), $"{e["id"]} cites nothing");
            foreach (Match m in QuotedRegex().Matches(S(e, "answer")))
            {
                var quote = m.Groups.Values.Skip(1).First(g => g.Success).Value;
                // Titles, and the bot's own command words («đề cử»), are in quotation marks without being quotations.
                if (titles.Any(t => t.Contains(quote)) || StudyBot.Help.HelpCards.Commands.Any(c => c.Vietnamese == quote)) continue;
                Assert.True(Verified.Contains(Flat(quote)) || seeds.Contains(Flat(quote)), $"«{quote}» in {e["id"]} is not verified");
                checkedQuotes++;
            }
        }
        Assert.True(checkedQuotes >= 5, $"only {checkedQuotes} quotations were checked");
    }

    [Fact]
    public void Every_question_cites_a_source_and_scenarios_cite_a_seed()
    {
        var kinds = Sources.ToDictionary(s => S(s, "id"), s => S(s, "kind"));
        Assert.All(Questions, q => Assert.True(kinds.ContainsKey(S(q, "source")), $"{q["id"]} cites nothing known"));
        Assert.All(Questions.Where(q => S(q, "category") == QuestionCategories.Scenario),
            q => Assert.Equal(SourceKinds.Seed, kinds[S(q, "source")]));
        Assert.All(Sources.Where(s => S(s, "kind") == SourceKinds.Seed), s => Assert.True(Seeds.ContainsKey(S(s, "id")), $"{s["id"]} is not a seed"));
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
        Assert.Contains("content: excerpts=12 questions=56 single=33 truefalse=11 fill=8 order=4 scenarios=10 conduct=20 themes=9 errors=0", text);
        Assert.Equal(1, broken);
        Assert.Contains("$.quiz.questions[0].source: Nguồn «E9» không có trong «sources» của gói này.", text);
        Assert.Contains("$.quiz.questions[0].prompt: Câu điền từ phải có «___» ở chỗ cần điền.", text);
        Assert.Contains("content: excerpts=0 questions=1 single=0 truefalse=0 fill=1 order=0 scenarios=0 conduct=0 themes=0 errors=2", text);
    }
}
