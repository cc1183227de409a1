using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StudyBot.Content;
using StudyBot.Quiz;

namespace StudyBot.Tests.Quiz;

/// <summary>
/// The shipped pack read as data, and every passage it puts in quotation marks: what the checks against the pack's own
/// sources and against the verified sources in ../shared both walk.
/// </summary>
public static partial class PackQuotes
{
    public static readonly JsonObject Pack = JsonNode.Parse(ContentPacks.DefaultPackText())!.AsObject();
    public static readonly List<JsonObject> Sources = Pack["quiz"]!["sources"]!.AsArray().Select(s => s!.AsObject()).ToList();
    public static readonly List<JsonObject> Questions = Pack["quiz"]!["questions"]!.AsArray().Select(q => q!.AsObject()).ToList();
    public static readonly List<JsonObject> ConductEntries = Pack["conduct"]!["entries"]!.AsArray().Select(e => e!.AsObject()).ToList();

    public static string S(JsonObject o, string key) => o[key]!.GetValue<string>();

    /// <summary>Line breaks and indentation in a source file are not part of the words.</summary>
    public static string Flat(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    [GeneratedRegex("«([^«»]+)»|“([^“”]+)”|\"([^\"]+)\"")]
    private static partial Regex QuotedRegex();

    /// <summary>What stands between quotation marks in a text.</summary>
    public static IEnumerable<string> Quoted(string text) =>
        QuotedRegex().Matches(text).Select(m => m.Groups.Values.Skip(1).First(g => g.Success).Value);

    /// <summary>The four headings of «Dân vận» (1949): an answer names them, like the work's title; it quotes no passage.</summary>
    private static readonly string[] Headings = ["Nước ta là nước dân chủ", "Dân vận là gì?", "Ai phụ trách dân vận?", "Dân vận phải thế nào?"];

    /// <summary>A title in quotation marks («Dân vận») names a work; it quotes nothing.</summary>
    public static bool IsTitle(string quote) =>
        Sources.Any(s => S(s, "work").Contains(quote, StringComparison.Ordinal));

    /// <summary>Whether the entry rests on a seed article: its quotations are then the seed's words, checked against the seeds.</summary>
    public static bool CitesSeed(string entryId) => ConductEntries.Any(e => S(e, "id") == entryId
        && (e["sources"] as JsonArray ?? []).Any(x => x!.GetValue<string>().StartsWith("seed-", StringComparison.Ordinal)));

    /// <summary>
    /// Every quoted passage of a question (prompt, explanation, choices or items), with the question and the source it
    /// cites. A fill-in question quotes its passage with the blank filled by the answer; "…" marks words left out, so
    /// each part is a passage of its own.
    /// </summary>
    public static IEnumerable<(string Owner, string Part, string Source)> InQuestions() =>
        from q in Questions
        from text in new[] { "prompt", "explain" }.Where(k => q[k] is not null).Select(k => S(q, k))
            .Concat((q["choices"] as JsonArray ?? q["items"] as JsonArray ?? []).Select(c => c!.GetValue<string>()))
        let filled = q["kind"]?.GetValue<string>() == "fill" ? text.Replace("___", S(q, "answer")) : text
        from quote in Quoted(filled)
        where !IsTitle(quote)
        from part in quote.Split('…', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        select (S(q, "id"), part, S(q, "source"));

    /// <summary>The quoted passages of the sources' own citations («… — phần «Dân vận là gì?»»).</summary>
    public static IEnumerable<(string Owner, string Part, string Source)> InCitations() =>
        from s in Sources
        from quote in Quoted(S(s, "citation"))
        where !IsTitle(quote)
        select (S(s, "id"), quote, S(s, "id"));

    /// <summary>The quoted passages of the conduct answers; the bot's own command words («đề cử») are not quotations.</summary>
    public static IEnumerable<(string Owner, string Part)> InConductAnswers() =>
        from e in ConductEntries
        from quote in Quoted(S(e, "answer"))
        where !IsTitle(quote) && !Headings.Contains(quote) && !StudyBot.Help.HelpCards.Commands.Any(c => c.Vietnamese == quote)
        select (S(e, "id"), quote);

    public static bool IsQuotationSource(JsonObject source) => SourceKinds.IsQuotation(S(source, "kind"));
}
