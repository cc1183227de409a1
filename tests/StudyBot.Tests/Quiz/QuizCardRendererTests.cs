using System.Text.Json.Nodes;
using StudyBot.Agency;
using StudyBot.Content;
using StudyBot.Quiz;
using StudyBot.Resources;
using StudyBot.Tests.Cards;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Quiz;

/// <summary>Every quiz card, for every question of the shipped bank, passes Microsoft's Adaptive Cards renderer at 1.5.</summary>
public sealed class QuizCardRendererTests
{
    /// <summary>The shipped bank as the store would hold it after the default pack is imported.</summary>
    private static List<(QuizQuestion Question, QuizItem Item)> Bank()
    {
        var quiz = JsonNode.Parse(ContentPacks.DefaultPackText())!["quiz"]!;
        var sources = quiz["sources"]!.AsArray().Select(s => new QuizSource
        {
            Id = s!["id"]!.GetValue<string>(), Kind = s["kind"]!.GetValue<string>(), Work = s["work"]!.GetValue<string>(),
            Text = s["text"]!.GetValue<string>(), Citation = s["citation"]!.GetValue<string>(),
        }).ToDictionary(s => s.Id);
        return quiz["questions"]!.AsArray().Select(q =>
        {
            var kind = q!["kind"]!.GetValue<string>();
            var question = new QuizQuestion
            {
                Id = q["id"]!.GetValue<string>(), Kind = kind, Category = q["category"]!.GetValue<string>(), Prompt = q["prompt"]!.GetValue<string>(),
                Options = (q["choices"] ?? q["items"] ?? new JsonArray()).ToJsonString(),
                Answer = kind switch { "single" => q["answer"]!.ToJsonString(), "truefalse" => q["answer"]!.ToJsonString(), "fill" => q["answer"]!.GetValue<string>(), _ => "" },
                SourceId = q["source"]!.GetValue<string>(), Explain = q["explain"]?.GetValue<string>(),
            };
            return (question, QuizItem.From(question, sources[question.SourceId]));
        }).ToList();
    }

    [NodeToolsFact]
    public async Task Every_quiz_card_passes_the_adaptivecards_renderer()
    {
        var bank = Bank();
        var cards = new Dictionary<string, JsonNode>();
        var unit = Guid.NewGuid();
        var facts = new RoundFacts(Guid.NewGuid(), "Dân vận *tháng* 11", "Chi bộ Thu", 20, new DateTime(2026, 11, 22, 9, 0, 0),
            new DateTime(2026, 11, 22, 17, 0, 0), 60);
        foreach (var language in new[] { "vi", "en" })
        {
            var t = new Texts(language);
            foreach (var (q, item) in bank)
            {
                var view = new QuestionView(Guid.NewGuid(), 2, 5, item, language == "vi" ? facts.Title : null, language == "vi" ? 60 : null);
                cards[$"question-{q.Id}-{language}"] = QuizCards.Question(t, view, "✅ Đã ghi nhận câu 2.", language == "en" ? "Lỗi" : null).ToJson();
                cards[$"feedback-{q.Id}-{language}"] = QuizCards.Feedback(t, view, null, correct: false, timedOut: q.Id.EndsWith('1')).ToJson();
            }
            // The largest reveal a round can produce: its 20 longest questions, none answered.
            var longest = bank.OrderByDescending(b => b.Item.Prompt.Length + b.Item.Source.Text.Length + (b.Item.Explain?.Length ?? 0))
                .Take(20).Select(b => (b.Item, (QuizAnswer?)null)).ToList();
            cards[$"reveal-{language}"] = RoundCards.Reveal(t, facts, 0, longest).ToJson();
            cards[$"invitation-{language}"] = RoundCards.Invitation(t, facts, t.Format("Round.Reminder", "17:00, Chủ nhật 22/11/2026")).ToJson();
            cards[$"submitted-{language}"] = RoundCards.Submitted(t, facts, 20).ToJson();
            cards[$"score-{language}"] = QuizCards.PracticeScore(t, 4, 5, 3, 5, 5).ToJson();
            var round = new QuizRound { Id = facts.Id, Title = facts.Title, UnitId = unit, Status = RoundStatus.Scheduled };
            cards[$"list-{language}"] = RoundManageCards.List(t, [(round, facts), (new QuizRound { Id = Guid.NewGuid(), Title = "Đã đóng", Status = RoundStatus.Closed }, facts)]).ToJson();
            var form = new RoundForm(unit.ToString(), "Dân vận", "10", "dv-01,dv-02", "2026-11-22", "09:00", "2026-11-22", "17:00", "60");
            cards[$"form-{language}"] = RoundManageCards.Form(t, [("Chi bộ Thu", unit)], bank.Select(b => b.Question).ToList(), form, null, 20, "Lỗi").ToJson();
            // The picker's choices are plain text: a fill-in blank reads "___", never "\_\_\_".
            var titles = CardReader.Inputs(cards[$"form-{language}"]).Single(i => i["id"]!.GetValue<string>() == "questions")["choices"]!.AsArray()
                .Select(c => c!["title"]!.GetValue<string>()).ToList();
            Assert.Contains(titles, x => x.Contains("___"));
            Assert.DoesNotContain(titles, x => x.Contains('\\'));
            var bigBank = Enumerable.Range(0, 100).Select(i => new QuizQuestion { Id = $"q{i}", Prompt = "x" }).ToList();
            cards[$"form-big-bank-{language}"] = RoundManageCards.Form(t, [("Chi bộ Thu", unit)], bigBank, form, Guid.NewGuid(), 20).ToJson();
            cards[$"results-{language}"] = ResultsCards.Results(t, facts, Results(bank), "https://studybot.example/quiz/results/x.csv?expires=1&sig=a", TimeSpan.FromHours(2)).ToJson();
        }

        var results = await CardRendererTests.ValidateAsync(cards);

        Assert.Equal(cards.Count, results.Count);
        Assert.All(results, r => Assert.True(r.Errors.Count == 0, $"{r.Name}: {string.Join("; ", r.Errors)}"));
    }

    /// <summary>Sixty people, forty of whom answered twenty questions with varied scores.</summary>
    private static RoundResults Results(List<(QuizQuestion Question, QuizItem Item)> bank)
    {
        var items = bank.Take(20).Select(b => b.Item).ToList();
        var rows = Enumerable.Range(0, 60).Select(i =>
        {
            var member = new Member { Id = Guid.NewGuid(), Name = $"Người thứ {i} <b>", Upn = $"p{i}@bhxh.example" };
            if (i >= 40) return new ResultRow(member, null, new Dictionary<string, QuizAnswer>());
            var attempt = new QuizAttempt { Id = Guid.NewGuid(), Position = 20, Count = 20, Score = i % 21, FinishedAt = DateTime.UtcNow };
            var answers = items.Select((item, k) => new QuizAnswer { QuestionId = item.Id, Correct = k < attempt.Score }).ToDictionary(a => a.QuestionId);
            return new ResultRow(member, attempt, answers);
        }).ToList();
        var questions = items.Select((item, k) => new QuestionResult(item, 40, rows.Count(r => r.Answers.GetValueOrDefault(item.Id)?.Correct == true))).ToList();
        return new RoundResults(items, rows, questions);
    }
}
