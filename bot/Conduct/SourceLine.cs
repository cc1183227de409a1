namespace StudyBot.Conduct;

/// <summary>
/// A source as a member reads it under an answer. The question bank's citations of seed articles end in the editors'
/// "(tóm tắt)", which tells a quiz-taker the text shown is a summary; under a conduct answer it is noise, so it goes.
/// </summary>
public static class SourceLine
{
    private const string SummaryMark = "(tóm tắt)";

    public static string Readable(string citation)
    {
        var text = citation.Trim();
        return text.EndsWith(SummaryMark, StringComparison.Ordinal) ? text[..^SummaryMark.Length].TrimEnd(' ', ',', ';') : text;
    }
}
