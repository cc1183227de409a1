using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Agency;
using StudyBot.Quiz;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Quiz;

public sealed class RoundTestsOnSqlite() : RoundTests(StorageProvider.Sqlite);

public sealed class RoundTestsOnPostgres() : RoundTests(StorageProvider.Postgres);

/// <summary>A round's life in chat, with a clock that jumps: schedule, open, answer, remind, close, reveal, results and CSV.</summary>
public abstract class RoundTests(StorageProvider provider) : QuizSuite(provider)
{
    private const string An = "an@bhxh.example";
    private const string Cuong = "cuong@bhxh.example";
    private const string Binh = "binh@bhxh.example";
    private const string Title = "Dân vận tháng 11";

    private static JsonObject Form(Guid unitId, string openDate = "2026-11-22", string openTime = "09:00", string closeDate = "2026-11-22",
        string closeTime = "17:00", string count = "5", string? questions = null, string seconds = "0") => new()
    {
        ["unit"] = unitId.ToString(), ["title"] = Title, ["count"] = count, ["questions"] = questions, ["openDate"] = openDate,
        ["openTime"] = openTime, ["closeDate"] = closeDate, ["closeTime"] = closeTime, ["seconds"] = seconds,
    };

    private static async Task AnswerAllAsync(BotHost bot, string upn, JsonNode invitation, int howMany, bool right)
    {
        var start = await ClickAsync(bot, upn, RoundCards.StartVerb, ButtonData(invitation, RoundCards.StartVerb));
        var attemptId = AttemptOf(start["value"]!);
        for (var i = 0; i < howMany; i++)
        {
            var (item, position) = await CurrentAsync(bot, attemptId);
            var answer = CardReader.Visible((await ClickAsync(bot, upn, QuizCards.AnswerVerb, Answer(attemptId, position, item, right)))["value"]!);
            // While the round is open nothing tells whether an answer was right.
            Assert.DoesNotContain("Đáp án đúng", answer);
            Assert.DoesNotContain("Chính xác", answer);
            Assert.Contains(i < 4 ? $"✅ Đã ghi nhận câu {i + 1}." : "✅ Anh/chị đã nộp bài: 5/5 câu.", answer);
        }
    }

    /// <summary>The secretary's round for Chi bộ Thu, scheduled the day before and now open, its invitation with everyone.</summary>
    private async Task<BotHost> OpenedRoundAsync()
    {
        var bot = await StartAsync("2026-11-21T10:00");
        await ImportCellAsync(bot);
        await SayHelloAsync(bot);
        await ClickAsync(bot, Secretary, RoundManageCards.SaveVerb, Form(await UnitIdAsync(bot, "Chi bộ Thu")));
        Clock.JumpTo(Hanoi("2026-11-22T09:00:01"));
        await WaitForAsync(() => new[] { Secretary, An, Cuong, Binh }.All(p => CardsTo(bot, p, "Đợt kiểm tra «Dân vận tháng 11»").Count == 1));
        return bot;
    }

