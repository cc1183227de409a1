using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Agency;
using StudyBot.Delivery;
using StudyBot.Members.Import;
using StudyBot.Resources;
using StudyBot.Scheduling;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;
using StudyBot.Tests.Members;
using StudyBot.Themes;

namespace StudyBot.Tests.Themes;

public sealed class ThemeTestsOnSqlite() : ThemeTests(StorageProvider.Sqlite);

public sealed class ThemeTestsOnPostgres() : ThemeTests(StorageProvider.Postgres);

/// <summary>The yearly theme through real turns, with the clock set to a chosen day in Vietnam.</summary>
public abstract class ThemeTests(StorageProvider provider) : ThemeSuite(provider)
{
    [SkippableFact]
    public async Task The_default_pack_gives_2021_to_2025_the_whole_term_theme_with_its_source()
    {
        await using var bot = await StartAsync("2023-06-10T09:00");
        await bot.SendAsync(People.Says(bot, "an@bhxh.example", "chủ đề"));

        var card = LastCard(bot);
        Assert.Contains("Chuyên đề học tập năm 2023", card);
        Assert.Contains("ý chí tự lực, tự cường và khát vọng phát triển đất nước phồn vinh, hạnh phúc", card);
        Assert.Contains("Theo Chỉ thị 05-CT/TW ngày 15/5/2016", card);
        Assert.Contains("Nguồn: ", card);
        Assert.DoesNotContain("Sửa chuyên đề", card);
    }

    [SkippableFact]
    public async Task A_year_without_a_theme_says_so_and_tells_admins_how_to_set_one()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        await bot.SendAsync(People.Says(bot, "an@bhxh.example", "chu de"));
        var member = LastCard(bot);
        var memberActions = bot.Channel.Sent()[^1].Body!["attachments"]![0]!["content"]!["actions"]!.AsArray();
        await bot.SendAsync(People.Says(bot, Admin, "chủ đề"));
        var admin = LastCard(bot);

