using System.Diagnostics;
using StudyBot.Conduct;
using StudyBot.Tests;
using StudyBot.Tests.Conduct;

/// <summary>
/// The hand-written conduct retriever against the Lucene one, on the same questions and bases. Quality is measured
/// against the shipped base, as <see cref="RetrievalBenchmark"/> does, and again among 1,970 fillers; speed over the
/// padded 2,000 entries. Besides top-1 and confident-wrong it gives escalate_recall, the share of the questions the
/// base cannot answer that stay below the threshold: a retriever can only be trusted to escalate if that is high.
/// </summary>
internal static class RetrievalCompare
{
    private sealed record Retriever(string Name, Func<IReadOnlyList<KnowledgeItem>, (Func<string, int, List<Match>> Search, int Count)> Build);

    private static readonly double[] Sweep = [0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80];

    public static void Run(string split, int entries, int rounds, bool misses)
    {
        var (shipped, padded) = RetrievalBenchmark.Items(entries);
        var tuning = EvaluationSets.Tuning();
        var questions = split == "heldout" ? EvaluationSets.HeldOut() : tuning;
        // Misses and sweeps are the tuning set's only: the held-out set is scored, never read.
        misses &= split != "heldout";
        if (questions.Count == 0) { Console.WriteLine(EvaluationSets.Empty(split)); return; }
        Console.WriteLine($"  questions: split={split} ({questions.Count(q => q.Expected is not null)} answerable, {questions.Count(q => q.Expected is null)} must escalate); thresholds from the tuning set");
        Retriever[] retrievers =
        [
            new("hand-written", items => { var index = new ConductIndex(items); return (index.Search, index.Count); }),
            new("lucene", items => { var index = new LuceneConductIndex(items); return (index.Search, index.Count); }),
        ];
        var lines = new List<string>();
        double? allowedWrong = null;
        foreach (var retriever in retrievers)
        {
            var (search, _) = retriever.Build(shipped);
            var built = Stopwatch.StartNew();
            var (crowdedSearch, count) = retriever.Build(padded);
            built.Stop();
            // The first retriever is the shipped one, at its shipped threshold. Every other one gets the lowest
            // threshold at which it is confidently wrong on the tuning set no more often: the same risk, so the
            // figures that differ are how much each answers and how well it ranks.
            var threshold = allowedWrong is null ? new ConductOptions().ConfidenceThreshold : SameRisk(search, tuning, allowedWrong.Value);
            allowedWrong ??= Figures(search, tuning, threshold).Result.ConfidentWrongRate;
            var (result, escalateRecall, answered) = Figures(search, questions, threshold);
            var (crowded, crowdedRecall, _) = Figures(crowdedSearch, questions, threshold);
            var timings = Timings(crowdedSearch, questions, rounds);
            double P(double share) => timings[Math.Min(timings.Count - 1, (int)(share * timings.Count))];

            lines.Add(FormattableString.Invariant(
                $"compare: split={split} retriever={retriever.Name} entries={count} queries={questions.Count} top1={result.TopOne * 100:0.0}% confident_wrong={result.ConfidentWrongRate * 100:0.0}% escalate_recall={escalateRecall * 100:0.0}% p99={P(0.99):0.000}ms"));
            Console.WriteLine(FormattableString.Invariant(
                $"  {retriever.Name}: threshold={threshold:0.000} answered_right={answered * 100:0.0}% p50={P(0.5):0.000}ms index_build={built.Elapsed.TotalMilliseconds:0}ms"));
            Console.WriteLine(FormattableString.Invariant(
                $"    among {count - shipped.Count} fillers: top1={crowded.TopOne * 100:0.0}% confident_wrong={crowded.ConfidentWrongRate * 100:0.0}% escalate_recall={crowdedRecall * 100:0.0}%"));
            var (asked, found, sure, sureWrong) = LeaveOneOut(retriever, shipped, threshold);
            Console.WriteLine(FormattableString.Invariant(
                $"    leave-one-out over the base's own {asked} phrasings: top1={found * 100.0 / asked:0.0}% answered_right={sure * 100.0 / asked:0.0}% confident_wrong={sureWrong * 100.0 / asked:0.0}%"));
            foreach (var t in split == "heldout" ? [] : Sweep)
            {
                var (r, recall, right) = Figures(search, questions, t);
                Console.WriteLine(FormattableString.Invariant(
                    $"    sweep {retriever.Name} threshold={t:0.00} confident_wrong={r.ConfidentWrongRate * 100:0.0}% escalate_recall={recall * 100:0.0}% answered_right={right * 100:0.0}%"));
            }
            if (misses) foreach (var miss in result.Misses) Console.WriteLine($"    miss {retriever.Name}: {miss}");
        }
        foreach (var line in lines) Console.WriteLine(line);
    }

