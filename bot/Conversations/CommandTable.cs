namespace StudyBot.Conversations;

/// <summary>A feature adds its commands, card verbs and dialogs here at start; the router imports no feature.</summary>
public interface IFeature
{
    void Register(CommandTable table);
}

public sealed record Command(string Name, IReadOnlyList<string> Keywords, Func<Turn, Task> Handler);

/// <summary>
/// The router's table. Commands are matched on folded text (no diacritics, lower case), longest keyword
/// first, so "kiểm tra" and "kiem tra" both work and a keyword must stand as a whole word.
/// </summary>
public sealed class CommandTable
{
    private readonly List<Command> _commands = [];
    private readonly Dictionary<string, Func<Turn, Task>> _verbs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<Turn, Task>> _dialogs = new(StringComparer.Ordinal);
    private readonly List<Func<Turn, Task>> _installed = [];

    public CommandTable(IEnumerable<IFeature> features)
    {
        foreach (var feature in features) feature.Register(this);
    }

    public IReadOnlyList<Func<Turn, Task>> InstalledHandlers => _installed;

    public CommandTable AddCommand(string name, Func<Turn, Task> handler, params string[] keywords)
    {
        var folded = keywords.Select(CommandText.Fold).ToList();
        foreach (var k in folded)
            if (_commands.Any(c => c.Keywords.Contains(k)))
                throw new InvalidOperationException($"Command word '{k}' is registered twice");
        _commands.Add(new Command(name, folded, handler));
        return this;
    }

    public CommandTable AddVerb(string verb, Func<Turn, Task> handler)
    {
        if (!_verbs.TryAdd(verb, handler)) throw new InvalidOperationException($"Card verb '{verb}' is registered twice");
        return this;
    }

    public CommandTable AddDialog(string name, Func<Turn, Task> handler)
    {
        if (!_dialogs.TryAdd(name, handler)) throw new InvalidOperationException($"Dialog '{name}' is registered twice");
        return this;
    }

    /// <summary>Runs once when the bot arrives in a conversation (the welcome).</summary>
    public CommandTable OnInstalled(Func<Turn, Task> handler) { _installed.Add(handler); return this; }

    public (Command Command, string Arguments)? Match(string normalizedText)
    {
        var folded = CommandText.Fold(normalizedText);
        var best = _commands
            .SelectMany(c => c.Keywords.Select(k => (Command: c, Keyword: k)))
            .Where(x => folded == x.Keyword || folded.StartsWith(x.Keyword + " ", StringComparison.Ordinal))
            .OrderByDescending(x => x.Keyword.Length)
            .FirstOrDefault();
        if (best.Command is null) return null;
        // Arguments keep the original spelling: skip as many words as the keyword has.
        var words = normalizedText.Split(' ');
        var keywordWords = best.Keyword.Split(' ').Length;
        return (best.Command, string.Join(' ', words.Skip(keywordWords)));
    }

    public Func<Turn, Task>? Verb(string? verb) => verb is not null && _verbs.TryGetValue(verb, out var h) ? h : null;

    public Func<Turn, Task>? Dialog(string? name) => name is not null && _dialogs.TryGetValue(name, out var h) ? h : null;
}
