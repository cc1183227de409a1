using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Commitments;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;
using StudyBot.Tests.Reminders;

namespace StudyBot.Tests.Commitments;

public sealed class CheckInTestsOnSqlite() : CheckInTests(StorageProvider.Sqlite);

public sealed class CheckInTestsOnPostgres() : CheckInTests(StorageProvider.Postgres);

/// <summary>What goes out on its own: the cell's progress check-ins, and the one reminder to register.</summary>
public abstract class CheckInTests(StorageProvider provider) : ReminderSuite(provider)
{
    private const string An = "an@bhxh.example";

    internal static JsonObject Commitment(string task = "Hướng dẫn hồ sơ tận tình", string milestones = "Quý 1: 25%\nQuý 2: 50%\nQuý 3: 75%\nQuý 4: 100%") => new()
    {
        ["year"] = 2026, ["post"] = "frontdesk", ["task"] = task, ["responsibility"] = "Tự kiểm tra hồ sơ",
        ["result"] = "Mọi hồ sơ trả đúng hẹn", ["milestones"] = milestones, ["deadline"] = "2026-12-31",
    };

    /// <summary>The member registers one commitment and the secretary approves it; returns its id.</summary>
    internal static async Task<string> RegisterApprovedAsync(BotHost bot, string upn, string secretary, string task = "Hướng dẫn hồ sơ tận tình")
    {
        await People.ClicksAsync(bot, upn, CommitmentCards.SaveVerb, Commitment(task));
        await People.ClicksAsync(bot, upn, CommitmentCards.SubmitVerb, new JsonObject { ["year"] = 2026 });
        await using var db = bot.NewDb();
        var set = await db.Set<CommitmentSet>().Join(db.Set<StudyBot.Agency.Member>(), s => s.MemberId, m => m.Id, (s, m) => new { s, m.Upn }).SingleAsync(x => x.Upn == upn);
        await People.ClicksAsync(bot, secretary, ReviewCards.ApproveVerb, await ReviewDataAsync(bot, set.s.Id));
        return (await db.Set<Commitment>().SingleAsync(c => c.SetId == set.s.Id && c.Task == task)).Id.ToString();
    }

    /// <summary>What the review card of a set's latest sending carries: the set, and which sending it shows.</summary>
    internal static async Task<JsonObject> ReviewDataAsync(BotHost bot, Guid setId, string? comment = null)
    {
        await using var db = bot.NewDb();
        var set = await db.Set<CommitmentSet>().AsNoTracking().SingleAsync(s => s.Id == setId);
        var data = new JsonObject { ["setId"] = setId.ToString(), ["sent"] = (set.SubmittedAt ?? default).Ticks.ToString() };
        if (comment is not null) data["comment"] = comment;
        return data;
    }

    private static List<string> Shown(BotHost bot, string upn, string containing) =>
        People.CardsTo(bot, upn).Select(CardReader.Visible).Where(c => c.Contains(containing)).ToList();

    [SkippableFact]
    public async Task On_the_25th_each_approved_member_is_asked_and_until_they_answer_they_count_as_not_reported()
    {
        await using var bot = await StartAsync("2026-02-10T09:00");
        await ImportCellAsync(bot);
        await SayHelloAsync(bot);
        var id = await RegisterApprovedAsync(bot, An, Secretary);

        Clock.JumpTo(Hanoi("2026-02-25T09:00:01"));
        await WaitForAsync(() => Shown(bot, An, "Đến kỳ báo tiến độ").Count == 1);
        var ask = Shown(bot, An, "Đến kỳ báo tiến độ")[0];
        Assert.Contains("Tiến độ làm theo năm 2026", ask);
        Assert.Contains("Việc 1: Hướng dẫn hồ sơ tận tình", ask);
        Assert.Empty(Shown(bot, "cuong@bhxh.example", "Đến kỳ báo tiến độ")); // no approved set, nothing to ask

        await bot.SendAsync(From(bot, Secretary, "làm theo chi bộ"));
        Assert.Contains("0 đúng tiến độ, 0 chậm, 0 xong, 1 chưa báo cáo", CardReader.Visible(People.CardsTo(bot, Secretary)[^1]));
        await People.ClicksAsync(bot, An, CommitmentCards.ProgressSaveVerb, new JsonObject { [$"percent-{id}"] = "10" });
        await bot.SendAsync(From(bot, Secretary, "làm theo chi bộ"));
        Assert.Contains("1 đúng tiến độ, 0 chậm, 0 xong, 0 chưa báo cáo", CardReader.Visible(People.CardsTo(bot, Secretary)[^1]));

        // The next one is on 25 March; the secretary moves the cell to quarterly on the 20th, so March 25 sends nothing.
        var unit = (await UnitIdAsync(bot, "Chi bộ Thu")).ToString();
        var bad = await People.ClicksAsync(bot, Secretary, CheckInSchedules.SaveVerb, new JsonObject { ["unit"] = unit, ["cadence"] = "weekly", ["day"] = "31", ["time"] = "9h", ["record"] = "2026-06-01" });
        var badText = CardReader.Visible(bad["value"]!);
        Assert.Contains("Vui lòng chọn cách hỏi tiến độ.", badText);
        Assert.Contains("Ngày trong tháng phải từ 1 đến 28.", badText);
        Assert.Contains("Giờ chưa hợp lệ", badText);
        Assert.Contains("Ngày gửi hồ sơ năm phải từ 01/10 đến 31/12/2026.", badText);
        var saved = CardReader.Visible((await People.ClicksAsync(bot, Secretary, CheckInSchedules.SaveVerb,
            new JsonObject { ["unit"] = unit, ["cadence"] = "quarterly", ["day"] = "20", ["time"] = "15:30", ["record"] = "2026-12-10" }))["value"]!);
        Assert.Contains("Lần hỏi tiến độ tới: 15:30, thứ Sáu 20/03/2026. Hồ sơ năm gửi ngày 10/12/2026.", saved);

        Clock.JumpTo(Hanoi("2026-03-20T15:30:01"));
        await WaitForAsync(() => Shown(bot, An, "Đến kỳ báo tiến độ").Count == 2);
        Clock.JumpTo(Hanoi("2026-03-25T09:00:01"));
        await Task.Delay(1500);
        Assert.Equal(2, Shown(bot, An, "Đến kỳ báo tiến độ").Count);
        await using var db = bot.NewDb();
        var unitId = Guid.Parse(unit);
        Assert.Equal(2, await db.Set<CheckInSchedule>().Where(s => s.UnitId == unitId).Select(s => s.Version).SingleAsync());
    }

