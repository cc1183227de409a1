using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Agency;
using StudyBot.Members.Import;
using StudyBot.Reminders;
using StudyBot.Resources;
using StudyBot.Scheduling;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;
using StudyBot.Tests.Members;

namespace StudyBot.Tests.Reminders;

public sealed class ReminderTestsOnSqlite() : ReminderTests(StorageProvider.Sqlite);

public sealed class ReminderTestsOnPostgres() : ReminderTests(StorageProvider.Postgres);

/// <summary>Helpers for the reminder suites: a cell, its people, clicks, and a clock set to moments in Hà Nội.</summary>
public abstract class ReminderSuite(StorageProvider provider) : ProviderSuite(provider)
{
    protected const string Secretary = "bithu@bhxh.example";

    /// <summary>The clock of the last host started; tests jump it forward.</summary>
    protected ShiftedClock Clock { get; private set; } = new(DateTimeOffset.UtcNow);

    protected static DateTimeOffset Hanoi(string localTime) => DateTimeOffset.Parse(localTime + "+07:00");

    protected Task<BotHost> StartAsync(string localTime, ChannelSimulator? channel = null, TestDatabase? shared = null,
        IDictionary<string, string>? settings = null)
    {
        var clock = Clock = new ShiftedClock(Hanoi(localTime));
        return BotHost.StartAsync(provider: shared?.Provider ?? Provider, channel: channel, sharedDatabase: shared, settings: settings,
            customize: b => b.Services.AddSingleton<TimeProvider>(clock));
    }

    /// <summary>Cell "Chi bộ Thu": its secretary, two more Party members, one staff member who is not; another cell's secretary.</summary>
    protected static async Task ImportCellAsync(BotHost bot)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var (_, errors) = await scope.ServiceProvider.GetRequiredService<MemberImport>().RunAsync(new StringReader($"""
            {MemberFiles.Header}
            {Secretary},Bí Thư Thu,,,Chi bộ Thu,có,bí thư@Chi bộ Thu
            an@bhxh.example,Nguyễn Văn An,,,Chi bộ Thu,có,
            cuong@bhxh.example,Lê Văn Cường,,,Chi bộ Thu,có,
            binh@bhxh.example,Trần Thị Bình,,,Chi bộ Thu,không,
            khac@bhxh.example,Bí Thư Khác,,,Chi bộ Chế độ,có,bí thư@Chi bộ Chế độ
            """), Texts.Vietnamese, null, default);
        Assert.Empty(errors);
    }

    protected static JsonObject From(BotHost bot, string upn, string text) => People.Says(bot, upn, text);

    protected static Task<JsonNode> ClickAsync(BotHost bot, string upn, string verb, JsonObject data) =>
        People.ClicksAsync(bot, upn, verb, data);

    /// <summary>Everyone in the cell writes once, so each has a personal chat the bot can post to.</summary>
    protected static async Task SayHelloAsync(BotHost bot)
    {
        foreach (var upn in new[] { Secretary, "an@bhxh.example", "cuong@bhxh.example", "binh@bhxh.example" })
            await bot.SendAsync(From(bot, upn, "xin chào"));
    }

    protected static async Task<Guid> UnitIdAsync(BotHost bot, string name)
    {
        await using var db = bot.NewDb();
        return (await db.Set<Unit>().SingleAsync(u => u.Name == name)).Id;
    }

    protected static JsonObject MonthlyMeeting(Guid unitId, string date = "2026-12-03", bool story = false) => new()
    {
        ["unit"] = unitId.ToString(), ["text"] = "Sinh hoạt chi bộ định kỳ", ["date"] = date, ["time"] = "14:00",
        ["rule"] = "MonthlyOnDay", ["audience"] = "party", ["story"] = story ? "true" : "false",
    };

    protected static List<(string Conversation, JsonNode Card)> ReminderCardsDelivered(BotHost bot) =>
        bot.Channel.Delivered.Where(d => d.Body?["attachments"]?[0]?["content"] is { } c && CardReader.Visible(c).Contains("⏰ Nhắc việc"))
            .Select(d => (d.ConversationId, d.Body!["attachments"]![0]!["content"]!)).ToList();

    /// <summary>The cell's monthly meeting (day 3, 14:00), created at 09:00 on 3 December 2026 and fired at 14:00.</summary>
    protected async Task<BotHost> MeetingFiredAsync()
    {
        var bot = await StartAsync("2026-12-03T09:00");
        await ImportCellAsync(bot);
        await SayHelloAsync(bot);
        await ClickAsync(bot, Secretary, ReminderManageCards.SaveVerb, MonthlyMeeting(await UnitIdAsync(bot, "Chi bộ Thu"), date: "2026-01-03"));
        Clock.JumpTo(Hanoi("2026-12-03T13:59:59"));
        await WaitForAsync(() => ReminderCardsDelivered(bot).Count >= 3);
        return bot;
    }

    protected static async Task WaitForAsync(Func<bool> condition, int seconds = 15)
    {
        for (var i = 0; i < seconds * 10 && !condition(); i++) await Task.Delay(100);
    }
}

