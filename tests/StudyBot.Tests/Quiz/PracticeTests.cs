using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Agency;
using StudyBot.Quiz;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Quiz;

public sealed class PracticeTestsOnSqlite() : PracticeTests(StorageProvider.Sqlite);

public sealed class PracticeTestsOnPostgres() : PracticeTests(StorageProvider.Postgres);

/// <summary>`kiểm tra`: five questions, one card updated in place, feedback with the source after each answer, then the score and history.</summary>
public abstract class PracticeTests(StorageProvider provider) : QuizSuite(provider)
{
    private const string An = "an@bhxh.example";

    [SkippableFact]
    public async Task A_member_practises_five_questions_on_one_card_and_every_answer_shows_its_source()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        await ImportCellAsync(bot);
        await bot.SendAsync(From(bot, An, "kiểm tra"));

        var first = Assert.Single(CardsTo(bot, An));
        Assert.Contains("Câu 1/5", CardReader.Visible(first));
        var attemptId = AttemptOf(first);
        var feedback = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var (item, position) = await CurrentAsync(bot, attemptId);
            Assert.Equal(i, position);
            var answer = await ClickAsync(bot, An, QuizCards.AnswerVerb, Answer(attemptId, position, item, right: i != 2));
            var text = CardReader.Visible(answer["value"]!);
            feedback.Add(text);
            Assert.Contains(i == 2 ? "Chưa đúng." : "✅ Chính xác.", text);
            Assert.Contains("Đáp án đúng", text);
            Assert.Contains(item.Source.Citation, text);
            if (SourceKinds.IsQuotation(item.Source.Kind)) Assert.Contains($"«{item.Source.Text}»", text.Replace("\\", ""));
            var next = await ClickAsync(bot, An, QuizCards.NextVerb, ButtonData(answer["value"]!, QuizCards.NextVerb));
            Assert.Contains(i < 4 ? $"Câu {i + 2}/5" : "Anh/chị trả lời đúng 4/5 câu.", CardReader.Visible(next["value"]!));
        }
        // One card in the chat: every step came back in the invoke answers, nothing more was posted.
        Assert.Single(CardsTo(bot, An));

        await bot.SendAsync(From(bot, An, "kiểm tra lịch sử"));
        Assert.Contains("Luyện tập: 1 lượt, cao nhất 4/5 câu đúng", LastTextTo(bot, An));
        await using var db = bot.NewDb();
        Assert.Equal(5, await db.Set<QuizAnswer>().CountAsync(a => a.AttemptId == attemptId));
        // The attempt is the member's personal data: it is in their export.
        var export = await bot.Services.GetRequiredService<PersonalData>().ExportAsync(db, await db.Set<Member>().SingleAsync(m => m.Upn == An.ToUpperInvariant() || m.Upn == An), default);
        var practice = Assert.Single(export["quiz"]!.AsArray())!;
        Assert.Equal((4, 5), (practice["score"]!.GetValue<int>(), practice["count"]!.GetValue<int>()));
        Assert.Null(practice["round"]);
    }

    [SkippableFact]
    public async Task Pressing_answer_twice_or_two_answers_at_once_count_once()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        await ImportCellAsync(bot);
        await bot.SendAsync(From(bot, An, "quiz"));
        var attemptId = AttemptOf(CardsTo(bot, An)[0]);
        var (item, _) = await CurrentAsync(bot, attemptId);

        var both = await Task.WhenAll(
            ClickAsync(bot, An, QuizCards.AnswerVerb, Answer(attemptId, 0, item)),
            ClickAsync(bot, An, QuizCards.AnswerVerb, Answer(attemptId, 0, item)));
        var again = await ClickAsync(bot, An, QuizCards.AnswerVerb, Answer(attemptId, 0, item));

        Assert.Single(both, b => CardReader.Visible(b["value"]!).Contains("✅ Chính xác."));
        Assert.Contains("đã trả lời", Shown(again));
        await using var db = bot.NewDb();
        Assert.Equal(1, await db.Set<QuizAnswer>().CountAsync(a => a.AttemptId == attemptId));
        Assert.Equal(1, (await db.Set<QuizAttempt>().SingleAsync(a => a.Id == attemptId)).Score);
    }

    [SkippableFact]
    public async Task Someone_elses_card_or_an_unusable_answer_is_refused_clearly_and_nothing_is_recorded()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        await ImportCellAsync(bot);
        await bot.SendAsync(From(bot, An, "kiểm tra"));
        var attemptId = AttemptOf(CardsTo(bot, An)[0]);
        var (item, _) = await CurrentAsync(bot, attemptId);

        var forged = await ClickAsync(bot, "cuong@bhxh.example", QuizCards.AnswerVerb, Answer(attemptId, 0, item));
        var empty = await ClickAsync(bot, An, QuizCards.AnswerVerb, new JsonObject { ["attemptId"] = attemptId.ToString(), ["position"] = 0 });
        var unknown = await ClickAsync(bot, An, QuizCards.AnswerVerb, new JsonObject { ["attemptId"] = Guid.NewGuid().ToString(), ["position"] = 0 });

        Assert.Equal("Thẻ này là bài làm của người khác; câu trả lời không được ghi nhận.", forged["value"]!.GetValue<string>());
        Assert.Matches("Vui lòng (chọn một đáp án|gõ từ còn thiếu|chọn đủ mọi bước)", CardReader.Visible(empty["value"]!));
        Assert.Contains("Câu 1/5", CardReader.Visible(empty["value"]!));
        Assert.StartsWith("Thao tác này không còn hiệu lực", unknown["value"]!.GetValue<string>());
        await using var db = bot.NewDb();
        Assert.False(await db.Set<QuizAnswer>().AnyAsync());
        var refusal = await db.Set<AuditEntry>().SingleAsync(a => a.Outcome == AuditOutcome.Refused);
        Assert.Equal(("quiz.answer", attemptId.ToString()), (refusal.Action, refusal.Target));
    }

    [SkippableFact]
    public async Task Cancel_in_the_middle_of_practice_drops_it_and_says_it_does_not_count()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        await ImportCellAsync(bot);
        await bot.SendAsync(From(bot, An, "kiểm tra"));
        var attemptId = AttemptOf(CardsTo(bot, An)[0]);
        var (item, _) = await CurrentAsync(bot, attemptId);
        await ClickAsync(bot, An, QuizCards.AnswerVerb, Answer(attemptId, 0, item));

        await bot.SendAsync(From(bot, An, "hủy"));
        Assert.Equal("Đã hủy lượt luyện tập đang làm (đã trả lời 1/5 câu). Lượt này không được tính vào kết quả luyện tập. Gõ «kiểm tra» khi muốn làm lượt mới.",
            LastTextTo(bot, An));
        var late = await ClickAsync(bot, An, QuizCards.NextVerb, new JsonObject { ["attemptId"] = attemptId.ToString() });
        Assert.StartsWith("Thao tác này không còn hiệu lực", late["value"]!.GetValue<string>());
        await bot.SendAsync(From(bot, An, "hủy"));
        Assert.Equal("Không có thao tác nào đang làm.", LastTextTo(bot, An));
        await bot.SendAsync(From(bot, An, "kiểm tra lịch sử"));
        Assert.Contains("chưa làm bài kiểm tra nào", LastTextTo(bot, An));

        await using var db = bot.NewDb();
        Assert.False(await db.Set<QuizAttempt>().AnyAsync());
        Assert.False(await db.Set<QuizAnswer>().AnyAsync());
        Assert.Equal("quiz.cancel", (await db.Set<AuditEntry>().SingleAsync(a => a.Target == attemptId.ToString())).Action);
    }

    [SkippableFact]
    public async Task An_attempt_draws_across_sources_and_kinds_and_never_gives_a_later_answer_away()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        await ImportCellAsync(bot);
        for (var i = 0; i < 25; i++) await bot.SendAsync(From(bot, An, "kiểm tra"));

        await using var db = bot.NewDb();
        var attempts = (await db.Set<QuizAttempt>().ToListAsync()).Select(a => QuizItem.Deserialize(a.Items!)).ToList();
        Assert.Equal(25, attempts.Count);
        Assert.All(attempts, items =>
        {
            Assert.Equal(5, items.Count);
            // The whole passage is shown after each answer, so two questions on one passage would give the second away.
            Assert.Equal(5, items.Select(q => q.Source.Id).Distinct().Count());
            Assert.True(items.Select(q => q.Kind).Distinct().Count() >= 2, string.Join(", ", items.Select(q => q.Kind)));
            // "Which paper, which year": every «Dân vận» citation names báo Sự thật and 1949, so it may only come first.
            var paper = items.FindIndex(q => q.Prompt.Contains("được đăng trên báo nào"));
            if (paper > 0) Assert.DoesNotContain(items.Take(paper), q => q.Source.Citation.Contains("Sự thật"));
        });
        Assert.True(attempts.SelectMany(a => a).Select(q => q.Kind).Distinct().Count() >= 3);
        // Practice that was started and left stays open, but the next attempt still draws afresh.
        Assert.True(attempts.Select(a => string.Join(",", a.Select(q => q.Id))).Distinct().Count() > 20);
    }
}
