using System.Text.Json.Nodes;
using StudyBot.Help;
using StudyBot.Resources;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Cards;

/// <summary>Every card the bot sends passes Microsoft's Adaptive Cards renderer at schema 1.5.</summary>
public sealed class CardRendererTests
{
    [NodeToolsFact]
    public async Task Every_card_passes_the_adaptivecards_renderer_at_1_5()
    {
        var cards = new Dictionary<string, JsonNode>();
        foreach (var language in new[] { "vi", "en" })
        {
            cards[$"welcome-{language}"] = HelpCards.Welcome(new Texts(language)).ToJson();
            cards[$"help-{language}"] = HelpCards.Help(new Texts(language)).ToJson();
            cards[$"help-admin-{language}"] = HelpCards.Help(new Texts(language), admin: true).ToJson();
            var t = new Texts(language);
            var theme = new StudyBot.Themes.StudyTheme
            {
                Year = 2025, Title = "Chuyên đề *thử*", Directive = "Chỉ thị 05-CT/TW", Description = "Mô tả", Source = "Nguồn",
                Link = "https://example.gov.vn/a",
            };
            cards[$"theme-{language}"] = StudyBot.Themes.ThemeCards.Theme(t, 2025, theme, new(3, "Dân vận"),
                [new("Chi bộ Thu", "Quý 1", "Kể chuyện")], canEdit: true, canPlan: true).ToJson();
            cards[$"theme-none-{language}"] = StudyBot.Themes.ThemeCards.Theme(t, 2026, null, null, [], true, false).ToJson();
            cards[$"theme-form-{language}"] = StudyBot.Themes.ThemeCards.Form(t, 2026, new(null, "Chỉ thị", null, "3: x", null), "Lỗi").ToJson();
            cards[$"plan-form-{language}"] = StudyBot.Themes.ThemeCards.PlanForm(t, 2026, [("Chi bộ Thu", Guid.NewGuid())], "m3", error: "Lỗi").ToJson();
        }
        // And the cards exactly as they reached the connector in a real turn.
        await using (var bot = await BotHost.StartAsync())
        {
            await bot.SendAsync(Activities.Installed(bot.Channel.ServiceUrl));
            await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "help"));
            var index = 0;
            foreach (var call in bot.Channel.Sent())
                foreach (var attachment in call.Body!["attachments"]?.AsArray() ?? [])
                    cards[$"sent-{index++}"] = attachment!["content"]!;
        }
        Assert.True(cards.Count >= 6);

        var results = await ValidateAsync(cards);

        Assert.Equal(cards.Count, results.Count);
        Assert.All(results, r => Assert.True(r.Errors.Count == 0, $"{r.Name}: {string.Join("; ", r.Errors)}"));
    }

    [NodeToolsFact]
    public async Task The_renderer_check_does_catch_a_broken_card()
    {
        var broken = JsonNode.Parse("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlok","text":"x"},{"type":"Input.Text"}]}""")!;
        var result = Assert.Single(await ValidateAsync(new Dictionary<string, JsonNode> { ["broken"] = broken }));
        Assert.NotEmpty(result.Errors);
    }

    public static async Task<List<(string Name, List<string> Errors)>> ValidateAsync(IReadOnlyDictionary<string, JsonNode> cards)
    {
        var dir = Directory.CreateTempSubdirectory("studybot-cards-").FullName;
        var files = new List<string>();
        foreach (var (name, card) in cards)
        {
            var file = Path.Combine(dir, name + ".json");
            await File.WriteAllTextAsync(file, card.ToJsonString());
            files.Add(file);
        }
        var (exit, stdout, stderr) = await ClientTools.RunNodeAsync("validate-cards.js", files, TimeSpan.FromMinutes(2));
        Assert.True(exit == 0, $"validate-cards.js failed: {stderr}");
        Directory.Delete(dir, recursive: true);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonNode.Parse(line)!)
            .Select(r => (Path.GetFileNameWithoutExtension(r["file"]!.GetValue<string>()),
                r["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList()))
            .ToList();
    }
}
