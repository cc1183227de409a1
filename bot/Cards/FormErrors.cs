namespace StudyBot.Cards;

/// <summary>
/// Every problem with a submitted form, gathered before it is sent back: fixing one field only to be told about the next
/// wastes the person's time. Shown together on the card, one per paragraph, with what was typed kept.
/// </summary>
public sealed class FormErrors
{
    private readonly List<string> _errors = [];

    public FormErrors When(bool wrong, string message)
    {
        if (wrong) _errors.Add(message);
        return this;
    }

    public bool Any => _errors.Count > 0;

    /// <summary>All of them, one per paragraph; null when there are none.</summary>
    public string? Text => _errors.Count == 0 ? null : string.Join("\n\n", _errors);
}
