using StudyBot.Agency;


namespace StudyBot.Conversations;

/// <summary>Splits what followed a command word, matching sub-command words with or without diacritics.</summary>
public sealed class Arguments(string text)
{
    private string[] Words { get; } = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public string Text => string.Join(' ', Words);

    public bool IsEmpty => Words.Length == 0;

    /// <summary>If the text starts with one of the (multi-word) <paramref name="options"/>, the rest of it.</summary>
    public Arguments? After(params string[] options)
    {
        foreach (var option in options)
        {
            var wanted = CommandText.Fold(option).Split(' ');
            if (Words.Length >= wanted.Length
                && Words.Take(wanted.Length).Select(CommandText.Fold).SequenceEqual(wanted))
                return new Arguments(string.Join(' ', Words.Skip(wanted.Length)));
        }
        return null;
    }

    /// <summary>The first word, and the rest.</summary>
    public (string First, Arguments Remainder) Shift() =>
        (Words.FirstOrDefault() ?? "", new Arguments(string.Join(' ', Words.Skip(1))));

    /// <summary>The longest run of leading words (up to three) that names a role, and the rest.</summary>
    public (Role? Role, Arguments Remainder) ShiftRole()
    {
        for (var n = Math.Min(3, Words.Length); n > 0; n--)
            if (RoleNames.Parse(CommandText.Fold(string.Join(' ', Words.Take(n)))) is { } role)
                return (role, new Arguments(string.Join(' ', Words.Skip(n))));
        return (null, this);
    }
}
