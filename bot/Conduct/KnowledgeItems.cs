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

/// <summary>
/// Top-1 accuracy over answerable questions; the share of all questions answered confidently but wrongly; and the share
/// of the questions the base cannot answer that were handed to a person (below the threshold) rather than guessed.
/// </summary>
public sealed record EvaluationResult(int Questions, int Answerable, int TopOneRight, int ConfidentWrong, int Escalated,
    IReadOnlyList<string> Misses, int AnsweredRight = 0)
{
    public double TopOne => Answerable == 0 ? 0 : (double)TopOneRight / Answerable;
    public double ConfidentWrongRate => Questions == 0 ? 0 : (double)ConfidentWrong / Questions;
    public int MustEscalate => Questions - Answerable;
    public double EscalateRecall => MustEscalate == 0 ? 1 : (double)Escalated / MustEscalate;

    /// <summary>
    /// Lines of `query TAB expected` (`-`: the base cannot answer), or, with <paramref name="expectedColumn"/>, the
    /// expected entry in that column (the held-out set keeps its writer's notes beside it). `#` lines are comments.
    /// </summary>
    public static List<EvaluationQuestion> Read(string tsv, int expectedColumn = 1) => tsv.Split('\n')
        .Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.Split('\t')).Where(p => p.Length > expectedColumn && p[0] != "question")
        .Select(p => new EvaluationQuestion(p[0], p[expectedColumn].Trim() is "-" or "" ? null : p[expectedColumn].Trim())).ToList();

    public static EvaluationResult Run(ConductIndex index, IReadOnlyList<EvaluationQuestion> questions, double threshold) =>
        Run((q, take) => index.Search(q, take), questions, threshold);

    public static EvaluationResult Run(Func<string, int, List<Match>> search, IReadOnlyList<EvaluationQuestion> questions, double threshold)
    {
        var (right, answered, confidentWrong, escalated, misses) = (0, 0, 0, 0, new List<string>());
        foreach (var q in questions)
        {
            var top = search(q.Query, 1).FirstOrDefault();
            var confident = top is not null && top.Coverage >= threshold;
            if (q.Expected is not null && top?.Item.Id == q.Expected) right++;
            if (q.Expected is not null && top?.Item.Id == q.Expected && confident) answered++;
            if (q.Expected is null && !confident) escalated++;
            var wrong = confident && top!.Item.Id != q.Expected;
            if (wrong) confidentWrong++;
            if (top?.Item.Id != q.Expected || (q.Expected is null && confident) || (q.Expected is not null && !confident))
                misses.Add($"{q.Query} → {top?.Item.Id ?? "-"} ({top?.Coverage:0.00}){(confident ? "" : " unsure")}, expected {q.Expected ?? "-"}");
        }
        return new EvaluationResult(questions.Count, questions.Count(q => q.Expected is not null), right, confidentWrong, escalated, misses, answered);
    }
}
