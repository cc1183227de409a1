using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Agency;
using StudyBot.Conduct;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;
using StudyBot.Tests.Quiz;

namespace StudyBot.Tests.Conduct;

public sealed class ConductTestsOnSqlite() : ConductTests(StorageProvider.Sqlite);

public sealed class ConductTestsOnPostgres() : ConductTests(StorageProvider.Postgres);

/// <summary>Questions answered from the base, and the round trip to the secretary when the bot is unsure.</summary>
public abstract class ConductTests(StorageProvider provider) : QuizSuite(provider)
{
    private const string An = "an@bhxh.example";
    private const string Admin = "quantri@bhxh.example";

    private Task<BotHost> StartAsync(string local, string? holiday = null, Dictionary<string, string>? settings = null)
    {
        settings ??= [];
        settings["StudyBot:Admins:0"] = Admin;
        if (holiday is not null) settings["Conduct:Holidays:0"] = holiday;
        return StartAsync(local, channel: null, shared: null, settings: settings);
    }

    [SkippableFact]
    public async Task A_member_typing_without_diacritics_gets_a_sourced_answer_and_can_say_it_was_not_what_they_meant()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        await ImportCellAsync(bot);
        await bot.SendAsync(From(bot, An, "lam sao noi chuyen voi don vi no bhxh"));

        var card = LastCardTo(bot, An);
        var shown = CardReader.Visible(card);
        Assert.Contains("Kiên trì, thuyết phục, có tình có lý", shown);
        Assert.Contains("Nguồn: «Xây dựng hình ảnh người cán bộ gần dân», Hoàng Linh, 31/01/2018", shown);
        Assert.Equal(["Hữu ích", "Chưa đúng ý"], CardReader.Actions(card).Take(2).Select(a => a["title"]!.GetValue<string>()));
        Assert.DoesNotContain(CardReader.Actions(card), a => a["title"]!.GetValue<string>() == "Hỏi bí thư");