    /// <summary>The lowest threshold (in steps of 0.01) at which the tuning set's confident-wrong rate is at most the given.</summary>
    private static double SameRisk(Func<string, int, List<Match>> search, IReadOnlyList<EvaluationQuestion> tuning, double rate) =>
        Enumerable.Range(0, 101).Select(i => i / 100.0).FirstOrDefault(t => Figures(search, tuning, t).Result.ConfidentWrongRate <= rate, 1.0);

    /// <summary>
    /// The evaluation's figures at a threshold, with the share of must-escalate questions left below it and the share
    /// of answerable ones given the right entry above it (what members get without waiting for a secretary).
    /// </summary>
    private static (EvaluationResult Result, double EscalateRecall, double AnsweredRight) Figures(
        Func<string, int, List<Match>> search, IReadOnlyList<EvaluationQuestion> questions, double threshold)
    {
        var result = EvaluationResult.Run(search, questions, threshold);
        var (escalated, mustEscalate, answeredRight) = (0, 0, 0);
        foreach (var q in questions)
        {
            var top = search(q.Query, 1).FirstOrDefault();
            var confident = top is not null && top.Coverage >= threshold;
            if (q.Expected is null) { mustEscalate++; if (!confident) escalated++; }
            else if (confident && top!.Item.Id == q.Expected) answeredRight++;
        }
        return (result, mustEscalate == 0 ? 1 : (double)escalated / mustEscalate,
            result.Answerable == 0 ? 0 : (double)answeredRight / result.Answerable);
    }

    /// <summary>
    /// A check neither retriever was tuned on: each phrasing of an entry is taken out of the base and asked, so the
    /// entry must be found from its other phrasings, as a member's new wording must be. Entries with one phrasing
    /// (the quiz scenarios) are left as they are.
    /// </summary>
    private static (int Asked, int Found, int AnsweredRight, int ConfidentWrong) LeaveOneOut(Retriever retriever, List<KnowledgeItem> shipped, double threshold)
    {
        var (asked, found, right, wrong) = (0, 0, 0, 0);
        for (var i = 0; i < shipped.Count; i++)
        {
            if (shipped[i].Questions.Count < 2) continue;
            for (var k = 0; k < shipped[i].Questions.Count; k++)
            {
                var held = shipped[i].Questions[k];
                var items = shipped.ToList();
                items[i] = shipped[i] with { Questions = shipped[i].Questions.Where((_, j) => j != k).ToList() };
                var (search, _) = retriever.Build(items);
                var top = search(held, 1).FirstOrDefault();
                asked++;
                var hit = top?.Item.Id == shipped[i].Id;
                var confident = top is not null && top.Coverage >= threshold;
                if (hit) found++;
                if (hit && confident) right++;
                if (!hit && confident) wrong++;
            }
        }
        return (asked, found, right, wrong);
    }

    private static List<double> Timings(Func<string, int, List<Match>> search, IReadOnlyList<EvaluationQuestion> questions, int rounds)
    {
        for (var i = 0; i < 3; i++) foreach (var q in questions) search(q.Query, 3); // warm up the JIT
        var timings = new List<double>(rounds * questions.Count);
        for (var round = 0; round < rounds; round++)
            foreach (var q in questions)
            {
                var started = Stopwatch.GetTimestamp();
                search(q.Query, 3);
                timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        timings.Sort();
        return timings;
    }
}
