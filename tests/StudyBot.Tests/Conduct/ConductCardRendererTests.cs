using System.Text.Json.Nodes;
using StudyBot.Conduct;
using StudyBot.Resources;
using StudyBot.Tests.Cards;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Conduct;

/// <summary>
/// Every conduct card passes Microsoft's Adaptive Cards renderer at 1.5: an answer for every shipped entry (the unit-rule
/// ones with «Hỏi bí thư»), and every other card, the waiting list at its fullest among them.
/// </summary>
public sealed class ConductCardRendererTests
{
    [NodeToolsFact]
    public async Task Every_conduct_card_passes_the_adaptivecards_renderer()
    {
        var items = KnowledgeItems.FromPack(JsonNode.Parse(StudyBot.Content.ContentPacks.DefaultPackText())!.AsObject());
        var cards = new Dictionary<string, JsonNode>();
        var escalation = new Escalation { Id = Guid.NewGuid(), Number = 12, Question = "Thủ tục *rút* <b>BHXH</b> một lần?" };
        var answered = new Escalation { Id = Guid.NewGuid(), Number = 12, Question = "x", Status = EscalationStatus.Answered, Answer = new string('a', 2000) };
        var entry = new ConductEntry { Id = "hd-0012", Answer = "Trả lời", Citation = "Trả lời của Bí Thư Thu" };
        foreach (var language in new[] { "vi", "en" })
        {
            var t = new Texts(language);
            foreach (var item in items)
                cards[$"answer-{item.Id}-{language}"] = ConductCards.Answer(t, "câu hỏi đã gõ", item, items.Take(2).ToList(), offerSecretary: item.UnitRule).ToJson();
            cards[$"answer-after-feedback-{language}"] = ConductCards.Answer(t, "q", items[0], [], offerSecretary: true, notice: "Cảm ơn", feedback: false).ToJson();
            cards[$"unsure-{language}"] = ConductCards.Unsure(t, new string('q', 300), items.Take(2).ToList()).ToJson();
            cards[$"unsure-empty-{language}"] = ConductCards.Unsure(t, "q", []).ToJson();
            cards[$"question-{language}"] = ConductCards.Question(t, escalation, "Nguyễn Văn An", "Chi bộ Thu", "⏰ Nhắc").ToJson();
            cards[$"question-answered-{language}"] = ConductCards.Question(t, answered, "Nguyễn Văn An", null).ToJson();
            cards[$"answered-asker-{language}"] = ConductCards.Answered(t, answered, "An", "Chi bộ Thu", "Bí Thư Thu", "09:00 21/11/2026", forAsker: true).ToJson();
            cards[$"answered-copy-{language}"] = ConductCards.Answered(t, answered, "An", null, "Bí Thư Thu", "09:00 21/11/2026", forAsker: false).ToJson();
            cards[$"pending-{language}"] = ConductCards.Pending(t, entry, ["Câu hỏi một", "Câu hỏi hai"]).ToJson();
            var now = new DateTime(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc);
            var waiting = Enumerable.Range(1, 10).Select(n => new WaitingQuestions.Waiting(
                new Escalation { Id = Guid.NewGuid(), Number = n, Question = new string('q', 1000), CreatedAt = now.AddHours(-n * 7) },
                n % 2 == 0 ? null : "Chi bộ Thu", "Nguyễn Văn An")).ToList();
            cards[$"waiting-{language}"] = WaitingQuestions.Card(t, waiting, 14, "✅ Đã gửi", now).ToJson();
            cards[$"waiting-empty-{language}"] = WaitingQuestions.Card(t, [], 0, null, now).ToJson();
        }

        var results = await CardRendererTests.ValidateAsync(cards);

        Assert.Equal(cards.Count, results.Count);
        Assert.All(results, r => Assert.True(r.Errors.Count == 0, $"{r.Name}: {string.Join("; ", r.Errors)}"));
    }
}
