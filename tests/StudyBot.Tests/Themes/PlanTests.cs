using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Delivery;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;
using StudyBot.Themes;

namespace StudyBot.Tests.Themes;

public sealed class PlanTestsOnSqlite() : PlanTests(StorageProvider.Sqlite);

public sealed class PlanTestsOnPostgres() : PlanTests(StorageProvider.Postgres);

/// <summary>A cell's plan items: kept by its secretary, shown with the theme, and announced to the cell's members.</summary>
public abstract class PlanTests(StorageProvider provider) : ThemeSuite(provider)
{
    private const string Secretary = "bithu@bhxh.example";

    private static async Task<string> CellIdAsync(BotHost bot, string name = "Chi bộ Thu")
    {
        await using var db = bot.NewDb();
        return (await db.Set<Unit>().SingleAsync(u => u.Name == name)).Id.ToString();
    }

    private static JsonObject Item(string unit, int year, string period, string text, bool announce, string? planId = null)
    {
        var data = new JsonObject { ["unit"] = unit, ["year"] = year.ToString(), ["period"] = period, ["text"] = text, ["announce"] = announce ? "true" : "false" };
        if (planId is not null) data["planId"] = planId;
        return data;
    }

    /// <summary>The plan cards that reached a person's chat, as they read them.</summary>
    private static List<string> PlanNews(BotHost bot, string upn) =>
        People.CardsTo(bot, upn).Select(CardReader.Visible).Where(c => c.Contains("Kế hoạch", StringComparison.Ordinal) || c.Contains("kế hoạch")).ToList();

    private static async Task<List<string>> WaitForNewsAsync(BotHost bot, string upn, int count)
    {
        for (var i = 0; i < 100 && PlanNews(bot, upn).Count < count; i++) await Task.Delay(100);
        return PlanNews(bot, upn);
    }

    [SkippableFact]
    public async Task A_secretary_adds_the_cells_plan_the_cell_is_told_and_only_that_cell_sees_it()
    {
        await using var bot = await StartAsync("2024-05-10T09:00");
        foreach (var upn in new[] { "an@bhxh.example", "binh@bhxh.example" }) await bot.SendAsync(People.Says(bot, upn, "xin chào"));
        var cell = await CellIdAsync(bot);
        await bot.SendAsync(People.Says(bot, Secretary, "chủ đề kế hoạch"));
        Assert.Contains("Chưa có mục kế hoạch nào", LastCard(bot));

        var answer = await People.ClicksAsync(bot, Secretary, PlanCards.SaveVerb, Item(cell, 2024, "q2", "Kể chuyện về Bác tại sinh hoạt chi bộ", announce: true));
        var list = CardReader.Visible(answer["value"]!);
        Assert.Contains("✅ Đã thêm vào kế hoạch của Chi bộ Thu (Quý 2/2024). Các đồng chí trong chi bộ đang được báo.", list);
        Assert.Contains("Chi bộ Thu · Quý 2/2024\nKể chuyện về Bác tại sinh hoạt chi bộ", list);

        // Another cell's member tries to post into this cell's plan with a forged card.
        var forged = await People.ClicksAsync(bot, "binh@bhxh.example", PlanCards.SaveVerb, Item(cell, 2024, "m5", "Giả mạo", announce: true));
        Assert.StartsWith("Anh/chị chưa có quyền", forged["value"]!.GetValue<string>());

        var news = Assert.Single(await WaitForNewsAsync(bot, "an@bhxh.example", 1));
        Assert.Contains("📌 Kế hoạch mới của Chi bộ Thu", news);
        Assert.Contains("Quý 2/2024\nKể chuyện về Bác tại sinh hoạt chi bộ", news);
        Assert.Empty(PlanNews(bot, "binh@bhxh.example"));

        await bot.SendAsync(People.Says(bot, "an@bhxh.example", "chủ đề"));
        Assert.Contains("Kể chuyện về Bác tại sinh hoạt chi bộ", LastCard(bot));
        await bot.SendAsync(People.Says(bot, "binh@bhxh.example", "chủ đề"));
        Assert.DoesNotContain("Kể chuyện về Bác", LastCard(bot));
        await using var db = bot.NewDb();
        Assert.DoesNotContain(await db.Set<PlanItem>().Select(p => p.Text).ToListAsync(), t => t == "Giả mạo");
    }