        Assert.Contains("Chuyên đề học tập năm 2026 chưa được nhập vào StudyBot.", member);
        // The newest theme is shown as the 2021–2025 one, never as this year's, with a way to open it and a cell to ask.
        Assert.Contains("chuyên đề gần nhất là của giai đoạn 2021–2025 (không phải chuyên đề năm nay)", member);
        Assert.Contains("ý chí tự lực, tự cường", member);
        Assert.Contains("anh/chị hỏi bí thư Chi bộ Thu về nội dung học tập năm nay", member);
        Assert.DoesNotContain("Nhập chuyên đề", member);
        var see = memberActions.Single(a => (string?)a!["title"] == "Xem chuyên đề 2021–2025");
        Assert.Equal("chủ đề 2025", (string?)see!["data"]!["msteams"]!["value"]);
        Assert.Contains("gõ «chủ đề đặt 2026»", admin);
        Assert.Contains("Nhập chuyên đề", admin);
    }

    [SkippableFact]
    public async Task An_admin_sets_the_year_on_the_form_errors_come_back_on_the_card_and_members_see_this_months_topic()
    {
        await using var bot = await StartAsync("2026-03-02T09:00");
        await bot.SendAsync(People.Says(bot, Admin, "chủ đề đặt"));
        Assert.Contains("Tên chuyên đề", LastCard(bot));

        var missing = await People.ClicksAsync(bot, Admin, ThemeCards.SaveVerb, new JsonObject
        {
            ["year"] = 2026, ["directive"] = "Chỉ thị 05-CT/TW ngày 15/5/2016", ["months"] = "3 Học tập",
        });
        Assert.Contains("Dòng «3 Học tập» chưa đúng dạng.", CardReader.Visible(missing["value"]!));
        Assert.Contains("Chỉ thị 05-CT/TW ngày 15/5/2016", CardReader.Visible(missing["value"]!)); // what was typed is kept

        var saved = await People.ClicksAsync(bot, Admin, ThemeCards.SaveVerb, new JsonObject
        {
            ["year"] = 2026, ["title"] = "Chuyên đề thử nghiệm năm 2026", ["directive"] = "Chỉ thị 05-CT/TW ngày 15/5/2016",
            ["months"] = "Tháng 3: Học tập tác phẩm «Dân vận»\n4: Nêu gương người tốt, việc tốt", ["link"] = "https://example.gov.vn/tai-lieu",
        });
        Assert.Contains("Chuyên đề thử nghiệm năm 2026", CardReader.Visible(saved["value"]!));

        await bot.SendAsync(People.Says(bot, "an@bhxh.example", "chủ đề"));
        var card = LastCard(bot);
        Assert.Contains("Tháng 3\nHọc tập tác phẩm «Dân vận»", card);
        Assert.DoesNotContain("Nêu gương", card);
        await using var db = bot.NewDb();
        Assert.Equal(1, await db.Set<AuditEntry>().CountAsync(a => a.Action == "theme.set" && a.Target == "2026"));
    }

    [SkippableFact]
    public async Task A_forged_save_from_a_member_is_refused()
    {
        await using var bot = await StartAsync("2026-03-02T09:00");
        var answer = await People.ClicksAsync(bot, "an@bhxh.example", ThemeCards.SaveVerb, new JsonObject
        {
            ["year"] = 2026, ["title"] = "Giả mạo", ["directive"] = "x",
        });
        Assert.StartsWith("Anh/chị chưa có quyền dùng lệnh này", answer["value"]!.GetValue<string>());
        await using var db = bot.NewDb();
        Assert.False(await db.Set<StudyTheme>().AnyAsync(t => t.Year == 2026));
    }

    [SkippableFact]
    public async Task An_admin_pushes_the_theme_once_to_everyone_and_is_told_when_it_is_done()
    {
        await using var bot = await StartAsync("2025-02-01T09:00");
        foreach (var upn in new[] { "an@bhxh.example", "binh@bhxh.example", "bithu@bhxh.example" })
            await bot.SendAsync(People.Says(bot, upn, "xin chào")); // each has a personal chat now
        await bot.SendAsync(People.Says(bot, Admin, "chủ đề gửi"));
        Assert.StartsWith("✅ Đang gửi chuyên đề năm 2025", bot.Channel.Sent()[^1].Body!["text"]!.GetValue<string>());
        await bot.SendAsync(People.Says(bot, Admin, "theme send"));
        Assert.Matches(@"^Chuyên đề năm 2025 đã được gửi lúc 09:0\d, thứ Bảy 01/02/2025", bot.Channel.Sent()[^1].Body!["text"]!.GetValue<string>());

        await using var db = bot.NewDb();
        Broadcast? broadcast = null;
        for (var i = 0; i < 100 && broadcast?.Status != BroadcastStatus.Done; i++)
        {
            await Task.Delay(100);
            broadcast = await db.Set<Broadcast>().AsNoTracking().SingleOrDefaultAsync(b => b.Key == "theme:2025");
        }
        Assert.Equal(BroadcastStatus.Done, broadcast!.Status);
        var cards = bot.Channel.Delivered.Where(IsPush).GroupBy(d => d.ConversationId).ToList();
        Assert.Equal(4, cards.Count); // the three members and the admin
        Assert.All(cards, g => Assert.Single(g));
        for (var i = 0; i < 50 && !bot.Channel.Delivered.Any(d => d.Body?["text"]?.GetValue<string>().StartsWith("✅ Đã gửi xong") == true); i++)
            await Task.Delay(100);
        Assert.Contains(bot.Channel.Delivered, d => d.ConversationId == "a:" + Admin
            && d.Body?["text"]?.GetValue<string>() == "✅ Đã gửi xong «Chuyên đề học tập năm 2025»: 4 người, 4 đã nhận, 0 lỗi, 0 chưa liên hệ được.");
    }

    [SkippableFact]
    public async Task The_pushed_theme_card_carries_the_months_topic_like_the_one_a_member_opens()
    {
        await using var bot = await StartAsync("2026-03-02T09:00");
        await bot.SendAsync(People.Says(bot, "an@bhxh.example", "xin chào"));
        await People.ClicksAsync(bot, Admin, ThemeCards.SaveVerb, new JsonObject
        {
            ["year"] = 2026, ["title"] = "Chuyên đề thử nghiệm năm 2026", ["directive"] = "Chỉ thị 05-CT/TW ngày 15/5/2016",
            ["months"] = "3: Học tập tác phẩm «Dân vận»\n4: Nêu gương người tốt, việc tốt",
        });
        await bot.SendAsync(People.Says(bot, Admin, "chủ đề gửi"));

        for (var i = 0; i < 100 && !bot.Channel.Delivered.Any(d => d.ConversationId == "a:an@bhxh.example" && IsPush(d)); i++) await Task.Delay(100);
        var pushed = CardReader.Visible(bot.Channel.Delivered.Single(d => d.ConversationId == "a:an@bhxh.example" && IsPush(d)).Body!["attachments"]![0]!["content"]!);
        Assert.Contains("Chuyên đề thử nghiệm năm 2026", pushed);
        Assert.Contains("Tháng 3\nHọc tập tác phẩm «Dân vận»", pushed);
        Assert.DoesNotContain("Nêu gương", pushed);
    }

    [SkippableFact]
    public async Task Every_problem_with_the_theme_form_comes_back_at_once_with_what_was_typed()
    {
        await using var bot = await StartAsync("2026-03-02T09:00");
        var shown = CardReader.Visible((await People.ClicksAsync(bot, Admin, ThemeCards.SaveVerb, new JsonObject
        {
            ["year"] = 2026, ["directive"] = "Chỉ thị 05-CT/TW ngày 15/5/2016", ["months"] = "3 Học tập\n13: Sai tháng", ["link"] = "http://khong-an-toan.example",
        }))["value"]!);

        Assert.Contains("Vui lòng nhập tên chuyên đề.", shown);
        Assert.Contains("Dòng «3 Học tập» chưa đúng dạng.", shown);
        Assert.Contains("Dòng «13: Sai tháng» chưa đúng dạng.", shown);
        Assert.Contains("Liên kết tài liệu phải bắt đầu bằng https://.", shown);
        Assert.Contains("Chỉ thị 05-CT/TW ngày 15/5/2016", shown);
        await using var db = bot.NewDb();
        Assert.False(await db.Set<StudyTheme>().AnyAsync(t => t.Year == 2026));
    }

    [SkippableFact]
    public async Task A_theme_changed_after_it_was_sent_goes_again_once_marked_as_a_correction()
    {
        await using var bot = await StartAsync("2026-03-02T09:00");
        await bot.SendAsync(People.Says(bot, "an@bhxh.example", "xin chào"));
        JsonObject Form(string title) => new()
        {
            ["year"] = 2026, ["title"] = title, ["directive"] = "Chỉ thị 05-CT/TW ngày 15/5/2016",
        };
        await People.ClicksAsync(bot, Admin, ThemeCards.SaveVerb, Form("Chuyên đề có lỗi chính tả"));
        await bot.SendAsync(People.Says(bot, Admin, "chủ đề gửi"));
        bool Pushed(string words) => bot.Channel.Delivered.Any(d => d.ConversationId == "a:an@bhxh.example" && IsPush(d)
            && CardReader.Visible(d.Body!["attachments"]![0]!["content"]!).Contains(words));
        for (var i = 0; i < 100 && !Pushed("Chuyên đề có lỗi chính tả"); i++) await Task.Delay(100);

        Clock.JumpTo(DateTimeOffset.Parse("2026-03-02T10:00:00+07:00"));
        await People.ClicksAsync(bot, Admin, ThemeCards.SaveVerb, Form("Chuyên đề đã sửa đúng"));
        await bot.SendAsync(People.Says(bot, Admin, "chủ đề gửi"));
        Assert.StartsWith("✅ Chuyên đề năm 2026 đã được sửa sau lần gửi trước: đang gửi bản đính chính", bot.Channel.Sent()[^1].Body!["text"]!.GetValue<string>());
        for (var i = 0; i < 100 && !Pushed("Chuyên đề đã sửa đúng"); i++) await Task.Delay(100);
        var correction = CardReader.Visible(bot.Channel.Delivered.Last(d => d.ConversationId == "a:an@bhxh.example" && IsPush(d)).Body!["attachments"]![0]!["content"]!);
        Assert.StartsWith("Đính chính: chuyên đề năm 2026 đã được sửa lúc 10:00, thứ Hai 02/03/2026.", correction);
        Assert.Contains("Chuyên đề đã sửa đúng", correction);

        // Once per change: sending again without a new change is refused as already sent.
        await bot.SendAsync(People.Says(bot, Admin, "chủ đề gửi"));
        Assert.StartsWith("Chuyên đề năm 2026 đã được gửi lúc 10:00", bot.Channel.Sent()[^1].Body!["text"]!.GetValue<string>());
        await Task.Delay(500);
        Assert.Equal(2, bot.Channel.Delivered.Count(d => d.ConversationId == "a:an@bhxh.example" && IsPush(d)));
    }

    [SkippableFact]
    public async Task The_yearly_push_is_scheduled_for_5_january_8_00_in_vietnam()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        await using var db = bot.NewDb();
        var job = await db.Set<Job>().SingleAsync(j => j.Kind == ThemePush.YearlyKind);
        Assert.Equal(("theme.push:2027", new DateTime(2027, 1, 5, 1, 0, 0)), (job.Key!, job.DueAt));
    }

    [SkippableFact]
    public async Task At_the_push_time_a_year_without_a_theme_sends_nothing_and_the_next_year_is_scheduled()
    {
        await using var bot = await StartAsync("2027-01-05T07:00");
        Clock.JumpTo(DateTimeOffset.Parse("2027-01-05T07:59:59+07:00"));
        await using var db = bot.NewDb();
        for (var i = 0; i < 100 && !await db.Set<Job>().AnyAsync(j => j.Key == "theme.push:2027" && j.Status == JobStatus.Done); i++)
            await Task.Delay(100);

        Assert.True(await db.Set<Job>().AnyAsync(j => j.Key == "theme.push:2028"));
        Assert.Equal(JobStatus.Done, (await db.Set<Job>().SingleAsync(j => j.Key == "theme.push:2027")).Status);
        Assert.False(await db.Set<Broadcast>().AnyAsync());
        Assert.Contains(bot.Logs, l => l.Contains("No study theme for 2027"));
    }

    [SkippableFact]
    public async Task At_the_push_time_a_year_with_a_theme_goes_to_everyone()
    {
        await using var bot = await StartAsync("2025-01-05T07:00");
        await bot.SendAsync(People.Says(bot, "an@bhxh.example", "xin chào"));
        Clock.JumpTo(DateTimeOffset.Parse("2025-01-05T07:59:59+07:00"));
        await using var db = bot.NewDb();
        Broadcast? broadcast = null;
        for (var i = 0; i < 100 && broadcast?.Status != BroadcastStatus.Done; i++)
        {
            await Task.Delay(100);
            broadcast = await db.Set<Broadcast>().AsNoTracking().FirstOrDefaultAsync(b => b.Key == "theme:2025");
        }
        Assert.Equal(BroadcastStatus.Done, broadcast?.Status);
        Assert.Single(bot.Channel.Delivered, d => d.ConversationId == "a:an@bhxh.example" && IsPush(d));
    }
}
