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
        var cards = BuiltCards();
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

    /// <summary>Each card the bot builds, in both languages, from plain values.</summary>
    public static Dictionary<string, JsonNode> BuiltCards()
    {
        var cards = new Dictionary<string, JsonNode>();
        foreach (var language in new[] { "vi", "en" })
        {
            cards[$"welcome-{language}"] = HelpCards.Welcome(new Texts(language)).ToJson();
            cards[$"help-{language}"] = HelpCards.Help(new Texts(language)).ToJson();
            cards[$"help-all-{language}"] = HelpCards.Help(new Texts(language), HelpSection.Secretary, HelpSection.Leader, HelpSection.Admin).ToJson();
            foreach (var kind in Enum.GetValues<StudyBot.Conduct.SmallTalkKind>())
                cards[$"smalltalk-{kind}-{language}"] = StudyBot.Conduct.SmallTalk.Card(new Texts(language), kind).ToJson();
            var t = new Texts(language);
            var theme = new StudyBot.Themes.StudyTheme
            {
                Year = 2025, Title = "Chuyên đề *thử*", Directive = "Chỉ thị 05-CT/TW", Description = "Mô tả", Source = "Nguồn",
                Link = "https://example.gov.vn/a",
            };
            cards[$"theme-{language}"] = StudyBot.Themes.ThemeCards.Theme(t, 2025, theme, new(3, "Dân vận"),
                [new("Chi bộ Thu", "Quý 1", "Kể chuyện")], canEdit: true, canPlan: true).ToJson();
            cards[$"theme-none-{language}"] = StudyBot.Themes.ThemeCards.Theme(t, 2026, null, null, [], true, false).ToJson();
            cards[$"theme-none-past-{language}"] = StudyBot.Themes.ThemeCards.Theme(t, 2026, null, null, [], false, false,
                new(theme, 2021, 2025), ["Chi bộ Thu", "Chi bộ Chi"]).ToJson();
            cards[$"theme-form-{language}"] = StudyBot.Themes.ThemeCards.Form(t, 2026, new(null, "Chỉ thị", null, "3: x", null), "Lỗi").ToJson();
            var local = new DateTime(2026, 12, 3, 14, 0, 0);
            cards[$"reminder-{language}"] = StudyBot.Reminders.ReminderCards.Reminder(t, Guid.NewGuid(), "Sinh hoạt <b>chi bộ</b>", "Chi bộ Thu",
                local, partyOnly: true, storyteller: "Nguyễn Văn An", oneOff: true).ToJson();
            cards[$"reminder-acked-{language}"] = StudyBot.Reminders.ReminderCards.Reminder(t, Guid.NewGuid(), "Sinh hoạt", "Chi bộ Thu",
                local, partyOnly: false, storyteller: null, oneOff: false, acknowledged: "✅").ToJson();
            cards[$"reminder-list-{language}"] = StudyBot.Reminders.ReminderManageCards.List(t, [
                new(Guid.NewGuid(), "Chi bộ Thu", "Sinh hoạt chi bộ", "Hằng tháng", "14:00, thứ Năm 03/12/2026", false, true),
                new(Guid.NewGuid(), "Chi bộ Thu", "Nộp báo cáo", "Một lần", null, true, false)]).ToJson();
            cards[$"reminder-form-{language}"] = StudyBot.Reminders.ReminderManageCards.Form(t, [("Chi bộ Thu", Guid.NewGuid())],
                new("x", "Sinh hoạt", "2026-12-03", "14:00", "MonthlyOnDay", "party", "true"), Guid.NewGuid(), "Lỗi").ToJson();
            cards[$"story-ask-{language}"] = StudyBot.Reminders.StoryCards.Ask(t, Guid.NewGuid(), "Sinh hoạt chi bộ", local, "Chi bộ Thu",
                [("Lê Văn Cường", Guid.NewGuid()), ("Nguyễn Văn An", Guid.NewGuid())]).ToJson();
            cards[$"story-swap-{language}"] = StudyBot.Reminders.StoryCards.SwapRequest(t, Guid.NewGuid(), "Bí Thư Thu", "Sinh hoạt", local).ToJson();
            cards[$"export-{language}"] = StudyBot.Members.PersonalDataExport.Card(t, "Nguyễn Văn An",
                JsonNode.Parse("""{"member":{"upn":"an@bhxh.example"},"quiz":[{"score":3}],"conduct":{"questions":[],"feedback":[{}]}}""")!.AsObject(),
                ("https://studybot.example/personal-data/a.json?sig=x", "https://studybot.example/personal-data/a.txt?sig=x"), local).ToJson();
            cards[$"rota-order-{language}"] = StudyBot.Reminders.RotaOrder.Card(t, Guid.NewGuid(), "Sinh hoạt chi bộ",
                [("Nguyễn Văn An", Guid.NewGuid(), local), ("Lê Văn Cường", Guid.NewGuid(), null)], "✅").ToJson();
            var set = new StudyBot.Commitments.CommitmentSet { Id = Guid.NewGuid(), Year = 2026, Status = StudyBot.Commitments.CommitmentStatus.Returned, ReviewComment = "Ghi rõ <b>số</b>" };
            var commitment = new StudyBot.Commitments.Commitment { Id = Guid.NewGuid(), Task = "Hướng dẫn hồ sơ", Partners = "tổ một cửa", Responsibility = "Tự kiểm tra",
                Result = "Trả đúng hẹn", Deadline = new DateOnly(2026, 12, 31), Percent = 40, Note = "Xong quý 1" };
            var views = new List<StudyBot.Commitments.CommitmentView> { new(commitment, [new("q1", 25), new("m6", 50, "nửa danh sách")], StudyBot.Commitments.Standing.Behind, 50) };
            cards[$"commit-mine-{language}"] = StudyBot.Commitments.CommitmentCards.Mine(t, 2026, set, views, "frontdesk", "Trạng thái", "✅").ToJson();
            cards[$"commit-approved-{language}"] = StudyBot.Commitments.CommitmentCards.Mine(t, 2026, new StudyBot.Commitments.CommitmentSet { Status = StudyBot.Commitments.CommitmentStatus.Approved, Year = 2026 },
                views, "leader", "Trạng thái").ToJson();
            cards[$"commit-form-{language}"] = StudyBot.Commitments.CommitmentCards.Form(t, 2026, new("Việc", null, "Trách nhiệm", "Kết quả", "Quý 1: 25%", "2026-12-31", "other"), Guid.NewGuid(), "Lỗi").ToJson();
            cards[$"commit-progress-{language}"] = StudyBot.Commitments.CommitmentCards.Progress(t, 2026, views, "Đến kỳ", "Lỗi").ToJson();
            cards[$"commit-review-{language}"] = StudyBot.Commitments.ReviewCards.Review(t, set, "Nguyễn Văn An", "Chi bộ Thu", local, views, "x", "Lỗi").ToJson();
            var cellId = Guid.NewGuid();
            cards[$"commit-cell-{language}"] = StudyBot.Commitments.ReviewCards.Cell(t, "Chi bộ Thu", cellId, 2026, new(4, 2, 1, 1, 0, 1, 1, 0, 1),
                [new("Nguyễn Văn An", Guid.NewGuid(), "")], [new("Lê Văn Cường", Guid.NewGuid(), "«Việc»: 20%, mốc 50%")], [("Chi bộ Thu", cellId), ("Chi bộ Chế độ", Guid.NewGuid())]).ToJson();
            var record = new StudyBot.Commitments.YearRecord { Id = Guid.NewGuid(), Year = 2026, SelfAssessment = "Tự đánh giá", ConfirmedAt = DateTime.UtcNow,
                SecretaryComment = "Tốt", CommentedAt = DateTime.UtcNow, Assessment = StudyBot.Commitments.Assessment76.Good, AssessmentWording = "Gương mẫu" };
            List<StudyBot.Agency.YearLine> yearLines = [new("Kiểm tra", "«Dân vận»: 4/5 câu đúng"), new("Làm theo", "«Việc»: 100% · hoàn thành")];
            cards[$"record-member-{language}"] = StudyBot.Commitments.YearRecordCards.Record(t, 2026, "Nguyễn Văn An", yearLines,
                new StudyBot.Commitments.YearRecord { Id = Guid.NewGuid(), Year = 2026 }, forMember: true, error: "Lỗi").ToJson();
            cards[$"record-done-{language}"] = StudyBot.Commitments.YearRecordCards.Record(t, 2026, "Nguyễn Văn An", yearLines, record, forMember: true).ToJson();
            cards[$"record-review-{language}"] = StudyBot.Commitments.YearRecordCards.AddReview(
                StudyBot.Commitments.YearRecordCards.Record(t, 2026, "Nguyễn Văn An", yearLines, record, forMember: false), t, record.Id, record, partyMember: true).ToJson();
            cards[$"record-list-{language}"] = StudyBot.Commitments.YearRecordCards.List(t, "Chi bộ Thu", cellId, 2026,
                [("Nguyễn Văn An", record, true), ("Lê Văn Cường", null, true), ("Bí Thư Thu", record, false)], [("Chi bộ Thu", cellId), ("Chi bộ Chế độ", Guid.NewGuid())], "✅").ToJson();
            cards[$"checkin-schedule-{language}"] = StudyBot.Commitments.CheckInSchedules.Card(t, "Chi bộ Thu", Guid.NewGuid(), 2026, new("monthly", "25", "09:00", "2026-12-15"), "Lỗi").ToJson();
            var overview = StudyBot.Overview.OverviewCards.Card(t, "Tổng quan: Chi bộ Thu", [
                new(10, "Đợt kiểm tra đang mở", ["«Dân vận»: 1/4", "Chưa xong: An"], CardAction("round.remindnow")),
                new(30, "Câu hỏi", ["Câu 7: <b>x</b>"], StudyBot.Cards.CardAction.SendText("Trả lời câu hỏi", "hỏi chờ"))]);
            StudyBot.Overview.OverviewCards.AddCellChoice(overview, t, [("Chi bộ Thu", cellId), ("Chi bộ Chế độ", Guid.NewGuid())], cellId);
            cards[$"overview-{language}"] = overview.ToJson();
            cards[$"overview-empty-{language}"] = StudyBot.Overview.OverviewCards.Card(t, "Tổng quan", []).ToJson();
            cards[$"plan-form-{language}"] = StudyBot.Themes.PlanCards.Form(t, [2026, 2027], [("Chi bộ Thu", Guid.NewGuid())],
                new("x", "2026", "m3", "Sinh hoạt"), Guid.NewGuid(), error: "Lỗi").ToJson();
            var plan = new StudyBot.Themes.PlanLine(Guid.NewGuid(), "Chi bộ Thu", 2026, "Tháng 12", "Tổng kết <b>năm</b>");
            cards[$"plan-list-{language}"] = StudyBot.Themes.PlanCards.List(t, [plan, plan with { Id = Guid.NewGuid(), Year = 2027 }], "✅").ToJson();
            cards[$"plan-remove-{language}"] = StudyBot.Themes.PlanCards.ConfirmRemove(t, plan, announced: true).ToJson();
            cards[$"plan-news-{language}"] = StudyBot.Themes.PlanCards.Announcement(t, StudyBot.Themes.PlanChange.Changed, "Chi bộ Thu", 2026, "Tháng 12", "Tổng kết").ToJson();
        }
        return cards;
    }

    [NodeToolsFact]
    public async Task No_button_is_held_back_by_an_input_it_does_not_need()
    {
        var cards = BuiltCards();
        var pressed = await ClientTools.RunOnCardsAsync("press-actions.js", cards);
        Assert.Equal(cards.Count, pressed.Count);
        var blocked = pressed.SelectMany(r => r.Result["actions"]!.AsArray()
                .Where(a => !a!["fired"]!.GetValue<bool>())
                .Select(a => $"{r.Name}: {a!["title"]} ({a["verb"]})"))
            .ToList();
        // Only a form's own save may wait for its required fields; «Nhận», «Xin lùi», «Hủy» and the like never do.
        Assert.All(blocked, b => Assert.Contains(OwnInputSubmits, v => b.EndsWith($"({v})")));
        // And the check does see a blocked button: the story card's swap waits until a colleague is chosen.
        Assert.Contains(blocked, b => b.StartsWith("story-ask-vi:"));
        var story = pressed.Single(r => r.Name == "story-ask-vi").Result["actions"]!.AsArray();
        Assert.Equal(2, story.Count(a => a!["fired"]!.GetValue<bool>()));
    }

    [NodeToolsFact]
    public async Task The_renderer_check_does_catch_a_broken_card()
    {
        var broken = JsonNode.Parse("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlok","text":"x"},{"type":"Input.Text"}]}""")!;
        var result = Assert.Single(await ValidateAsync(new Dictionary<string, JsonNode> { ["broken"] = broken }));
        Assert.NotEmpty(result.Errors);
    }

    /// <summary>
    /// The renderer's errors for each card, and every button that does not go through when pressed with the inputs
    /// untouched, unless it submits those very inputs (a form's save, an answer box), which rightly waits for them.
    /// </summary>
    public static async Task<List<(string Name, List<string> Errors)>> ValidateAsync(IReadOnlyDictionary<string, JsonNode> cards)
    {
        var blocked = (await ClientTools.RunOnCardsAsync("press-actions.js", cards)).ToDictionary(r => r.Name, r => r.Result["actions"]!.AsArray()
            .Where(a => !a!["fired"]!.GetValue<bool>() && !OwnInputSubmits.Contains(a["verb"]!.GetValue<string>()))
            .Select(a => $"«{a!["title"]}» ({a["verb"]}) does not go through until an input it does not need is filled").ToList());
        return (await ClientTools.RunOnCardsAsync("validate-cards.js", cards))
            .Select(r => (r.Name, r.Result["errors"]!.AsArray().Select(e => e!.GetValue<string>()).Concat(blocked.GetValueOrDefault(r.Name) ?? []).ToList()))
            .ToList();
    }

    private static readonly HashSet<string> OwnInputSubmits = ["quiz.answer", "escalation.answer", "story.move", "theme.save", "theme.plan.save", "reminder.save", "round.save", "nomination.save", "story.swap", "commit.save", "record.confirm", "record.comment"];

    private static System.Text.Json.Nodes.JsonObject CardAction(string verb) =>
        StudyBot.Cards.CardAction.Execute("Nhắc ngay", verb, new System.Text.Json.Nodes.JsonObject { ["roundId"] = Guid.NewGuid().ToString() });
}
