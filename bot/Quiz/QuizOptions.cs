namespace StudyBot.Quiz;

/// <summary>Under <c>Quiz:</c>.</summary>
public sealed class QuizOptions
{
    /// <summary>How long before closing the members who have not finished are reminded.</summary>
    public TimeSpan RemindBefore { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long a results download link works; the secretary can ask for a new one on the results card.</summary>
    public TimeSpan ResultsLinkLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The most questions a round may have: the reveal card must fit in one Teams message.</summary>
    public int MaxQuestions { get; set; } = 20;
}
