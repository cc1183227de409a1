using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;

namespace StudyBot.Resources;

/// <summary>
/// Every sentence a person reads, by key, in the member's chosen language. Vietnamese is the neutral
/// resource; English is the satellite. The activity's locale is ignored on purpose: many staff machines
/// and the Playground send en-US.
/// </summary>
public sealed class Texts(string language)
{
    private static readonly ResourceManager Resources =
        new("StudyBot.Resources.Strings", typeof(Texts).Assembly);

    public static readonly Texts Vietnamese = new(Languages.Vietnamese);
    public static readonly Texts English = new(Languages.English);

    /// <summary>The shared instance for a language: a turn asks for its texts many times, and each new one looks up its culture under a lock.</summary>
    public static Texts For(string language) => language switch
    {
        Languages.English => English,
        Languages.Vietnamese => Vietnamese,
        _ => new Texts(language),
    };

    /// <summary>
    /// Every text already read. ResourceManager takes a lock and walks its resource sets on each read, which showed
    /// up as contention when thousands of quiz answers a second each built a card.
    /// </summary>
    private static readonly ConcurrentDictionary<(string Language, string Key), string> Read = new();

    public string Language { get; } = language;

    private CultureInfo Culture { get; } = CultureInfo.GetCultureInfo(language);

    public string this[string key] => Read.TryGetValue((Language, key), out var text) ? text
        : Read.GetOrAdd((Language, key), Resources.GetString(key, Culture) ?? throw new KeyNotFoundException($"No text for '{key}'"));

    public string Format(string key, params object[] args)
    {
        var template = this[key];
        // A value set in «…» that holds «…» itself (a title quoting a work) would read «…«…»…»: inside, it takes “…”.
        for (var i = 0; i < args.Length; i++)
            if (args[i] is string text && text.Contains('«') && template.Contains($"«{{{i}}}»", StringComparison.Ordinal))
                args[i] = text.Replace('«', '“').Replace('»', '”');
        return string.Format(Culture, template, args);
    }

    /// <summary>Whether a text exists for the key (for names a feature adds later, read with a fallback).</summary>
    public bool Has(string key) => Read.ContainsKey((Language, key)) || Resources.GetString(key, Culture) is not null;
}
