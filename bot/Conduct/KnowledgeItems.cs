using System.Text.Json.Nodes;

namespace StudyBot.Conduct;

/// <summary>
/// What the bot answers from, read from a content pack (the evaluation and the benchmark use the shipped pack):
/// the conduct entries, and the quiz bank's conduct scenarios, whose right choice and explanation make an answer.
/// </summary>
public static class KnowledgeItems
{
    public static List<KnowledgeItem> FromPack(JsonObject pack)
    {
        var items = new List<KnowledgeItem>();
        foreach (var e in (pack["conduct"]?["entries"] as JsonArray ?? []).OfType<JsonObject>())
            items.Add(new KnowledgeItem(e["id"]!.GetValue<string>(), Strings(e["questions"]), e["answer"]!.GetValue<string>(),
                e["citation"]!.GetValue<string>(), Strings(e["tags"]), e["unitRule"]?.GetValue<bool>() ?? false));
        var sources = (pack["quiz"]?["sources"] as JsonArray ?? []).OfType<JsonObject>()
            .ToDictionary(s => s["id"]!.GetValue<string>(), s => SourceLine.Readable(s["citation"]!.GetValue<string>()));
        foreach (var q in (pack["quiz"]?["questions"] as JsonArray ?? []).OfType<JsonObject>()
                     .Where(q => q["category"]?.GetValue<string>() == Quiz.QuestionCategories.Scenario && q["kind"]?.GetValue<string>() == "single"))
        {
            var choices = Strings(q["choices"]);
            items.Add(Scenario(q["id"]!.GetValue<string>(), q["prompt"]!.GetValue<string>(), choices[q["answer"]!.GetValue<int>()],
                q["explain"]?.GetValue<string>(), sources.GetValueOrDefault(q["source"]!.GetValue<string>(), "")));
        }
        return items;
    }

    /// <summary>A conduct scenario as an answer: what to do, and why when the bank says.</summary>
    public static KnowledgeItem Scenario(string id, string prompt, string rightChoice, string? explain, string citation) =>
        new(id, [prompt], explain is null ? rightChoice + "." : $"{rightChoice}. {explain}", citation, ["tình huống ứng xử"]);

    private static List<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(x => x!.GetValue<string>()).ToList();
}

/// <summary>An evaluation question: how a member typed it, and the item that should answer it (null: none should).</summary>
public sealed record EvaluationQuestion(string Query, string? Expected);

/// <summary>Top-1 accuracy over answerable questions, and the share of all questions answered confidently but wrongly.</summary>
public sealed record EvaluationResult(int Questions, int Answerable, int TopOneRight, int ConfidentWrong, IReadOnlyList<string> Misses)
{
    public double TopOne => Answerable == 0 ? 0 : (double)TopOneRight / Answerable;
    public double ConfidentWrongRate => Questions == 0 ? 0 : (double)ConfidentWrong / Questions;

    public static List<EvaluationQuestion> Read(string tsv) => tsv.Split('\n')
        .Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.Split('\t')).Select(p => new EvaluationQuestion(p[0], p[1] == "-" ? null : p[1])).ToList();

    public static EvaluationResult Run(ConductIndex index, IReadOnlyList<EvaluationQuestion> questions, double threshold) =>
        Run(index.Search, questions, threshold);

    /// <summary>The same evaluation over any retriever with <see cref="ConductIndex.Search"/>'s contract, so others can be compared.</summary>
    public static EvaluationResult Run(Func<string, int, List<Match>> search, IReadOnlyList<EvaluationQuestion> questions, double threshold)
    {
        var (right, confidentWrong, misses) = (0, 0, new List<string>());
        foreach (var q in questions)
        {
            var top = search(q.Query, 1).FirstOrDefault();
            var confident = top is not null && top.Coverage >= threshold;
            if (q.Expected is not null && top?.Item.Id == q.Expected) right++;
            var wrong = confident && top!.Item.Id != q.Expected;
            if (wrong) confidentWrong++;
            if (top?.Item.Id != q.Expected || (q.Expected is null && confident) || (q.Expected is not null && !confident))
                misses.Add($"{q.Query} → {top?.Item.Id ?? "-"} ({top?.Coverage:0.00}){(confident ? "" : " unsure")}, expected {q.Expected ?? "-"}");
        }
        return new EvaluationResult(questions.Count, questions.Count(q => q.Expected is not null), right, confidentWrong, misses);
    }
}
