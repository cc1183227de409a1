using System.Diagnostics;
using System.Text.Json.Nodes;
using StudyBot.Conduct;
using StudyBot.Content;
using StudyBot.Tests;
using StudyBot.Tests.Conduct;

/// <summary>
/// Conduct retrieval at agency scale, for the tuning set and the held-out set apart. Quality is the evaluation's: its
/// questions against the shipped base. Speed is
/// measured on an index of 2,000 entries: the shipped ones plus fillers made of question-length pieces of the seed
/// articles (real Vietnamese on the same subjects, so their words collide with the questions'). How the evaluation
/// fares against those fillers is printed too; a filler that "answers" counts as wrong even where its words fit.
/// </summary>
internal static class RetrievalBenchmark
{
    public static void Run(int entries, int rounds, bool showMisses = false, string? only = null)
    {
        var (shipped, items) = Items(entries);

        var built = Stopwatch.StartNew();
        var index = new ConductIndex(items);
        built.Stop();
        var shippedIndex = new ConductIndex(shipped);
        var threshold = new ConductOptions().ConfidenceThreshold;
        foreach (var split in EvaluationSets.All().Where(s => only is null || s.Name == only))
        {
            if (split.Questions.Count == 0) { Console.WriteLine(EvaluationSets.Empty(split.Name)); continue; }
            var result = EvaluationResult.Run(shippedIndex, split.Questions, threshold);
            var crowded = EvaluationResult.Run(index, split.Questions, threshold);
            for (var i = 0; i < 3; i++) foreach (var q in split.Questions) index.Search(q.Query); // warm up the JIT
            var timings = new List<double>(rounds * split.Questions.Count);
            for (var round = 0; round < rounds; round++)
                foreach (var q in split.Questions)
                {
                    var started = Stopwatch.GetTimestamp();
                    index.Search(q.Query, 3);
                    timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            timings.Sort();
            double P(double share) => timings[Math.Min(timings.Count - 1, (int)(share * timings.Count))];
            Console.WriteLine(FormattableString.Invariant(
                $"retrieval: split={split.Name} entries={index.Count} queries={split.Questions.Count} top1={result.TopOne * 100:0.0}% confident_wrong={result.ConfidentWrongRate * 100:0.0}% escalate_recall={result.EscalateRecall * 100:0.0}% p99={P(0.99):0.000}ms"));
            Console.WriteLine(FormattableString.Invariant(
                $"  quality on the shipped base ({shipped.Count} entries, {result.Answerable} answerable, {result.MustEscalate} must escalate; answered outright and right {result.AnsweredRight * 100.0 / Math.Max(1, result.Answerable):0.0}%); speed over {index.Count}: p50={P(0.5):0.000}ms max={timings[^1]:0.000}ms searches={timings.Count} index_build={built.Elapsed.TotalMilliseconds:0}ms"));
            Console.WriteLine(FormattableString.Invariant(
                $"  against {index.Count - shipped.Count} filler entries too: top1={crowded.TopOne * 100:0.0}% confident_wrong={crowded.ConfidentWrongRate * 100:0.0}% escalate_recall={crowded.EscalateRecall * 100:0.0}%"));
            // Only the tuning set's misses may be read: the held-out set stays unseen by whoever tunes.
            if (showMisses && split.Name == "tuning")
            {
                foreach (var miss in result.Misses) Console.WriteLine("  miss: " + miss);
                foreach (var t in new[] { 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8 })
                {
                    var r = EvaluationResult.Run(shippedIndex, split.Questions, t);
                    Console.WriteLine(FormattableString.Invariant($"  threshold {t:0.00}: answered_right={r.AnsweredRight * 100.0 / r.Answerable:0.0}% confident_wrong={r.ConfidentWrongRate * 100:0.0}% escalate_recall={r.EscalateRecall * 100:0.0}%"));
                }
            }
        }
    }

    /// <summary>The shipped base, and the same padded with fillers to <paramref name="entries"/> (the same every run).</summary>
    public static (List<KnowledgeItem> Shipped, List<KnowledgeItem> Padded) Items(int entries)
    {
        var shipped = KnowledgeItems.FromPack(JsonNode.Parse(ContentPacks.DefaultPackText())!.AsObject());
        var sentences = FillerText(shipped).Split(['.', '\n', '?', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => s.Length > 30).ToList();
        var random = new Random(7);
        string Piece()
        {
            var words = sentences[random.Next(sentences.Count)].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var start = random.Next(Math.Max(1, words.Length - 8));
            return string.Join(' ', words.Skip(start).Take(8));
        }
        var items = shipped.Concat(Enumerable.Range(0, Math.Max(0, entries - shipped.Count))
            .Select(i => new KnowledgeItem($"filler-{i}", [Piece(), Piece()], "…", "seed", []))).ToList();
        return (shipped, items);
    }

    /// <summary>
    /// The seed articles beside the clone; a clone on its own has none, so the shipped answers stand in for them (fewer
    /// distinct words, so the crowded figures are milder), and the run says which it used.
    /// </summary>
    private static string FillerText(IReadOnlyList<KnowledgeItem> shipped)
    {
        var seeds = Path.Combine(RepoPaths.Shared, "seeds");
        if (Directory.Exists(seeds)) return string.Join("\n", Directory.GetFiles(seeds, "*.txt").Order().Select(File.ReadAllText));
        Console.WriteLine($"  fillers from the shipped answers: {seeds} is not there");
        return string.Join("\n", shipped.Select(i => i.Answer));
    }
}