    [SkippableFact]
    public async Task A_month_after_the_theme_goes_out_those_who_have_not_sent_a_set_are_reminded_once()
    {
        await using var bot = await StartAsync("2026-02-01T09:00");
        await ImportCellAsync(bot);
        await SayHelloAsync(bot);
        await RegisterApprovedAsync(bot, An, Secretary);
        await People.ClicksAsync(bot, "cuong@bhxh.example", CommitmentCards.SaveVerb, Commitment()); // a draft, never sent

        Clock.JumpTo(Hanoi("2026-02-05T08:00:01"));
        await WaitForAsync(() => Shown(bot, "cuong@bhxh.example", "Đăng ký làm theo năm 2026 của anh/chị chưa được gửi bí thư").Count == 1);
        await WaitForAsync(() => Shown(bot, "binh@bhxh.example", "chưa được gửi bí thư").Count == 1);
        Clock.JumpTo(Hanoi("2026-02-06T08:00:01"));
        await Task.Delay(1500);

        Assert.Empty(Shown(bot, An, "chưa được gửi bí thư"));
        Assert.Single(Shown(bot, "cuong@bhxh.example", "chưa được gửi bí thư"));
        var nudge = People.CardsTo(bot, "binh@bhxh.example").Last(c => CardReader.Visible(c).Contains("chưa được gửi bí thư"));
        Assert.Contains(CardReader.Actions(nudge), a => a["data"]?["msteams"]?["value"]?.GetValue<string>() == "làm theo");
        await using var db = bot.NewDb();
        Assert.True(await db.Set<StudyBot.Scheduling.Job>().AnyAsync(j => j.Key == "commitments.nudge:2027"));
    }

    [SkippableFact]
    public async Task A_first_schedule_saved_after_an_approval_replaces_the_default_and_a_done_commitment_is_not_asked_again()
    {
        await using var bot = await StartAsync("2026-02-10T09:00");
        await ImportCellAsync(bot);
        await SayHelloAsync(bot);
        await People.ClicksAsync(bot, An, CommitmentCards.SaveVerb, Commitment("Việc đã xong sớm"));
        var open = await RegisterApprovedAsync(bot, An, Secretary, "Việc còn đang làm");
        var done = (await CommitmentIdsAsync(bot)).Single(x => x.Value != open).Value;
        await People.ClicksAsync(bot, An, CommitmentCards.ProgressSaveVerb, new JsonObject { [$"percent-{done}"] = "100", [$"percent-{open}"] = "10" });

        // The cell has no schedule row yet; the default check-in (the 25th) is already queued.
        var unit = (await UnitIdAsync(bot, "Chi bộ Thu")).ToString();
        await People.ClicksAsync(bot, Secretary, CheckInSchedules.SaveVerb, new JsonObject { ["unit"] = unit, ["cadence"] = "monthly", ["day"] = "20", ["time"] = "10:00", ["record"] = "2026-12-15" });
        Clock.JumpTo(Hanoi("2026-02-20T10:00:01"));
        await WaitForAsync(() => Shown(bot, An, "Đến kỳ báo tiến độ").Count == 1);
        var ask = Shown(bot, An, "Đến kỳ báo tiến độ")[0];
        Assert.Contains("Việc còn đang làm", ask);
        Assert.DoesNotContain("Việc đã xong sớm", ask);
        // Answering only what the card asked is enough.
        var answer = CardReader.Visible((await People.ClicksAsync(bot, An, CommitmentCards.ProgressSaveVerb, new JsonObject { ["year"] = 2026, [$"percent-{open}"] = "20" }))["value"]!);
        Assert.Contains("✅ Đã ghi nhận tiến độ.", answer);
        Clock.JumpTo(Hanoi("2026-02-25T09:00:01"));
        await Task.Delay(1500);
        Assert.Single(Shown(bot, An, "Đến kỳ báo tiến độ"));
        Clock.JumpTo(Hanoi("2026-03-20T10:00:01"));
        await WaitForAsync(() => Shown(bot, An, "Đến kỳ báo tiến độ").Count == 2);
    }

    private static async Task<Dictionary<Guid, string>> CommitmentIdsAsync(BotHost bot)
    {
        await using var db = bot.NewDb();
        return await db.Set<Commitment>().ToDictionaryAsync(c => c.Id, c => c.Id.ToString());
    }
}
