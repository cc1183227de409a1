using StudyBot.Agency;

namespace StudyBot.Conversations;

/// <summary>A feature adds its commands, card verbs and dialogs here at start; the router imports no feature.</summary>
public interface IFeature
{
    void Register(CommandTable table);
}

public sealed record Command(string Name, IReadOnlyList<string> Keywords, Func<Turn, Task> Handler, Access Access);

/// <summary>A card verb or dialog step, with who may use it.</summary>
public sealed record Handler(string Name, Func<Turn, Task> Run, Access Access);

/// <summary>
/// The router's table. Commands are matched on folded text (no diacritics, lower case), longest keyword
/// first, so "kiểm tra" and "kiem tra" both work and a keyword must stand as a whole word.
/// </summary>
public sealed class CommandTable
{
    private readonly List<Command> _commands = [];
    private readonly Dictionary<string, Handler> _verbs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Handler> _dialogs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Handler> _files = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Func<Turn, Task>> _installed = [];
    private readonly List<Func<Turn, Task>> _removed = [];
    private readonly List<Func<Turn, Task<bool>>> _cancel = [];
    private readonly List<(string Phrase, Access Access)> _guardedPhrases = [];
    private readonly List<(string Verb, Access Access)> _guardedVerbs = [];

    public CommandTable(IEnumerable<IFeature> features)
    {
        foreach (var feature in features) feature.Register(this);
    }

    public IReadOnlyList<Func<Turn, Task>> InstalledHandlers => _installed;
    public IReadOnlyList<Func<Turn, Task>> RemovedHandlers => _removed;

    public CommandTable AddCommand(string name, Func<Turn, Task> handler, params string[] keywords) =>
        AddCommand(name, Access.Anyone, handler, keywords);

    public CommandTable AddCommand(string name, Access access, Func<Turn, Task> handler, params string[] keywords)
    {
        var folded = keywords.Select(CommandText.Fold).ToList();
        foreach (var k in folded)
            if (_commands.Any(c => c.Keywords.Contains(k)))
                throw new InvalidOperationException($"Command word '{k}' is registered twice");
        var command = new Command(name, folded, handler, access);
        _commands.Add(command);
        // Longest first, so that "kiểm tra đợt" wins over "kiểm tra"; the order is fixed once, not sorted on every message.
        _keywords = [.. _keywords.Concat(folded.Select(k => (command, k, k + " "))).OrderByDescending(x => x.Item2.Length)];
        return this;
    }

    private (Command Command, string Keyword, string KeywordAndSpace)[] _keywords = [];

    public CommandTable AddVerb(string verb, Func<Turn, Task> handler, Access? access = null) =>
        Add(_verbs, verb, handler, access, "Card verb");

    public CommandTable AddDialog(string name, Func<Turn, Task> handler, Access? access = null) =>
        Add(_dialogs, name, handler, access, "Dialog");

    /// <summary>A file sent in chat, by its extension (e.g. "csv").</summary>
    public CommandTable AddFile(string extension, Func<Turn, Task> handler, Access? access = null) =>
        Add(_files, extension, handler, access, "File type");

    private CommandTable Add(Dictionary<string, Handler> table, string name, Func<Turn, Task> run, Access? access, string what)
    {
        if (!table.TryAdd(name, new Handler(name, run, access ?? Access.Anyone)))
            throw new InvalidOperationException($"{what} '{name}' is registered twice");
        return this;
    }

    /// <summary>Runs once when the bot arrives in a conversation (the welcome).</summary>
    /// <summary>Text that is no command and belongs to no dialog goes here (the conduct questions); without it, "not understood".</summary>
    public CommandTable OnFreeText(Func<Turn, Task> handler) { FreeText = handler; return this; }

    public Func<Turn, Task>? FreeText { get; private set; }

    public CommandTable OnInstalled(Func<Turn, Task> handler) { _installed.Add(handler); return this; }

    /// <summary>
    /// Something a person may be in the middle of that is not a dialog (an open quiz): "cancel" asks each in turn, and the
    /// first that answers true has dealt with it.
    /// </summary>
    public CommandTable OnCancel(Func<Turn, Task<bool>> handler) { _cancel.Add(handler); return this; }

    public IReadOnlyList<Func<Turn, Task<bool>>> CancelHandlers => _cancel;

    /// <summary>Runs when the bot is removed from a conversation or uninstalled.</summary>
    public CommandTable OnRemoved(Func<Turn, Task> handler) { _removed.Add(handler); return this; }

    public (Command Command, string Arguments)? Match(string normalizedText)
    {
        var folded = CommandText.Fold(normalizedText);
        // A plain loop: this runs on every message, and the LINQ it replaced allocated a few kilobytes each time.
        (Command Command, string Keyword, string) best = default;
        foreach (var candidate in _keywords)
            if (folded == candidate.Keyword || folded.StartsWith(candidate.KeywordAndSpace, StringComparison.Ordinal))
            {
                best = candidate;
                break;
            }
        if (best.Command is null) return null;
        // Arguments keep the original spelling: skip as many words as the keyword has.
        var words = normalizedText.Split(' ');
        var keywordWords = best.Keyword!.Split(' ').Length;
        return (best.Command, string.Join(' ', words.Skip(keywordWords)));
    }

    /// <summary>
    /// Declares a use of a command that its handler keeps to some roles ("chủ đề đặt" is for admins, "chủ đề" for all),
    /// next to where the command is registered. The authorization sweep tries every declared phrase as a plain member.
    /// </summary>
    public CommandTable Guarded(string phrase, Access access)
    {
        _guardedPhrases.Add((phrase, access));
        return this;
    }

    /// <summary>A card verb open at the router whose handler keeps it to some roles, declared for the sweep like <see cref="Guarded"/>.</summary>
    public CommandTable GuardedVerb(string verb, Access access)
    {
        _guardedVerbs.Add((verb, access));
        return this;
    }

    /// <summary>Every card verb registered, for the checks that must cover them all (authorization, hostile input).</summary>
    public IEnumerable<string> Verbs => _verbs.Keys;

    /// <summary>The whole registry, for the checks that must cover every action (the authorization sweep).</summary>
    public IReadOnlyList<Command> Commands => _commands;
    public IReadOnlyCollection<Handler> VerbHandlers => _verbs.Values;
    public IReadOnlyCollection<Handler> Dialogs => _dialogs.Values;
    public IReadOnlyCollection<Handler> Files => _files.Values;
    public IReadOnlyList<(string Phrase, Access Access)> GuardedPhrases => _guardedPhrases;

    /// <summary>The access of the longest guarded phrase the text starts with, if any: who that part of a command is for.</summary>
    public Access? GuardFor(string normalizedText)
    {
        var folded = CommandText.Fold(normalizedText) + " ";
        return _guardedPhrases.Where(g => folded.StartsWith(CommandText.Fold(g.Phrase) + " ", StringComparison.Ordinal))
            .OrderByDescending(g => g.Phrase.Length).Select(g => g.Access).FirstOrDefault();
    }
    public IReadOnlyList<(string Verb, Access Access)> GuardedVerbs => _guardedVerbs;

    public Handler? Verb(string? verb) => verb is not null && _verbs.TryGetValue(verb, out var h) ? h : null;

    public Handler? Dialog(string? name) => name is not null && _dialogs.TryGetValue(name, out var h) ? h : null;

    public Handler? File(string? extension) => extension is not null && _files.TryGetValue(extension, out var h) ? h : null;
}
