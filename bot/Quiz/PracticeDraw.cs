using System.Globalization;

namespace StudyBot.Quiz;

/// <summary>
/// Which questions a practice attempt asks, and in what order. Feedback after each answer shows the right answer, the
/// explanation and the whole source passage, so a later question whose answer that feedback shows would be given away:
/// an attempt takes at most one question per source, spreads the kinds, and never puts a question after one whose
/// feedback contains its answer.
/// </summary>
public static class PracticeDraw
{
    public static List<QuizItem> Pick(IReadOnlyList<QuizItem> pool, int size, Random random)
    {
        var bySource = pool.GroupBy(i => i.Source.Id, StringComparer.Ordinal)
            .Select(g => g.OrderBy(_ => random.Next()).ToList())
            .OrderBy(_ => random.Next()).ToList();
        var picked = new List<QuizItem>(size);
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in bySource)
        {
            if (picked.Count == size) break;
            // The kind asked least so far, so an attempt is not five of the same form.
            var next = group.Where(i => !picked.Any(p => Reveals(p, i)))
                .OrderBy(i => kinds.GetValueOrDefault(i.Kind)).FirstOrDefault();
            if (next is null) continue;
            picked.Add(next);
            kinds[next.Kind] = kinds.GetValueOrDefault(next.Kind) + 1;
        }
        return picked;
    }

    /// <summary>Whether the card and the feedback of <paramref name="earlier"/> show the answer to <paramref name="later"/>.</summary>
    public static bool Reveals(QuizItem earlier, QuizItem later)
    {
        if (string.Equals(earlier.Source.Id, later.Source.Id, StringComparison.Ordinal)) return true;
        var shown = Words(string.Join(' ', [earlier.Prompt, .. earlier.Options, earlier.Answer, earlier.Explain ?? "",
            earlier.Source.Text, earlier.Source.Citation]));
        switch (later.Kind)
        {
            case QuestionKinds.Single:
            {
                // The words that set the right choice apart from the wrong ones: all of them shown is the answer shown.
                if (!int.TryParse(later.Answer, NumberStyles.None, CultureInfo.InvariantCulture, out var right) || right >= later.Options.Count)
                    return false;
                var wrong = later.Options.Where((_, i) => i != right).SelectMany(o => Words(o)).ToHashSet(StringComparer.Ordinal);
                var telling = Words(later.Options[right]).Where(w => !wrong.Contains(w)).ToList();
                return telling.Count > 0 && telling.All(shown.Contains);
            }
            case QuestionKinds.Fill:
            {
                var text = " " + QuizItem.Simplify(string.Join(' ', [earlier.Prompt, .. earlier.Options, earlier.Explain ?? "",
                    earlier.Source.Text, earlier.Source.Citation])) + " ";
                return new[] { later.Answer }.Concat(later.Accept).Select(QuizItem.Simplify)
                    .Any(a => a.Length > 0 && text.Contains(" " + a + " ", StringComparison.Ordinal));
            }
            default:
                return false;
        }
    }

    private static HashSet<string> Words(string text) =>
        QuizItem.Simplify(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}