    [SkippableFact]
    public async Task A_round_for_tomorrow_opens_reminds_closes_and_reports_with_a_csv()
    {
        await using var bot = await StartAsync("2026-11-21T10:00",
            settings: new Dictionary<string, string> { ["StudyBot:PublicBaseUrl"] = "https://studybot.bhxh.example/" });
        await ImportCellAsync(bot);
        await SayHelloAsync(bot);
        var unit = await UnitIdAsync(bot, "Chi bộ Thu");

        await bot.SendAsync(From(bot, Secretary, "kiểm tra đợt"));
        var list = LastCardTo(bot, Secretary);
        var form = await ClickAsync(bot, Secretary, RoundManageCards.FormVerb, ButtonData(list, RoundManageCards.FormVerb));
        Assert.Contains("2026-11-22", CardReader.Visible(form["value"]!));
        var saved = await ClickAsync(bot, Secretary, RoundManageCards.SaveVerb, Form(unit));
        Assert.Contains("✅ Đã lên lịch «Dân vận tháng 11»: 5 câu, mở 09:00, Chủ nhật 22/11/2026, đóng 17:00, Chủ nhật 22/11/2026.",
            CardReader.Visible(saved["value"]!));

        Clock.JumpTo(Hanoi("2026-11-22T08:59:59"));
        await WaitForAsync(() => new[] { Secretary, An, Cuong, Binh }.All(p => CardsTo(bot, p, "Đợt kiểm tra «Dân vận tháng 11»").Count == 1));
        Assert.All(new[] { Secretary, An, Cuong, Binh }, p => Assert.Single(CardsTo(bot, p, "Đợt kiểm tra «Dân vận tháng 11»")));
        Assert.Empty(CardsTo(bot, "khac@bhxh.example"));

        var invitation = CardsTo(bot, An, "Đợt kiểm tra")[0];
        await AnswerAllAsync(bot, An, invitation, 5, right: true);
        var again = await ClickAsync(bot, An, RoundCards.StartVerb, ButtonData(invitation, RoundCards.StartVerb));
        Assert.Contains("✅ Anh/chị đã nộp bài: 5/5 câu.", CardReader.Visible(again["value"]!));
        var cuongStart = await ClickAsync(bot, Cuong, RoundCards.StartVerb, ButtonData(CardsTo(bot, Cuong, "Đợt kiểm tra")[0], RoundCards.StartVerb));
        var cuongAttempt = AttemptOf(cuongStart["value"]!);
        var (first, _) = await CurrentAsync(bot, cuongAttempt);
        await ClickAsync(bot, Cuong, QuizCards.AnswerVerb, Answer(cuongAttempt, 0, first, right: false));

        Clock.JumpTo(Hanoi("2026-11-22T14:59:59"));
        await WaitForAsync(() => new[] { Secretary, Cuong, Binh }.All(p => CardsTo(bot, p, "chưa hoàn thành").Count == 1));
        Assert.All(new[] { Secretary, Cuong, Binh }, p => Assert.Single(CardsTo(bot, p, "⏰ Anh/chị chưa hoàn thành bài. Đợt kiểm tra đóng lúc 17:00, Chủ nhật 22/11/2026.")));
        Assert.Empty(CardsTo(bot, An, "chưa hoàn thành"));

        Clock.JumpTo(Hanoi("2026-11-22T16:59:59"));
        await WaitForAsync(() => CardsTo(bot, Secretary, "Kết quả đợt kiểm tra").Count == 1 && CardsTo(bot, Cuong, "Đáp án đợt kiểm tra").Count == 1);
        var (second, _) = await CurrentAsync(bot, cuongAttempt);
        var late = await ClickAsync(bot, Cuong, QuizCards.AnswerVerb, Answer(cuongAttempt, 1, second));
        Assert.Equal("Đợt kiểm tra «Dân vận tháng 11» đã đóng lúc 17:00, Chủ nhật 22/11/2026. Câu trả lời không được ghi nhận.",
            late["value"]!.GetValue<string>());

        var reveal = CardReader.Visible(Assert.Single(CardsTo(bot, An, "Đáp án đợt kiểm tra")));
        Assert.Contains("Anh/chị trả lời đúng 5/5 câu.", reveal);
        Assert.Contains("Đáp án đúng", reveal);
        Assert.Contains("Nguồn trích dẫn", reveal);
        Assert.Contains("Anh/chị trả lời đúng 0/5 câu.", CardReader.Visible(Assert.Single(CardsTo(bot, Cuong, "Đáp án đợt kiểm tra"))));
        Assert.Empty(CardsTo(bot, Binh, "Đáp án đợt kiểm tra"));

        var resultsCard = Assert.Single(CardsTo(bot, Secretary, "Kết quả đợt kiểm tra"));
        var results = CardReader.Visible(resultsCard);
        Assert.Contains("2/4 người", results);
        Assert.Contains("2,5/5", results);
        Assert.Contains("1. Nguyễn Văn An", results);
        Assert.Contains("Chưa làm bài (2 người)", results);
        Assert.Contains("Bí Thư Thu, Trần Thị Bình", results);
        Assert.Contains("Câu khó nhất", results);

        var url = new Uri(CardReader.Actions(resultsCard).Single(a => a["type"]!.GetValue<string>() == "Action.OpenUrl")["url"]!.GetValue<string>());
        Assert.StartsWith("https://studybot.bhxh.example/quiz/results/", url.ToString());
        var csv = await bot.Http.GetAsync(bot.BaseUrl + url.PathAndQuery);
        Assert.Equal(System.Net.HttpStatusCode.OK, csv.StatusCode);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Họ và tên,Email,Đã làm,Điểm,Số câu,Bắt đầu,Nộp bài,Câu 1 (", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("Nguyễn Văn An,AN@BHXH.EXAMPLE,có,5,5,22/11/2026 0", lines.Single(l => l.StartsWith("Nguyễn Văn An")), StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith(",1,1,1,1,1", lines.Single(l => l.StartsWith("Nguyễn Văn An")));
        Assert.StartsWith("Trần Thị Bình,", lines.Single(l => l.Contains("Bình")));
        Assert.Contains(",không,", lines.Single(l => l.Contains("Bình")));

        var forged = await bot.Http.GetAsync(bot.BaseUrl + url.PathAndQuery.Replace("sig=", "sig=x"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.StartsWith("Liên kết đã hết hạn hoặc không hợp lệ.", await forged.Content.ReadAsStringAsync());
        Clock.JumpTo(Hanoi("2026-11-22T19:30"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await bot.Http.GetAsync(bot.BaseUrl + url.PathAndQuery)).StatusCode);

        await using var db = bot.NewDb();
        Assert.Equal(RoundStatus.Closed, (await db.Set<QuizRound>().SingleAsync()).Status);
        // The same five questions for both, each in their own order.
        var orders = await db.Set<QuizAttempt>().Where(a => a.RoundId != null).Select(a => a.Order).ToListAsync();
        Assert.Equal(2, orders.Count);
        Assert.All(orders, o => Assert.Equal([0, 1, 2, 3, 4], System.Text.Json.JsonSerializer.Deserialize<int[]>(o)!.Order()));
        Assert.Equal(1, await db.Set<QuizAttempt>().CountAsync(a => a.MemberId != Guid.Empty && a.RoundId != null && a.Score == 5));
        Assert.Equal(6, await db.Set<QuizAnswer>().CountAsync());
    }

    [SkippableFact]
    public async Task Cancel_during_a_round_keeps_the_attempt_and_says_what_counts_and_how_to_go_on()
    {
        await using var bot = await OpenedRoundAsync();
        var start = await ClickAsync(bot, An, RoundCards.StartVerb, ButtonData(CardsTo(bot, An, "Đợt kiểm tra")[0], RoundCards.StartVerb));
        var attemptId = AttemptOf(start["value"]!);
        var (item, _) = await CurrentAsync(bot, attemptId);
        await ClickAsync(bot, An, QuizCards.AnswerVerb, Answer(attemptId, 0, item));

        await bot.SendAsync(From(bot, An, "hủy"));

        var card = LastCardTo(bot, An);
        var text = CardReader.Visible(card);
        Assert.Contains("Anh/chị đang làm bài của đợt kiểm tra «Dân vận tháng 11» (đã trả lời 1/5 câu). Bài của đợt không hủy được", text);
        Assert.Contains("câu chưa trả lời tính là chưa đúng", text);
        Assert.DoesNotContain("Không có thao tác nào đang làm", text);
        // Its button goes on where the member stopped: the second question.
        var resumed = await ClickAsync(bot, An, RoundCards.StartVerb, ButtonData(card, RoundCards.StartVerb));
        Assert.Contains("Câu 2/5", CardReader.Visible(resumed["value"]!));
        await using var db = bot.NewDb();
        var attempt = await db.Set<QuizAttempt>().SingleAsync(a => a.Id == attemptId);
        Assert.Equal((1, (DateTime?)null), (attempt.Position, attempt.FinishedAt));
    }

    [SkippableFact]
    public async Task During_a_round_results_name_who_has_not_finished_and_remind_them_at_most_hourly()
    {
        await using var bot = await OpenedRoundAsync();
        await AnswerAllAsync(bot, An, CardsTo(bot, An, "Đợt kiểm tra")[0], 5, right: true);
        var start = await ClickAsync(bot, Cuong, RoundCards.StartVerb, ButtonData(CardsTo(bot, Cuong, "Đợt kiểm tra")[0], RoundCards.StartVerb));
        var attempt = AttemptOf(start["value"]!);
        var (first, _) = await CurrentAsync(bot, attempt);
        await ClickAsync(bot, Cuong, QuizCards.AnswerVerb, Answer(attempt, 0, first));

        await bot.SendAsync(From(bot, Secretary, "kiểm tra đợt"));
        await ClickAsync(bot, Secretary, RoundManageCards.ResultsVerb, ButtonData(LastCardTo(bot, Secretary), RoundManageCards.ResultsVerb));
        var progress = LastCardTo(bot, Secretary);
        var shown = CardReader.Visible(progress);
        Assert.Contains("Đợt đang mở: 1/4 người đã nộp bài.", shown);
        Assert.Contains("Chưa hoàn thành (3):", shown);
        Assert.Contains("Lê Văn Cường", shown);
        Assert.Contains("đã trả lời 1/5 câu", shown);
        Assert.Contains("Trần Thị Bình", shown);
        Assert.Contains("chưa bắt đầu", shown);
        Assert.DoesNotContain("Nguyễn Văn An", shown);

        // Only the secretary may press it, and what it sends goes through the outbox to those three alone.
        var forged = await ClickAsync(bot, An, RoundProgress.RemindVerb, ButtonData(progress, RoundProgress.RemindVerb));
        Assert.StartsWith("Anh/chị chưa có quyền", Shown(forged));
        var reminded = await ClickAsync(bot, Secretary, RoundProgress.RemindVerb, ButtonData(progress, RoundProgress.RemindVerb));
        Assert.Contains("✅ Đã gửi lời nhắc tới 3 người chưa hoàn thành.", Shown(reminded));
        await WaitForAsync(() => new[] { Secretary, Cuong, Binh }.All(p => CardsTo(bot, p, "chưa hoàn thành bài").Count == 1));
        Assert.Empty(CardsTo(bot, An, "chưa hoàn thành bài"));
        var again = await ClickAsync(bot, Secretary, RoundProgress.RemindVerb, ButtonData(progress, RoundProgress.RemindVerb));
        Assert.StartsWith("Đã nhắc lúc 09:00, Chủ nhật 22/11/2026; có thể nhắc lại sau 10:00, Chủ nhật 22/11/2026.", Shown(again));

        Clock.JumpTo(Hanoi("2026-11-22T10:01"));
        var later = await ClickAsync(bot, Secretary, RoundProgress.RemindVerb, ButtonData(progress, RoundProgress.RemindVerb));
        Assert.Contains("✅ Đã gửi lời nhắc tới 3 người", Shown(later));
        await using var db = bot.NewDb();
        Assert.Equal(2, await db.Set<AuditEntry>().CountAsync(a => a.Action == RoundProgress.RemindVerb && a.Outcome == AuditOutcome.Done));
    }

    [SkippableFact]
    public async Task Remind_now_pressed_twice_at_once_sends_one_reminder()
    {
        await using var bot = await OpenedRoundAsync();
        await bot.SendAsync(From(bot, Secretary, "kiểm tra đợt"));
        await ClickAsync(bot, Secretary, RoundManageCards.ResultsVerb, ButtonData(LastCardTo(bot, Secretary), RoundManageCards.ResultsVerb));
        var data = ButtonData(LastCardTo(bot, Secretary), RoundProgress.RemindVerb);

        // Presses in flight together, as a double click sends them (each its own activity).
        var presses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ClickAsync(bot, Secretary, RoundProgress.RemindVerb, data)));

        Assert.Single(presses, p => Shown(p).Contains("✅ Đã gửi lời nhắc tới"));
        Assert.All(presses.Where(p => !Shown(p).Contains("✅")), p => Assert.StartsWith("Đã nhắc lúc", Shown(p)));
        await WaitForAsync(() => CardsTo(bot, Binh, "chưa hoàn thành bài").Count >= 1);
        await Task.Delay(1000); // room for a second copy to arrive, if one had been queued
        Assert.Single(CardsTo(bot, Binh, "chưa hoàn thành bài"));
        await using var db = bot.NewDb();
        Assert.Equal(1, await db.Set<AuditEntry>().CountAsync(a => a.Action == RoundProgress.RemindVerb && a.Outcome == AuditOutcome.Done));
    }

    [SkippableFact]
    public async Task Forms_default_to_the_persons_own_cell_even_for_a_secretary_who_is_also_an_admin()
    {
        // An admin may act on every unit, and "Chi bộ Chế độ" comes first by name; this admin is the secretary of Chi bộ Thu.
        await using var bot = await StartAsync("2026-11-21T10:00", settings: new Dictionary<string, string> { ["StudyBot:Admins:0"] = Secretary });
        await ImportCellAsync(bot);
        var own = (await UnitIdAsync(bot, "Chi bộ Thu")).ToString();
        static string? UnitChosen(JsonNode card) => CardReader.Inputs(card).Single(i => i["id"]!.GetValue<string>() == "unit")["value"]?.GetValue<string>();

        var round = await ClickAsync(bot, Secretary, RoundManageCards.FormVerb, []);
        var reminder = await ClickAsync(bot, Secretary, StudyBot.Reminders.ReminderManageCards.FormVerb, []);
        var plan = await ClickAsync(bot, Secretary, StudyBot.Themes.PlanCards.FormVerb, []);

        Assert.Equal(own, UnitChosen(round["value"]!));
        Assert.Equal(own, UnitChosen(reminder["value"]!));
        Assert.Equal(own, UnitChosen(plan["value"]!));
        // The list still offers the other cells, after the person's own.
        var choices = CardReader.Inputs(round["value"]!).Single(i => i["id"]!.GetValue<string>() == "unit")["choices"]!.AsArray()
            .Select(c => c!["title"]!.GetValue<string>()).ToList();
        Assert.Equal("Chi bộ Thu", choices[0]);
        Assert.Contains("Chi bộ Chế độ", choices);
    }

    [SkippableFact]
    public async Task Every_problem_with_the_round_form_comes_back_at_once_with_what_was_typed()
    {
        await using var bot = await StartAsync("2026-11-21T10:00");
        await ImportCellAsync(bot);
        var unit = await UnitIdAsync(bot, "Chi bộ Thu");
        var form = Form(unit, closeDate: "22/11/2026", count: "50", questions: null);
        form.Remove("title");

        var shown = Shown(await ClickAsync(bot, Secretary, RoundManageCards.SaveVerb, form));

        Assert.Contains("Vui lòng nhập tên đợt kiểm tra.", shown);
        Assert.Contains("Ngày hoặc giờ đóng chưa hợp lệ.", shown);
        Assert.Contains("Số câu hỏi phải từ 1 đến 20.", shown);
        Assert.Contains("2026-11-22", shown); // the opening date typed is still there
        await using var db = bot.NewDb();
        Assert.False(await db.Set<QuizRound>().AnyAsync());
    }

    [SkippableFact]
    public async Task The_form_refuses_bad_times_counts_and_questions_and_only_the_cells_secretary_may_save()
    {
        await using var bot = await StartAsync("2026-11-21T10:00");
        await ImportCellAsync(bot);
        var unit = await UnitIdAsync(bot, "Chi bộ Thu");

        async Task<string> SaveAsync(JsonObject form, string who = Secretary) =>
            Shown(await ClickAsync(bot, who, RoundManageCards.SaveVerb, form));

        Assert.Contains("Giờ đóng phải sau giờ mở. Vui lòng chọn lại giờ đóng.", await SaveAsync(Form(unit, closeTime: "08:00")));
        Assert.Contains("Giờ mở phải ở tương lai. Vui lòng chọn lại giờ mở.", await SaveAsync(Form(unit, openDate: "2026-11-20", closeDate: "2026-11-20")));
        Assert.Contains("Số câu hỏi phải từ 1 đến 20. Vui lòng nhập lại.", await SaveAsync(Form(unit, count: "50")));
        Assert.Contains("Không có câu hỏi mã «zz-99» trong ngân hàng.", await SaveAsync(Form(unit, questions: "dv-01,zz-99")));
        Assert.Contains("Ngày hoặc giờ mở chưa hợp lệ.", await SaveAsync(Form(unit, openDate: "22/11/2026")));
        Assert.Contains("Vui lòng nhập tên đợt kiểm tra.", await SaveAsync(new JsonObject(Form(unit).Where(kv => kv.Key != "title")
            .Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone())))));
        Assert.StartsWith("Anh/chị chưa có quyền dùng lệnh này", await SaveAsync(Form(unit), An));
        Assert.StartsWith("Anh/chị chưa có quyền dùng lệnh này", await SaveAsync(Form(unit), "khac@bhxh.example"));