/// <summary>The cell's calendar through real turns.</summary>
public abstract class ReminderTests(StorageProvider provider) : ReminderSuite(provider)
{

    [SkippableFact]
    public async Task A_secretary_creates_the_monthly_meeting_and_it_is_scheduled_at_14_00_hanoi_on_day_3()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        await ImportCellAsync(bot);
        var answer = await ClickAsync(bot, Secretary, ReminderManageCards.SaveVerb, MonthlyMeeting(await UnitIdAsync(bot, "Chi bộ Thu")));

        Assert.Contains("✅ Đã lưu «Sinh hoạt chi bộ định kỳ». Lần nhắc tới: 14:00, thứ Năm 03/12/2026.", CardReader.Visible(answer["value"]!));
        await using var db = bot.NewDb();
        var job = await db.Set<Job>().SingleAsync(j => j.Kind == ReminderSchedule.FireKind);
        Assert.Equal(new DateTime(2026, 12, 3, 7, 0, 0), job.DueAt);
    }

    [SkippableFact]
    public async Task Only_the_cells_secretary_or_an_admin_manages_its_reminders()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        await ImportCellAsync(bot);
        var unit = await UnitIdAsync(bot, "Chi bộ Thu");

        var member = await ClickAsync(bot, "an@bhxh.example", ReminderManageCards.SaveVerb, MonthlyMeeting(unit));
        var otherSecretary = await ClickAsync(bot, "khac@bhxh.example", ReminderManageCards.SaveVerb, MonthlyMeeting(unit));

        Assert.StartsWith("Anh/chị chưa có quyền dùng lệnh này", member["value"]!.GetValue<string>());
        Assert.StartsWith("Anh/chị chưa có quyền dùng lệnh này", otherSecretary["value"]!.GetValue<string>());
        await using var db = bot.NewDb();
        Assert.False(await db.Set<Reminder>().AnyAsync());
        Assert.Equal(2, await db.Set<AuditEntry>().CountAsync(a => a.Outcome == AuditOutcome.Refused));
    }

    [SkippableFact]
    public async Task Bad_form_input_comes_back_on_the_card_with_a_vietnamese_message()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        await ImportCellAsync(bot);
        var form = MonthlyMeeting(await UnitIdAsync(bot, "Chi bộ Thu"), date: "2026-11-20");
        form["rule"] = "Once";

        var answer = await ClickAsync(bot, Secretary, ReminderManageCards.SaveVerb, form);

        Assert.Contains("Thời điểm nhắc một lần đã qua. Vui lòng chọn thời điểm sau hiện tại.", CardReader.Visible(answer["value"]!));
    }

    [SkippableFact]
    public async Task At_14_00_every_party_member_gets_the_card_once_and_the_secretary_sees_who_acknowledged()
    {
        await using var bot = await MeetingFiredAsync();
        await Task.Delay(500);
        var cards = ReminderCardsDelivered(bot);
        Assert.Equal(["a:an@bhxh.example", "a:bithu@bhxh.example", "a:cuong@bhxh.example"], cards.Select(c => c.Conversation).Order());
        Assert.Contains("14:00, thứ Năm 03/12/2026", CardReader.Visible(cards[0].Card));
        Assert.DoesNotContain("Nhắc lại sau 1 giờ", CardReader.Visible(cards[0].Card)); // recurring: no snooze

        var ack = CardReader.Actions(cards.First(c => c.Conversation == "a:an@bhxh.example").Card).First();
        var acked = await ClickAsync(bot, "an@bhxh.example", ack["verb"]!.GetValue<string>(), ack["data"]!.DeepClone().AsObject());
        Assert.Contains("✅ Đã nhận lúc 14:0", CardReader.Visible(acked["value"]!));
        var stranger = await ClickAsync(bot, "binh@bhxh.example", ack["verb"]!.GetValue<string>(), ack["data"]!.DeepClone().AsObject());
        Assert.Equal("Thông báo này không gửi cho anh/chị.", stranger["value"]!.GetValue<string>());

        await using var db = bot.NewDb();
        var reminder = await db.Set<Reminder>().SingleAsync();
        await ClickAsync(bot, Secretary, ReminderManageCards.ResultsVerb, new JsonObject { ["reminderId"] = reminder.Id.ToString() });
        var results = bot.Channel.Sent()[^1].Body!["text"]!.GetValue<string>();
        Assert.StartsWith("«Sinh hoạt chi bộ định kỳ», 14:00, thứ Năm 03/12/2026: gửi 3 người, 1 đã nhận.", results);
        Assert.Contains("- Bí Thư Thu", results);
        Assert.Contains("- Lê Văn Cường", results);
        Assert.DoesNotContain("- Nguyễn Văn An", results);
        Assert.True(await db.Set<Job>().AnyAsync(j => j.Kind == ReminderSchedule.FireKind && j.DueAt == new DateTime(2027, 1, 3, 7, 0, 0, DateTimeKind.Utc)));
    }

    [SkippableFact]
    public async Task Results_show_each_occurrence_with_its_acknowledgements()
    {
        await using var bot = await MeetingFiredAsync();
        var december = ReminderCardsDelivered(bot).First(c => c.Conversation == "a:cuong@bhxh.example").Card;
        var ack = CardReader.Actions(december).First();
        await ClickAsync(bot, "cuong@bhxh.example", ack["verb"]!.GetValue<string>(), ack["data"]!.DeepClone().AsObject());
        Clock.JumpTo(Hanoi("2027-01-03T13:59:59"));
        await WaitForAsync(() => ReminderCardsDelivered(bot).Count >= 6);
        await Task.Delay(500);

        await using var db = bot.NewDb();
        var reminder = await db.Set<Reminder>().SingleAsync();
        await ClickAsync(bot, Secretary, ReminderManageCards.ResultsVerb, new JsonObject { ["reminderId"] = reminder.Id.ToString() });

        var lines = bot.Channel.Sent()[^1].Body!["text"]!.GetValue<string>().Split('\n');
        Assert.Equal("«Sinh hoạt chi bộ định kỳ», 14:00, Chủ nhật 03/01/2027: gửi 3 người, 0 đã nhận.", lines[0]);
        Assert.Equal("«Sinh hoạt chi bộ định kỳ», 14:00, thứ Năm 03/12/2026: gửi 3 người, 1 đã nhận.", lines[1]);
    }

    [SkippableFact]
    public async Task A_one_off_reminder_can_be_snoozed_for_an_hour()
    {
        await using var bot = await StartAsync("2026-12-10T07:00");
        await ImportCellAsync(bot);
        await SayHelloAsync(bot);
        var form = MonthlyMeeting(await UnitIdAsync(bot, "Chi bộ Thu"), date: "2026-12-10");
        (form["rule"], form["time"], form["text"]) = ("Once", "09:00", "Nộp báo cáo quý");
        await ClickAsync(bot, Secretary, ReminderManageCards.SaveVerb, form);
        Clock.JumpTo(Hanoi("2026-12-10T08:59:59"));
        await WaitForAsync(() => ReminderCardsDelivered(bot).Count >= 3);

        var card = ReminderCardsDelivered(bot).First(c => c.Conversation == "a:an@bhxh.example").Card;
        var snooze = CardReader.Actions(card).Single(a => a["title"]!.GetValue<string>() == "Nhắc lại sau 1 giờ");
        var answer = await ClickAsync(bot, "an@bhxh.example", snooze["verb"]!.GetValue<string>(), snooze["data"]!.DeepClone().AsObject());

        Assert.Contains("⏰ StudyBot sẽ nhắc lại lúc 10:0", CardReader.Visible(answer["value"]!));
        await using var db = bot.NewDb();
        var again = await db.Set<StudyBot.Delivery.OutboxMessage>().SingleAsync(m => m.BroadcastId == null && m.Content != null && m.Content.Contains("Nộp báo cáo quý"));
        Assert.True(again.DueAt > DateTime.UtcNow.AddMinutes(50) || again.DueAt > new DateTime(2026, 12, 10, 2, 50, 0));
    }

    [SkippableFact]
    public async Task A_change_applies_to_future_occurrences_only()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        await ImportCellAsync(bot);
        var unit = await UnitIdAsync(bot, "Chi bộ Thu");
        await ClickAsync(bot, Secretary, ReminderManageCards.SaveVerb, MonthlyMeeting(unit));
        await using var db = bot.NewDb();
        var reminder = await db.Set<Reminder>().SingleAsync();
        var change = MonthlyMeeting(unit);
        (change["reminderId"], change["time"]) = (reminder.Id.ToString(), "15:30");

        await ClickAsync(bot, Secretary, ReminderManageCards.SaveVerb, change);

        var jobs = await db.Set<Job>().Where(j => j.Kind == ReminderSchedule.FireKind).OrderBy(j => j.DueAt).ToListAsync();
        Assert.Equal([new DateTime(2026, 12, 3, 7, 0, 0), new DateTime(2026, 12, 3, 8, 30, 0)], jobs.Select(j => j.DueAt));
        // The old version's job, when it fires, sends nothing.
        await using (var scope = bot.Services.CreateAsyncScope())
            await new ReminderFireJob(TimeProvider.System).RunAsync(jobs[0], scope.ServiceProvider, default);
        Assert.False(await db.Set<ReminderOccurrence>().AnyAsync());
    }

    [SkippableFact]
    public async Task Members_see_their_units_upcoming_reminders()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        await ImportCellAsync(bot);
        await ClickAsync(bot, Secretary, ReminderManageCards.SaveVerb, MonthlyMeeting(await UnitIdAsync(bot, "Chi bộ Thu")));

        await bot.SendAsync(From(bot, "an@bhxh.example", "nhắc"));
        await bot.SendAsync(From(bot, "binh@bhxh.example", "remind"));

        var texts = bot.Channel.Sent().TakeLast(2).Select(c => c.Body!["text"]!.GetValue<string>()).ToList();
        Assert.Equal("Lịch nhắc việc sắp tới:\n- 14:00, thứ Năm 03/12/2026: Sinh hoạt chi bộ định kỳ (Chi bộ Thu)", texts[0]);
        Assert.Equal("Đơn vị của anh/chị chưa có lịch nhắc việc nào sắp tới.", texts[1]); // Party members only
    }

    [SkippableFact]
    public async Task Every_problem_with_the_reminder_form_comes_back_at_once_with_what_was_typed()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        await ImportCellAsync(bot);
        var form = MonthlyMeeting(await UnitIdAsync(bot, "Chi bộ Thu"), date: "ngày mai");
        form["text"] = "";
        form["time"] = "14:00";

        var shown = CardReader.Visible((await ClickAsync(bot, Secretary, ReminderManageCards.SaveVerb, form))["value"]!);

        Assert.Contains("Vui lòng nhập nội dung nhắc việc.", shown);
        Assert.Contains("Ngày hoặc giờ chưa hợp lệ. Vui lòng chọn lại.", shown);
        Assert.Contains("14:00", shown);
        await using var db = bot.NewDb();
        Assert.False(await db.Set<Reminder>().AnyAsync());
    }

    [SkippableFact]
    public async Task A_reminder_can_also_go_out_the_afternoon_before_and_still_comes_at_the_meeting_time()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        await ImportCellAsync(bot);
        await SayHelloAsync(bot);
        var form = MonthlyMeeting(await UnitIdAsync(bot, "Chi bộ Thu"), date: "2026-12-03");
        form["lead"] = ReminderLead.EveningBefore;
        var saved = await ClickAsync(bot, Secretary, ReminderManageCards.SaveVerb, form);
        Assert.Contains("Sinh hoạt chi bộ định kỳ", CardReader.Visible(saved["value"]!));

        Clock.JumpTo(Hanoi("2026-12-02T15:59:59"));
        await WaitForAsync(() => ReminderCardsDelivered(bot).Count >= 3);
        var early = ReminderCardsDelivered(bot);
        Assert.Equal(3, early.Count); // the party members of the cell, the afternoon before
        Assert.Contains("14:00, thứ Năm 03/12/2026", CardReader.Visible(early[0].Card));

        Clock.JumpTo(Hanoi("2026-12-03T13:59:59"));
        await WaitForAsync(() => ReminderCardsDelivered(bot).Count >= 6);
        Assert.Equal(6, ReminderCardsDelivered(bot).Count);

        // The form keeps the choice when the secretary opens it again.
        await using var db = bot.NewDb();
        Assert.Equal(ReminderLead.EveningBefore, (await db.Set<Reminder>().SingleAsync()).Lead);
        Assert.Equal(1, await db.Set<ReminderOccurrence>().CountAsync());
    }

    [SkippableFact]
    public async Task The_secretary_sees_the_rota_order_for_the_next_meetings_and_moves_someone_to_the_front()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        await ImportCellAsync(bot);
        await SayHelloAsync(bot);
        await ClickAsync(bot, Secretary, ReminderManageCards.SaveVerb, MonthlyMeeting(await UnitIdAsync(bot, "Chi bộ Thu"), date: "2026-12-03", story: true));
        Guid reminderId, an;
        await using (var db = bot.NewDb())
        {
            reminderId = (await db.Set<Reminder>().SingleAsync()).Id;
            an = (await db.Set<StudyBot.Agency.Member>().SingleAsync(m => m.Name == "Nguyễn Văn An")).Id;
        }

        var order = CardReader.Visible((await ClickAsync(bot, Secretary, RotaOrder.ShowVerb, new JsonObject { ["reminderId"] = reminderId.ToString() }))["value"]!);
        Assert.Contains("1. Bí Thư Thu", order);
        Assert.Contains("14:00, thứ Năm 03/12/2026", order);
        Assert.Contains("3. Nguyễn Văn An", order);
        Assert.Contains("14:00, Chủ nhật 03/01/2027", order);
        Assert.DoesNotContain("Trần Thị Bình", order); // not a Party member

        var forged = await ClickAsync(bot, "an@bhxh.example", RotaOrder.MoveVerb, new JsonObject { ["reminderId"] = reminderId.ToString(), ["member"] = an.ToString(), ["to"] = "first" });
        Assert.StartsWith("Anh/chị chưa có quyền", forged["value"]!.GetValue<string>());
        var moved = CardReader.Visible((await ClickAsync(bot, Secretary, RotaOrder.MoveVerb,
            new JsonObject { ["reminderId"] = reminderId.ToString(), ["member"] = an.ToString(), ["to"] = "first" }))["value"]!);
        Assert.Contains("✅ Đã đưa đồng chí Nguyễn Văn An lên đầu danh sách.", moved);
        Assert.Contains("1. Nguyễn Văn An", moved);
        Assert.Contains("2. Bí Thư Thu", moved);

        // The rota asks in that order: three days before the meeting, An is the one asked.
        Clock.JumpTo(Hanoi("2026-11-30T14:00:01"));
        static bool Asked(JsonNode c) => CardReader.Visible(c).Contains("được phân công kể");
        await WaitForAsync(() => People.CardsTo(bot, "an@bhxh.example").Any(Asked));
        Assert.Contains(People.CardsTo(bot, "an@bhxh.example"), Asked);
        Assert.DoesNotContain(People.CardsTo(bot, Secretary), Asked);

        // An takes the turn: the order shows An at that meeting, and the others from the meeting after it.
        var ask = People.CardsTo(bot, "an@bhxh.example").Last(Asked);
        var accept = CardReader.AllActions(ask).First(a => a["title"]?.GetValue<string>() == "Nhận");
        await ClickAsync(bot, "an@bhxh.example", accept["verb"]!.GetValue<string>(), accept["data"]!.AsObject());
        var after = CardReader.Visible((await ClickAsync(bot, Secretary, RotaOrder.ShowVerb, new JsonObject { ["reminderId"] = reminderId.ToString() }))["value"]!);
        Assert.Contains("1. Nguyễn Văn An\n14:00, thứ Năm 03/12/2026", after);
        Assert.Contains("2. Bí Thư Thu\n14:00, Chủ nhật 03/01/2027", after);
    }
}