    [SkippableFact]
    public async Task A_plan_item_is_changed_then_removed_and_the_cell_hears_of_each_once()
    {
        await using var bot = await StartAsync("2026-12-02T09:00");
        await bot.SendAsync(People.Says(bot, "an@bhxh.example", "xin chào"));
        var cell = await CellIdAsync(bot);
        await People.ClicksAsync(bot, Secretary, PlanCards.SaveVerb, Item(cell, 2026, "m12", "Sinh hoạt chuyên đề ngày 15/12", announce: true));
        await using var db = bot.NewDb();
        var id = (await db.Set<PlanItem>().SingleAsync()).Id.ToString();

        // The form to change it comes filled in, telling the cell by default since the cell was told of it.
        var form = (await People.ClicksAsync(bot, Secretary, PlanCards.FormVerb, new JsonObject { ["planId"] = id }))["value"]!;
        var inputs = CardReader.Inputs(form).ToDictionary(i => i["id"]!.GetValue<string>(), i => i["value"]?.GetValue<string>());
        Assert.Equal(("m12", "Sinh hoạt chuyên đề ngày 15/12", "true", "2026"), (inputs["period"], inputs["text"], inputs["announce"], inputs["year"]));

        var changed = CardReader.Visible((await People.ClicksAsync(bot, Secretary, PlanCards.SaveVerb,
            Item(cell, 2026, "m12", "Sinh hoạt chuyên đề ngày 18/12", announce: true, planId: id)))["value"]!);
        Assert.Contains("✅ Đã sửa mục kế hoạch của Chi bộ Thu (Tháng 12/2026).", changed);
        Assert.DoesNotContain("15/12", changed);
        // Pressed again with the same words: saved, but nobody is told twice.
        var again = CardReader.Visible((await People.ClicksAsync(bot, Secretary, PlanCards.SaveVerb,
            Item(cell, 2026, "m12", "Sinh hoạt chuyên đề ngày 18/12", announce: true, planId: id)))["value"]!);
        Assert.DoesNotContain("đang được báo", again);

        var confirm = CardReader.Visible((await People.ClicksAsync(bot, Secretary, PlanCards.RemoveVerb, new JsonObject { ["planId"] = id }))["value"]!);
        Assert.Contains("Xóa mục kế hoạch này?", confirm);
        Assert.Contains("các đồng chí sẽ được báo là mục đã bỏ", confirm);
        var removed = CardReader.Visible((await People.ClicksAsync(bot, Secretary, PlanCards.RemoveConfirmedVerb, new JsonObject { ["planId"] = id }))["value"]!);
        Assert.Contains("✅ Đã xóa mục kế hoạch của Chi bộ Thu (Tháng 12/2026).", removed);
        Assert.Contains("Chưa có mục kế hoạch nào", removed);
        // An old card pressed again finds the item gone and says so, with the list.
        var stale = CardReader.Visible((await People.ClicksAsync(bot, Secretary, PlanCards.RemoveConfirmedVerb, new JsonObject { ["planId"] = id }))["value"]!);
        Assert.Contains("Mục kế hoạch này không còn nữa", stale);

        var news = await WaitForNewsAsync(bot, "an@bhxh.example", 3);
        Assert.Equal(3, news.Count);
        // Three broadcasts, each fanned out on its own: they may land in any order.
        Assert.Single(news, n => n.Contains("📌 Kế hoạch mới của Chi bộ Thu") && n.Contains("ngày 15/12"));
        Assert.Single(news, n => n.Contains("✏️ Kế hoạch của Chi bộ Thu đã thay đổi") && n.Contains("Tháng 12/2026\nSinh hoạt chuyên đề ngày 18/12"));
        Assert.Single(news, n => n.Contains("🗑️ Chi bộ Thu bỏ một mục kế hoạch"));
        Assert.False(await db.Set<PlanItem>().AnyAsync());
        Assert.Equal(["theme.plan.add", "theme.plan.change", "theme.plan.change", "theme.plan.remove"],
            await db.Set<AuditEntry>().Where(a => a.Action.StartsWith("theme.plan.")).OrderBy(a => a.At).Select(a => a.Action).ToListAsync());
        await bot.SendAsync(People.Says(bot, "an@bhxh.example", "chủ đề"));
        Assert.DoesNotContain("Sinh hoạt chuyên đề", LastCard(bot));
    }

