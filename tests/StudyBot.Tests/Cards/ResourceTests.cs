using System.Xml.Linq;
using StudyBot.Resources;

namespace StudyBot.Tests.Cards;

/// <summary>Every sentence exists in both languages, and Vietnamese is written in NFC.</summary>
public sealed class ResourceTests
{
    private static readonly string ResourceDir = Path.Combine(RepoPaths.Root, "bot", "Resources");

    private static Dictionary<string, string> Load(string file) =>
        XDocument.Load(Path.Combine(ResourceDir, file)).Root!.Elements("data")
            .ToDictionary(e => e.Attribute("name")!.Value, e => e.Element("value")!.Value);

    [Fact]
    public void Vietnamese_and_english_have_the_same_keys()
    {
        var vi = Load("Strings.resx");
        var en = Load("Strings.en.resx");
        Assert.Equal(vi.Keys.Order(), en.Keys.Order());
        Assert.All(vi, kv => Assert.NotEqual(kv.Value, en[kv.Key])); // nothing left untranslated
    }

    [Fact]
    public void Vietnamese_strings_are_nfc_and_use_no_exclamation_outside_the_welcome()
    {
        foreach (var (key, value) in Load("Strings.resx"))
        {
            Assert.True(value.IsNormalized(System.Text.NormalizationForm.FormC), key);
            if (!key.StartsWith("Welcome.")) Assert.DoesNotContain("!", value);
        }
    }

    [Fact]
    public void Texts_resolve_in_both_languages_at_run_time()
    {
        Assert.Equal("Hỏi bí thư", Texts.Vietnamese["Conduct.AskSecretary"]);
        Assert.Equal("Ask the secretary", new Texts("en")["Conduct.AskSecretary"]);
    }
}

/// <summary>Every text key the code asks for exists, so no one meets a missing-string error at run time.</summary>
public sealed class ResourceKeyTests
{
    [Fact]
    public void Every_key_used_in_the_code_is_in_the_resources()
    {
        var keys = System.Xml.Linq.XDocument.Load(Path.Combine(RepoPaths.Root, "bot", "Resources", "Strings.resx"))
            .Root!.Elements("data").Select(e => e.Attribute("name")!.Value).ToHashSet();
        var pattern = new System.Text.RegularExpressions.Regex(@"T(?:\.Format)?[\[(]""([A-Za-z.]+)""");
        var used = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "bot"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"))
            .SelectMany(f => pattern.Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();
        Assert.True(used.Count > 30, "the pattern should find the keys in use");
        var missing = used.Where(k => !keys.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "missing: " + string.Join(", ", missing));
    }

    [Fact]
    public void A_quoted_value_that_quotes_a_work_itself_never_reads_as_nested_guillemets()
    {
        var text = StudyBot.Resources.Texts.Vietnamese.Format("Round.Heading", "Ôn tập «Dân vận» tháng 11");
        Assert.Contains("«Ôn tập “Dân vận” tháng 11»", text);
        Assert.DoesNotContain("««", text.Replace(" ", ""));
    }
}
