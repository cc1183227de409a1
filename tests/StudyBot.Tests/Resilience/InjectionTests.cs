using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Conduct;
using StudyBot.Members.Import;
using StudyBot.Nominations;
using StudyBot.Resources;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;
using StudyBot.Tests.Members;
using StudyBot.Tests.Nominations;

namespace StudyBot.Tests.Resilience;

/// <summary>
/// What one person types reaches another person's card as text: a name, a deed and a question full of Markdown, HTML,
/// &lt;at&gt; mentions, addresses and a very long word are rendered by Microsoft's Adaptive Cards renderer with Markdown on,
/// and nothing becomes a link, a format or a mention, and nothing is cut off.
/// </summary>
public sealed class InjectionTests() : NominationSuite(StorageProvider.Sqlite)
{
    private const string Hostile = "hostile@bhxh.example";
    private static readonly string LongWord = new('W', 300);
    private static readonly string HostileName = "**Trùm** [bấm đây](http://evil.example) <at>Giám đốc</at> <b>đậm</b> _nghiêng_";
    private static readonly string HostileText =
        $"# Tiêu đề\n- mục [link](javascript:alert(1)) <a href=\"http://evil.example\">xem</a> <img src=x> www.evil.example " +
        $"`mã` ~~gạch~~ | bảng | <at>Phó Giám đốc</at> {LongWord} https://evil.example/x";

    [NodeToolsFact]
    public async Task Typed_markup_reaches_leaders_and_secretaries_as_text_with_no_links_and_nothing_cut_off()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        await ImportAgencyAsync(bot);
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var (_, errors) = await scope.ServiceProvider.GetRequiredService<MemberImport>().RunAsync(new StringReader($"""
                {MemberFiles.Header}
                {Hostile},{HostileName},,,Chi bộ Thu,có,
                """), Texts.Vietnamese, null, default);
            Assert.Empty(errors);
        }
        await bot.SendAsync(From(bot, Hostile, "xin chào"));

        // A nomination from them, with markup in the deed and the note.
        var form = Form(deed: HostileText);
        form["note"] = HostileText;
        await ClickAsync(bot, Hostile, NominationForm.SaveVerb, form);
        await WaitForAsync(() => CardsTo(bot, Director, "Đề cử người tốt, việc tốt · ĐC-").Count == 1);
        // A question from them that the base cannot answer, sent on to the secretary.
        await bot.SendAsync(From(bot, Hostile, "hỏi " + HostileText));
        await ClickAsync(bot, Hostile, ConductCards.EscalateVerb, ButtonData(LastCardTo(bot, Hostile), ConductCards.EscalateVerb));
        await WaitForAsync(() => CardsTo(bot, Secretary, "Câu hỏi HĐ-").Count == 1);

        var cards = new Dictionary<string, JsonNode>
        {
            ["nomination-to-director"] = NominationCardTo(bot, Director),
            ["question-to-secretary"] = CardsTo(bot, Secretary, "Câu hỏi HĐ-")[0],
        };
        var rendered = await RenderAsync(cards);
        var checks = await Cards.CardRendererTests.ValidateAsync(cards);

        Assert.All(checks, c => Assert.True(c.Errors.Count == 0, $"{c.Name}: {string.Join("; ", c.Errors)}"));

        Assert.Equal(2, rendered.Count);
        foreach (var (name, r) in rendered)
        {
            Assert.True(r["links"]!.AsArray().Count == 0, $"{name} has links: {r["links"]}");
            Assert.True(r["tags"]!.AsArray().Count == 0, $"{name} has formatting: {r["tags"]}");
            Assert.True(r["clipped"]!.AsArray().Count == 0, $"{name} cuts text off: {r["clipped"]}");
            var text = r["text"]!.GetValue<string>();
            // Shown as typed: the brackets, stars and the whole long word are there to read.
            Assert.Contains("[link](javascript:alert(1))", text);
            Assert.Contains("~~gạch~~", text);
            Assert.Contains(LongWord, text);
            Assert.Contains("＜at＞Giám đốc＜/at＞", text); // the name's mention tag, as characters that open nothing
        }
        // Typed into a card's input, a mention tag stays as text; typed in the chat, Teams' own mention is dropped.
        Assert.Contains("＜at＞Phó Giám đốc＜/at＞", rendered["nomination-to-director"]["text"]!.GetValue<string>());
        Assert.Contains("**Trùm** [bấm đây]", rendered["nomination-to-director"]["text"]!.GetValue<string>());
        Assert.Contains("**Trùm** [bấm đây]", rendered["question-to-secretary"]["text"]!.GetValue<string>());
    }

    private static async Task<Dictionary<string, JsonNode>> RenderAsync(Dictionary<string, JsonNode> cards) =>
        (await ClientTools.RunOnCardsAsync("render-cards.js", cards)).ToDictionary(r => r.Name, r => r.Result);
}