    [SkippableFact]
    public async Task A_secretary_of_another_cell_cannot_change_or_remove_this_cells_items()
    {
        await using var bot = await StartAsync("2026-12-02T09:00");
        var cell = await CellIdAsync(bot);
        await People.ClicksAsync(bot, Secretary, PlanCards.SaveVerb, Item(cell, 2026, "m12", "Sinh hoạt chuyên đề", announce: false));
        await using var db = bot.NewDb();
        var binh = await db.Set<Member>().SingleAsync(m => m.Upn == "binh@bhxh.example");
        db.Add(new RoleAssignment { Id = Guid.NewGuid(), MemberId = binh.Id, Role = Role.Secretary, UnitId = Guid.Parse(await CellIdAsync(bot, "Chi bộ Chế độ")), CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        var id = (await db.Set<PlanItem>().SingleAsync()).Id.ToString();
        var own = await CellIdAsync(bot, "Chi bộ Chế độ");

        var change = await People.ClicksAsync(bot, "binh@bhxh.example", PlanCards.SaveVerb, Item(own, 2026, "m12", "Đổi sang chi bộ khác", announce: false, planId: id));
        var remove = await People.ClicksAsync(bot, "binh@bhxh.example", PlanCards.RemoveConfirmedVerb, new JsonObject { ["planId"] = id });
        var list = CardReader.Visible((await People.ClicksAsync(bot, "binh@bhxh.example", PlanCards.ListVerb, []))["value"]!);

        Assert.StartsWith("Anh/chị chưa có quyền", change["value"]!.GetValue<string>());
        Assert.StartsWith("Anh/chị chưa có quyền", remove["value"]!.GetValue<string>());
        Assert.DoesNotContain("Sinh hoạt chuyên đề", list);
        var item = await db.Set<PlanItem>().AsNoTracking().SingleAsync();
        Assert.Equal((cell, "Sinh hoạt chuyên đề"), (item.UnitId.ToString(), item.Text));
        Assert.Equal(2, await db.Set<AuditEntry>().CountAsync(a => a.ActorId == binh.Id && a.Outcome == AuditOutcome.Refused));
    }

    [SkippableFact]
    public async Task In_a_year_without_a_theme_the_cell_still_sees_its_plan_and_plans_next_year()
    {
        await using var bot = await StartAsync("2026-12-02T09:00");
        var cell = await CellIdAsync(bot);
        await People.ClicksAsync(bot, Secretary, PlanCards.SaveVerb, Item(cell, 2026, "m12", "Tổng kết học tập năm 2026", announce: false));
        var next = CardReader.Visible((await People.ClicksAsync(bot, Secretary, PlanCards.SaveVerb, Item(cell, 2027, "q1", "Học chuyên đề năm 2027", announce: false)))["value"]!);
        Assert.True(next.IndexOf("Chi bộ Thu · Tháng 12/2026", StringComparison.Ordinal) is var december and >= 0
            && december < next.IndexOf("Chi bộ Thu · Quý 1/2027", StringComparison.Ordinal), next);

        await bot.SendAsync(People.Says(bot, "an@bhxh.example", "chủ đề"));
        var member = LastCard(bot);
        Assert.Contains("Chuyên đề học tập năm 2026 chưa được nhập vào StudyBot.", member);
        Assert.Contains("Chi bộ Thu · Tháng 12\nTổng kết học tập năm 2026", member);
        Assert.DoesNotContain("Học chuyên đề năm 2027", member);
        await bot.SendAsync(People.Says(bot, Secretary, "chủ đề"));
        Assert.Contains(CardReader.Actions(bot.Channel.Sent()[^1].Body!["attachments"]![0]!["content"]!),
            a => a["title"]?.GetValue<string>() == "Kế hoạch chi bộ" && a["verb"]?.GetValue<string>() == PlanCards.ListVerb);
    }

    [SkippableFact]
    public async Task Every_problem_with_the_plan_form_comes_back_at_once_with_what_was_typed()
    {
        await using var bot = await StartAsync("2026-12-02T09:00");
        var cell = await CellIdAsync(bot);
        var shown = CardReader.Visible((await People.ClicksAsync(bot, Secretary, PlanCards.SaveVerb, Item(cell, 2019, "", "  ", announce: true)))["value"]!);

        Assert.Contains("Năm của kế hoạch phải từ 2026 đến 2027.", shown);
        Assert.Contains("Vui lòng chọn quý hoặc tháng.", shown);
        Assert.Contains("Vui lòng nhập nội dung kế hoạch.", shown);
        await using var db = bot.NewDb();
        Assert.False(await db.Set<PlanItem>().AnyAsync());
    }
}
