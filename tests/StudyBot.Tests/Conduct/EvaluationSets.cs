using StudyBot.Conduct;

namespace StudyBot.Tests.Conduct;

/// <summary>
/// The two evaluation sets. The tuning set may be read and tuned on. The held-out set was written before any tuning, by
/// people who had not read the base, and is only ever scored: its misses are never printed, so nobody tunes on them.
/// Its fourth column is the entry each question's topic belongs to, mapped from the topic alone.
/// </summary>
public static class EvaluationSets
{
    public sealed record Split(string Name, List<EvaluationQuestion> Questions);

    private static string PathOf(string file) => Path.Combine(RepoPaths.Root, "tests", "StudyBot.Tests", "Conduct", file);

    public static List<EvaluationQuestion> Tuning() => EvaluationResult.Read(File.ReadAllText(PathOf("tuning-questions.tsv")));

    public static List<EvaluationQuestion> HeldOut() => EvaluationResult.Read(File.ReadAllText(PathOf("heldout-questions.tsv")), expectedColumn: 3);

    public static IEnumerable<Split> All() => [new("heldout", HeldOut()), new("tuning", Tuning())];
}
