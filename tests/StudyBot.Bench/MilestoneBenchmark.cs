using StudyBot.Commitments;
using StudyBot.Tests;

/// <summary>
/// How typed milestone lines read, on the two sets a helper wrote without seeing the parser. Only counts are printed:
/// the held-out set's misses are never shown, so nobody tunes on them.
/// </summary>
public static class MilestoneBenchmark
{
    public static void Run()
    {
        foreach (var split in new[] { "heldout", "tuning" })
        {
            var rows = File.ReadAllLines(Path.Combine(RepoPaths.Root, "tests", "StudyBot.Tests", "Commitments", $"milestones-{split}.tsv")).Skip(1)
                .Select(l => l.Split('\t')).Where(f => f.Length == 2).ToList();
            var read = rows.Select(f => (Expected: f[1], Got: Milestones.Read(f[0]) is { } m ? $"{m.Period}:{m.Percent}" : "error")).ToList();
            var good = rows.Count(r => r[1] != "error");
            Console.WriteLine($"milestones: split={split} lines={rows.Count} right={100.0 * read.Count(r => r.Expected == r.Got) / rows.Count:F1}% "
                + $"read_right={read.Count(r => r.Expected != "error" && r.Expected == r.Got)}/{good} "
                + $"refused_right={read.Count(r => r.Expected == "error" && r.Got == "error")}/{rows.Count - good} "
                + $"wrong_reads={read.Count(r => r.Got != "error" && r.Expected != r.Got)}");
        }
    }
}
