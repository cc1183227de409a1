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
}
