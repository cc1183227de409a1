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

    public static readonly Texts Vietnamese = new("vi");
    public static readonly Texts English = new(StudyBot.Members.Languages.English);

    public string Language { get; } = language;

    private CultureInfo Culture { get; } = CultureInfo.GetCultureInfo(language);

    public string this[string key] =>
        Resources.GetString(key, Culture) ?? throw new KeyNotFoundException($"No text for '{key}'");

    public string Format(string key, params object[] args) => string.Format(Culture, this[key], args);
}
