using System.Text.Json.Nodes;
using StudyBot.Conduct;
using StudyBot.Content;
using StudyBot.Tests.Conduct;

/// <summary>
/// Fits the conduct confidence model (<see cref="ConductModel"/>) and prints its weights to paste in. The questions it
/// learns from were not used to build the index they are asked of:
/// - each entry's phrasings a fifth at a time, asked of a base holding the other four fifths (they should be answered);
/// - every phrasing of a tenth of the entries at a time, asked of a base without those entries (they must escalate);
/// - with --with-tuning, the tuning set too. Never the held-out set.
/// It first fits without the tuning set and scores the tuning set, so the printout shows how the model does on questions
/// written by other people than the phrasings' authors; then it fits on everything it may and prints the weights.
/// </summary>
internal static class RetrievalFit
{
    private sealed record Asked(List<(double[] Features, bool Right)> Candidates, bool Answerable, double Weight);

    public static void Run()
    {
        var shipped = KnowledgeItems.FromPack(JsonNode.Parse(ContentPacks.DefaultPackText())!.AsObject());
        var synthetic = new List<Asked>();
        for (var fold = 0; fold < 5; fold++)
        {
            var f = fold;
            var index = new ConductIndex(shipped.Select(i => i.Questions.Count < 2 ? i : i with { Questions = i.Questions.Where((_, k) => k % 5 != f).ToList() }));
            foreach (var item in shipped.Where(i => i.Questions.Count >= 2))
                foreach (var q in item.Questions.Where((_, k) => k % 5 == f)) synthetic.Add(Ask(index, q, item.Id, 1));
        }
        for (var group = 0; group < 10; group++)
        {
            var g = group;
            var index = new ConductIndex(shipped.Where((_, k) => k % 10 != g));
            foreach (var item in shipped.Where((_, k) => k % 10 == g))
                foreach (var q in item.Questions) synthetic.Add(Ask(index, q, null, 0.5));
        }
        var shippedIndex = new ConductIndex(shipped);
        var tuning = EvaluationSets.Tuning().Select(q => Ask(shippedIndex, q.Query, q.Expected, 1)).ToList();
        Console.WriteLine($"fit: synthetic={synthetic.Count} ({synthetic.Count(a => a.Answerable)} answerable) tuning={tuning.Count}");

        var before = Score(tuning, ConductModel.Weights);
        Console.WriteLine("fit: current weights on tuning: " + before);
        var fromPhrasings = Fit(synthetic);
        Console.WriteLine("fit: synthetic only, on synthetic: " + Score(synthetic, fromPhrasings));
        Console.WriteLine("fit: synthetic only, on tuning (unseen by the fit): " + Score(tuning, fromPhrasings));
        var all = Fit([.. synthetic, .. tuning]);
        Console.WriteLine("fit: synthetic+tuning, on tuning: " + Score(tuning, all));
        foreach (var t in new[] { 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9 })
            Console.WriteLine(FormattableString.Invariant($"  threshold {t:0.00}: synthetic-only on tuning {Score(tuning, fromPhrasings, t)}; all on tuning {Score(tuning, all, t)}"));
        Console.WriteLine("fit: weights (synthetic only)  = [" + string.Join(", ", fromPhrasings.Select(w => w.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture))) + "]");
        Console.WriteLine("fit: weights (synthetic+tuning) = [" + string.Join(", ", all.Select(w => w.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture))) + "]");
    }

    private static Asked Ask(ConductIndex index, string question, string? expected, double weight) =>
        new(index.Weigh(question).Select(c => (c.Evidence.Features(), c.Item.Id == expected)).ToList(), expected is not null, weight);

    private static string Score(List<Asked> asked, double[] weights, double? threshold = null)
    {
        var limit = threshold ?? new ConductOptions().ConfidenceThreshold;
        var (right, wrong, escalated, answered) = (0, 0, 0, 0);
        foreach (var a in asked)
        {
            if (a.Candidates.Count == 0) { if (!a.Answerable) escalated++; continue; }
            var best = a.Candidates.MaxBy(c => ConductModel.Confidence(c.Features, weights));
            var confident = ConductModel.Confidence(best.Features, weights) >= limit;
            if (a.Answerable && best.Right) right++;
            if (a.Answerable && best.Right && confident) answered++;
            if (confident && !best.Right) wrong++;
            if (!a.Answerable && !confident) escalated++;
        }
        var answerable = asked.Count(a => a.Answerable);
        return FormattableString.Invariant(
            $"top1={right * 100.0 / answerable:0.0}% confident_wrong={wrong * 100.0 / asked.Count:0.0}% escalate_recall={escalated * 100.0 / Math.Max(1, asked.Count - answerable):0.0}% answered_right={answered * 100.0 / answerable:0.0}%");
    }

    /// <summary>Logistic regression by Newton's method, with a light ridge so that rare corners do not run away.</summary>
    private static double[] Fit(List<Asked> asked)
    {
        var rows = asked.SelectMany(a => a.Candidates.Select(c => (c.Features, Label: c.Right ? 1.0 : 0.0, a.Weight))).ToList();
        var n = rows[0].Features.Length;
        var w = new double[n];
        for (var iteration = 0; iteration < 25; iteration++)
        {
            var gradient = new double[n];
            var hessian = new double[n, n];
            foreach (var (x, y, weight) in rows)
            {
                var p = ConductModel.Confidence(x, w);
                for (var i = 0; i < n; i++)
                {
                    gradient[i] += weight * (p - y) * x[i];
                    for (var j = 0; j < n; j++) hessian[i, j] += weight * p * (1 - p) * x[i] * x[j];
                }
            }
            for (var i = 1; i < n; i++) { gradient[i] += 1.0 * w[i]; hessian[i, i] += 1.0; }
            var step = Solve(hessian, gradient);
            for (var i = 0; i < n; i++) w[i] -= step[i];
            if (step.Max(Math.Abs) < 1e-6) break;
        }
        return w;
    }

    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = new double[n, n + 1];
        for (var i = 0; i < n; i++) { for (var j = 0; j < n; j++) m[i, j] = a[i, j]; m[i, n] = b[i]; }
        for (var col = 0; col < n; col++)
        {
            var pivot = Enumerable.Range(col, n - col).MaxBy(r => Math.Abs(m[r, col]));
            for (var j = 0; j <= n; j++) (m[col, j], m[pivot, j]) = (m[pivot, j], m[col, j]);
            for (var r = 0; r < n; r++)
            {
                if (r == col || m[col, col] == 0) continue;
                var factor = m[r, col] / m[col, col];
                for (var j = col; j <= n; j++) m[r, j] -= factor * m[col, j];
            }
        }
        return Enumerable.Range(0, n).Select(i => m[i, i] == 0 ? 0 : m[i, n] / m[i, i]).ToArray();
    }
}
