using StudyBot.Tests.Infrastructure;
using static StudyBot.Tests.Quiz.PackQuotes;

namespace StudyBot.Tests.Quiz;

/// <summary>
/// The pack is true to the verified texts: every excerpt and saying is word for word in content-sources.md, and every
/// other quotation (in a question, a citation or a conduct answer) is in it or in the seed article it comes from.
/// </summary>
public sealed class QuizSourceTests
{
    private static readonly Lazy<string> Verified = new(() => Flat(File.ReadAllText(SharedReference.ContentSources)));

    private static readonly Lazy<Dictionary<string, string>> Seeds = new(() =>
        Directory.GetFiles(SharedReference.Seeds, "*.txt")
            .ToDictionary(f => "seed-" + Path.GetFileName(f)[..3], f => Flat(File.ReadAllText(f))));

    private static bool IsVerified(string part, string? seed = null) =>
        Verified.Value.Contains(Flat(part)) || (seed is not null && Seeds.Value.TryGetValue(seed, out var text) && text.Contains(Flat(part)));

    [SharedFact]
    public void Every_excerpt_and_saying_is_quoted_exactly_from_content_sources()
    {
        var quoted = Sources.Where(IsQuotationSource).ToList();
        Assert.NotEmpty(quoted);
        Assert.All(quoted, s => Assert.True(IsVerified(S(s, "text")), $"{S(s, "id")} is not word for word in content-sources.md"));
    }

    [SharedFact]
    public void Nothing_a_question_or_citation_quotes_is_unverified()
    {
        var quotes = InQuestions().Concat(InCitations()).ToList();
        Assert.True(quotes.Count >= 20, $"only {quotes.Count} quotations were checked");
        Assert.All(quotes, q => Assert.True(IsVerified(q.Part, q.Source), $"«{q.Part}» in {q.Owner} is not verified"));
    }

    [SharedFact]
    public void The_conduct_answers_quote_only_the_seeds_or_the_verified_passages()
    {
        var quotes = InConductAnswers().ToList();
        Assert.True(quotes.Count >= 5, $"only {quotes.Count} quotations were checked");
        var seeds = string.Join("\n", Seeds.Value.Values);
        Assert.All(quotes, q => Assert.True(IsVerified(q.Part) || seeds.Contains(Flat(q.Part)), $"«{q.Part}» in {q.Owner} is not verified"));
    }

    [SharedFact]
    public void Every_seed_source_is_one_of_the_seed_articles()
    {
        var seedSources = Sources.Where(s => S(s, "kind") == StudyBot.Quiz.SourceKinds.Seed).ToList();
        Assert.Equal(Seeds.Value.Count, seedSources.Count);
        Assert.All(seedSources, s => Assert.True(Seeds.Value.ContainsKey(S(s, "id")), $"{s["id"]} is not a seed"));
    }
}