        var notMeant = await ClickAsync(bot, An, ConductCards.UnhelpfulVerb, ButtonData(card, ConductCards.UnhelpfulVerb));
        Assert.Contains("Hỏi bí thư", CardReader.Actions(notMeant["value"]!).Select(a => a["title"]!.GetValue<string>()));
        await using var db = bot.NewDb();
        var feedback = await db.Set<AnswerFeedback>().SingleAsync();
        Assert.Equal(("kb-no-dong", false, "lam sao noi chuyen voi don vi no bhxh"), (feedback.ItemId, feedback.Helpful, feedback.Question));
    }

    [SkippableFact]
    public async Task A_question_the_base_cannot_answer_reaches_the_secretary_and_the_answer_reaches_the_member()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        await ImportCellAsync(bot);
        await SayHelloAsync(bot);
        await bot.SendAsync(From(bot, Admin, "xin chào"));

        await bot.SendAsync(From(bot, An, "hỏi thủ tục rút bảo hiểm xã hội một lần"));
        var unsure = LastCardTo(bot, An);
        Assert.Contains("StudyBot chưa tìm được câu trả lời chắc chắn", CardReader.Visible(unsure));
        var escalated = await ClickAsync(bot, An, ConductCards.EscalateVerb, ButtonData(unsure, ConductCards.EscalateVerb));
        Assert.Contains("✅ Đã chuyển câu hỏi tới Bí Thư Thu, bí thư Chi bộ Thu.", CardReader.Visible(escalated["value"]!));

        await WaitForAsync(() => CardsTo(bot, Secretary, "Câu hỏi HĐ-1").Count == 1);
        var question = CardsTo(bot, Secretary, "Câu hỏi HĐ-1")[0];
        Assert.Contains("thủ tục rút bảo hiểm xã hội một lần", CardReader.Visible(question));
        Assert.Contains("Nguyễn Văn An", CardReader.Visible(question));
        var answer = ButtonData(question, ConductCards.AnswerVerb);
        (answer["answer"], answer["addToKb"]) = ("Anh/chị hướng dẫn người lao động đến bộ phận một cửa, mang sổ BHXH và giấy tờ tùy thân.", "true");

        // Not the cell's secretary, not a member: refused and written down.
        Assert.StartsWith("Anh/chị chưa có quyền", Shown(await ClickAsync(bot, "khac@bhxh.example", ConductCards.AnswerVerb, answer)));
        Assert.StartsWith("Anh/chị chưa có quyền", Shown(await ClickAsync(bot, "cuong@bhxh.example", ConductCards.AnswerVerb, answer)));
        var done = await ClickAsync(bot, Secretary, ConductCards.AnswerVerb, answer);
        Assert.Contains("Trả lời bởi Bí Thư Thu lúc 09:0", CardReader.Visible(done["value"]!));
        Assert.Empty(CardReader.Actions(done["value"]!));
        Assert.StartsWith("Câu hỏi HĐ-1 đã được Bí Thư Thu trả lời", Shown(await ClickAsync(bot, Secretary, ConductCards.AnswerVerb, answer)));

        await WaitForAsync(() => CardsTo(bot, An, "Trả lời câu hỏi HĐ-1").Count == 1 && bot.Channel.Sent().Any(c => c.Method == "PUT"));
        var reply = CardReader.Visible(CardsTo(bot, An, "Trả lời câu hỏi HĐ-1")[0]);
        Assert.Contains("mang sổ BHXH và giấy tờ tùy thân", reply);
        Assert.Contains("Trả lời bởi Bí Thư Thu", reply);
        var put = bot.Channel.Sent().Single(c => c.Method == "PUT");
        Assert.Contains("mang sổ BHXH", CardReader.Visible(put.Body!["attachments"]![0]!["content"]!));

        // The exchange waits for an admin; once approved, the same question is answered from the base.
        await bot.SendAsync(From(bot, Admin, "hỏi duyệt"));
        var pending = LastCardTo(bot, Admin);
        Assert.Contains("hd-0001", CardReader.Visible(pending));
        Assert.StartsWith("Anh/chị chưa có quyền", Shown(await ClickAsync(bot, Secretary, ConductCards.ApproveVerb, ButtonData(pending, ConductCards.ApproveVerb))));
        await ClickAsync(bot, Admin, ConductCards.ApproveVerb, ButtonData(pending, ConductCards.ApproveVerb));
        await bot.SendAsync(From(bot, "cuong@bhxh.example", "thu tuc rut bhxh mot lan"));
        Assert.Contains("mang sổ BHXH", CardReader.Visible(LastCardTo(bot, "cuong@bhxh.example")));

        await using var db = bot.NewDb();
        var entry = await db.Set<ConductEntry>().SingleAsync(e => e.Id == "hd-0001");
        Assert.Equal((ConductStatus.Approved, "quantri@bhxh.example"), (entry.Status, entry.ApprovedBy));
        Assert.Equal(2, await db.Set<AuditEntry>().CountAsync(a => a.Action == "escalation.answer" && a.Outcome == AuditOutcome.Refused));
    }

    [SkippableFact]
    public async Task An_open_question_is_put_to_the_secretary_again_after_two_working_days_not_counting_weekends_and_holidays()
    {
        // Friday 10:00; Monday 23/11 is a holiday: two working days later is Wednesday 25/11 10:00.
        await using var bot = await StartAsync("2026-11-20T10:00", holiday: "2026-11-23");
        await ImportCellAsync(bot);
        await SayHelloAsync(bot);
        await bot.SendAsync(From(bot, An, "wifi co quan mat khau la gi"));
        await ClickAsync(bot, An, ConductCards.EscalateVerb, ButtonData(LastCardTo(bot, An), ConductCards.EscalateVerb));
        await using (var db = bot.NewDb())
        {
            var job = await db.Set<StudyBot.Scheduling.Job>().SingleAsync(j => j.Kind == EscalationJobs.RemindKind);
            // Same time of day as the question (10:00 and the few seconds the setup took), in UTC.
            Assert.InRange(job.DueAt.Ticks, new DateTime(2026, 11, 25, 3, 0, 0).Ticks, new DateTime(2026, 11, 25, 3, 1, 0).Ticks);
        }
        await bot.SendAsync(From(bot, An, "hỏi của tôi"));
        Assert.Contains("HĐ-1: wifi co quan mat khau la gi (đang chờ trả lời)", LastTextTo(bot, An));

        Clock.JumpTo(Hanoi("2026-11-25T09:59:59"));
        await WaitForAsync(() => CardsTo(bot, Secretary, "⏰ Câu hỏi này đã chờ 2 ngày làm việc").Count == 1);
        Assert.Single(CardsTo(bot, Secretary, "⏰ Câu hỏi này đã chờ 2 ngày làm việc"));
        await using var check = bot.NewDb();
        var next = await check.Set<StudyBot.Scheduling.Job>().Where(j => j.Kind == EscalationJobs.RemindKind).MaxAsync(j => j.DueAt);
        Assert.InRange(next.Ticks, new DateTime(2026, 11, 27, 3, 0, 0).Ticks, new DateTime(2026, 11, 27, 3, 1, 0).Ticks);
    }

    [SkippableFact]
    public async Task A_conduct_pack_with_any_error_imports_nothing_and_says_where()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        var pack = """
            {"format": "studybot/content-pack@1",
             "themes": [{"years": [2030], "title": "Chuyên đề 2030", "directive": "Chỉ thị 05-CT/TW"}],
             "conduct": {"entries": [
               {"id": "qt-01", "questions": ["Tiếp dân thế nào?"], "answer": "Lịch sự.", "citation": "Quy tắc ứng xử, Điều 5", "approvedBy": "Giám đốc", "approvedAt": "2026-11-01"},
               {"id": "qt-01", "questions": [], "citation": "", "approvedBy": "Giám đốc", "approvedAt": "01/11/2026"}]}}
            """;
        await using var scope = bot.Services.CreateAsyncScope();
        var (report, errors) = await scope.ServiceProvider.GetRequiredService<StudyBot.Content.ContentPacks>()
            .ImportAsync(scope.ServiceProvider.GetRequiredService<StudyBotDb>(), pack, Resources.Texts.Vietnamese, null, default);

        Assert.Null(report);
        var places = errors.Select(e => e.Place).ToList();
        Assert.Contains("$.conduct.entries[1].id", places);
        Assert.Contains("$.conduct.entries[1].questions", places);
        Assert.Contains("$.conduct.entries[1].answer", places);
        Assert.Contains("$.conduct.entries[1].citation", places);
        Assert.Contains("$.conduct.entries[1].approvedAt", places);
        await using var db = bot.NewDb();
        Assert.False(await db.Set<ConductEntry>().AnyAsync(e => e.Id == "qt-01"));
        Assert.False(await db.Set<StudyBot.Themes.StudyTheme>().AnyAsync(t => t.Year == 2030));
    }
}
