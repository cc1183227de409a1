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

    /// <summary>What a benchmark says for a set with no questions: a used-up held-out set is replaced, not re-read.</summary>
    public static string Empty(string split) => split == "heldout"
        ? "retrieval: split=heldout queries=0: the last held-out set was used up and moved into the tuning set; a new one, written by someone who has not read the base, goes in tests/StudyBot.Tests/Conduct/heldout-questions.tsv"
        : $"retrieval: split={split} queries=0";

    public static IEnumerable<Split> All() => [new("heldout", HeldOut()), new("tuning", Tuning())];
}