        await using var db = bot.NewDb();
        Assert.False(await db.Set<QuizRound>().AnyAsync());
        Assert.Equal(2, await db.Set<AuditEntry>().CountAsync(a => a.Outcome == AuditOutcome.Refused && a.Action.EndsWith("round.save")));
    }

    [SkippableFact]
    public async Task Picked_questions_are_fixed_a_change_before_opening_replaces_the_schedule_and_a_cancelled_round_never_opens()
    {
        await using var bot = await StartAsync("2026-11-21T10:00");
        await ImportCellAsync(bot);
        await SayHelloAsync(bot);
        var unit = await UnitIdAsync(bot, "Chi bộ Thu");
        await ClickAsync(bot, Secretary, RoundManageCards.SaveVerb, Form(unit, questions: "dv-01, dv-02, dv-03"));
        Guid roundId;
        await using (var db = bot.NewDb()) roundId = (await db.Set<QuizRound>().SingleAsync()).Id;

        // The bank changes after scheduling: the round keeps the words it was scheduled with.
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var pack = """{"format":"studybot/content-pack@1","quiz":{"sources":[{"id":"E1","kind":"excerpt","work":"Dân vận","text":"t","citation":"c"}],"questions":[{"id":"dv-01","kind":"truefalse","category":"danvan","prompt":"Câu đã sửa","answer":true,"source":"E1"}]}}""";
            var (_, errors) = await scope.ServiceProvider.GetRequiredService<StudyBot.Content.ContentPacks>()
                .ImportAsync(scope.ServiceProvider.GetRequiredService<StudyBotDb>(), pack, Resources.Texts.Vietnamese, null, default);
            Assert.Empty(errors);
        }
        var change = Form(unit, questions: "dv-01,dv-04", openTime: "10:00");
        change["roundId"] = roundId.ToString();
        Assert.Contains("2 câu, mở 10:00, Chủ nhật 22/11/2026", Shown(await ClickAsync(bot, Secretary, RoundManageCards.SaveVerb, change)));
        await using (var db = bot.NewDb())
        {
            var round = await db.Set<QuizRound>().SingleAsync();
            Assert.Equal(2, round.Version);
            Assert.Equal(["dv-01", "dv-04"], QuizItem.Deserialize(round.Items).Select(i => i.Id));
            Assert.Equal("Câu đã sửa", QuizItem.Deserialize(round.Items)[0].Prompt);
        }
        var other = Form(unit, openTime: "09:30");
        other["title"] = "Đợt sẽ hủy";
        await ClickAsync(bot, Secretary, RoundManageCards.SaveVerb, other);
        Guid cancelledId;
        await using (var db = bot.NewDb()) cancelledId = (await db.Set<QuizRound>().SingleAsync(r => r.Title == "Đợt sẽ hủy")).Id;
        var refused = await ClickAsync(bot, An, RoundManageCards.CancelVerb, new JsonObject { ["roundId"] = cancelledId.ToString() });
        Assert.StartsWith("Anh/chị chưa có quyền", refused["value"]!.GetValue<string>());
        var cancelled = await ClickAsync(bot, Secretary, RoundManageCards.CancelVerb, new JsonObject { ["roundId"] = cancelledId.ToString() });
        Assert.Contains("✅ Đã hủy đợt kiểm tra «Đợt sẽ hủy».", CardReader.Visible(cancelled["value"]!));

        Clock.JumpTo(Hanoi("2026-11-22T09:59:59"));
        await WaitForAsync(() => CardsTo(bot, An, "Đợt kiểm tra «").Count >= 1);
        await Task.Delay(2500); // a stale 09:00 job, or the cancelled round, would have sent by now
        var invitations = CardsTo(bot, An, "Đợt kiểm tra «");
        var invitation = Assert.Single(invitations);
        Assert.Contains("Dân vận tháng 11", CardReader.Visible(invitation));
        Assert.Contains("Số câu\n2", CardReader.Visible(invitation));
    }

    /// <summary>
    /// Answers read a round without its questions and take those from a cache kept by the round's version. A round whose
    /// questions change in between must never be answered against the old ones.
    /// </summary>
    [SkippableFact]
    public async Task An_answer_reads_the_questions_of_the_rounds_stored_version()
    {
        await using var bot = await StartAsync("2026-11-21T10:00");
        await ImportCellAsync(bot);
        await SayHelloAsync(bot);
        var unit = await UnitIdAsync(bot, "Chi bộ Thu");
        await ClickAsync(bot, Secretary, RoundManageCards.SaveVerb, Form(unit, questions: "dv-01, dv-02, dv-03"));
        await using var db = bot.NewDb();
        var roundId = (await db.Set<QuizRound>().SingleAsync()).Id;
        async Task<List<string>> QuestionsAsync(QuizRound head) => (await QuizItem.OfStoredRoundAsync(db, head)).Select(i => i.Id).ToList();

        var stored = QuizItem.Deserialize((await db.Set<QuizRound>().AsNoTracking().SingleAsync()).Items);
        async Task ChangeAsync(int version, int skip) => await db.Set<QuizRound>().ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Items, QuizItem.Serialize(stored.Skip(skip))).SetProperty(r => r.Version, version));
        async Task<QuizRound> HeadAsync() => (await QuizQueries.RoundHead.For(db)(db, roundId, default))!;

        // The questions changed between reading the head and its questions: the answer meets what is stored now, and
        // what it read is not remembered as the old version's.
        var head = await HeadAsync();
        Assert.Equal(("", 1), (head.Items, head.Version));
        await ChangeAsync(2, skip: 1);
        Assert.Equal(["dv-02", "dv-03"], await QuestionsAsync(head));
        await ChangeAsync(3, skip: 2);
        Assert.Equal(["dv-03"], await QuestionsAsync(head));

        // A version read once is served from memory; a later version is read again.
        var third = await HeadAsync();
        Assert.Equal(["dv-03"], await QuestionsAsync(third));
        await ChangeAsync(4, skip: 0);
        Assert.Equal(["dv-03"], await QuestionsAsync(third));
        Assert.Equal(["dv-01", "dv-02", "dv-03"], await QuestionsAsync(await HeadAsync()));
    }

    [SkippableFact]
    public async Task An_answer_after_the_time_limit_counts_as_wrong_and_a_stranger_cannot_open_the_round()
    {
        await using var bot = await StartAsync("2026-11-21T10:00");
        await ImportCellAsync(bot);
        await SayHelloAsync(bot);
        var unit = await UnitIdAsync(bot, "Chi bộ Thu");
        await ClickAsync(bot, Secretary, RoundManageCards.SaveVerb, Form(unit, seconds: "30"));
        Clock.JumpTo(Hanoi("2026-11-22T08:59:59"));
        await WaitForAsync(() => CardsTo(bot, An, "Đợt kiểm tra «").Count == 1);
        var invitation = CardsTo(bot, An, "Đợt kiểm tra «")[0];
        Assert.Contains("30 giây", CardReader.Visible(invitation));

        var stranger = await ClickAsync(bot, "khac@bhxh.example", RoundCards.StartVerb, ButtonData(invitation, RoundCards.StartVerb));
        Assert.Equal("Đợt kiểm tra này dành cho đơn vị khác; anh/chị không làm được bài này.", stranger["value"]!.GetValue<string>());

        var start = await ClickAsync(bot, An, RoundCards.StartVerb, ButtonData(invitation, RoundCards.StartVerb));
        Assert.Contains("Thời gian cho mỗi câu: 30 giây.", CardReader.Visible(start["value"]!));
        var attemptId = AttemptOf(start["value"]!);
        var (item, _) = await CurrentAsync(bot, attemptId);
        Clock.JumpTo(Clock.GetUtcNow().AddMinutes(2));
        var slow = await ClickAsync(bot, An, QuizCards.AnswerVerb, Answer(attemptId, 0, item));
        Assert.Contains("Câu 1 quá thời gian nên được tính là chưa đúng.", CardReader.Visible(slow["value"]!));

        // Cancelled while open: answers stop, and closing time brings no reveal and no results.
        await ClickAsync(bot, Secretary, RoundManageCards.CancelVerb, ButtonData(invitation, RoundCards.StartVerb));
        var (next, position) = await CurrentAsync(bot, attemptId);
        Assert.Equal("Đợt kiểm tra này không còn hoặc đã bị hủy.", Shown(await ClickAsync(bot, An, QuizCards.AnswerVerb, Answer(attemptId, position, next))));
        Clock.JumpTo(Hanoi("2026-11-22T16:59:59"));
        await Task.Delay(3000);
        Assert.Empty(CardsTo(bot, An, "Đáp án đợt kiểm tra"));
        Assert.Empty(CardsTo(bot, Secretary, "Kết quả đợt kiểm tra"));

        await using var db = bot.NewDb();
        var answer = await db.Set<QuizAnswer>().SingleAsync();
        Assert.True(answer.TimedOut);
        Assert.False(answer.Correct);
        Assert.Equal(1, await db.Set<AuditEntry>().CountAsync(a => a.Action == "quiz.start" && a.Outcome == AuditOutcome.Refused));
    }
}
