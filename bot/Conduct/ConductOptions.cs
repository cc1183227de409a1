namespace StudyBot.Conduct;

/// <summary>Under <c>Conduct:</c>.</summary>
public sealed class ConductOptions
{
    /// <summary>
    /// How sure (the estimated chance, 0–1) the bot must be that the best entry is the one asked about to give it as the
    /// answer. Below it the bot does not guess: it offers the closest questions and "Hỏi bí thư".
    /// </summary>
    public double ConfidenceThreshold { get; set; } = 0.7;

    /// <summary>A Teams channel's conversation id where escalated questions go instead of the asker's cell secretary.</summary>
    public string? EscalationConversation { get; set; }

    /// <summary>An open question is put to its secretary again after this many working days, and again after as many more.</summary>
    public int ReminderWorkingDays { get; set; } = 2;

    /// <summary>Public holidays (yyyy-MM-dd) that, like weekends, do not count as working days.</summary>
    public List<string> Holidays { get; set; } = [];
}
