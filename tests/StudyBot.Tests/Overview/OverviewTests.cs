using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Commitments;
using StudyBot.Conduct;
using StudyBot.Nominations;
using StudyBot.Overview;
using StudyBot.Quiz;
using StudyBot.Reminders;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;
using StudyBot.Tests.Reminders;

namespace StudyBot.Tests.Overview;

public sealed class OverviewTestsOnSqlite() : OverviewTests(StorageProvider.Sqlite);

public sealed class OverviewTestsOnPostgres() : OverviewTests(StorageProvider.Postgres);

/// <summary>`tổng quan` for a secretary, a member and an admin, over a cell with something in every block.</summary>
public abstract class OverviewTests(StorageProvider provider) : ReminderSuite(provider)
{
    private const string An = "an@bhxh.example", Admin = "khac@bhxh.example";

    private static async Task<string> OverviewOfAsync(BotHost bot, string upn)
    {
        await bot.SendAsync(People.Says(bot, upn, "tổng quan"));
        return CardReader.Visible(People.CardsTo(bot, upn)[^1]);
    }

    /// <summary>Chi bộ Thu in late November: an open round An finished and two have not, a monthly meeting, a question
    /// waiting, a storyteller who accepted, a commitment behind, a nomination waiting.</summary>
    private async Task<BotHost> CellWithAYearAsync()
    {
        var bot = await StartAsync("2026-11-20T09:00", settings: new Dictionary<string, string> { ["StudyBot:Admins:0"] = Admin });
        await ImportCellAsync(bot);
        await SayHelloAsync(bot);
        await bot.SendAsync(From(bot, Admin, "xin chào"));
        await using var db = bot.NewDb();
        var unit = await db.Set<Unit>().SingleAsync(u => u.Name == "Chi bộ Thu");
        var people = await db.Set<Member>().ToDictionaryAsync(m => m.Upn!, m => m.Id);
        var now = DateTime.UtcNow;
        var round = new QuizRound { Id = Guid.NewGuid(), UnitId = unit.Id, Title = "Dân vận tháng 11", OpensAt = now.AddDays(-1), ClosesAt = now.AddDays(3),
            Items = "[]", Status = RoundStatus.Open, CreatedBy = people[Secretary], CreatedAt = now.AddDays(-2) };
        var reminder = new Reminder { Id = Guid.NewGuid(), UnitId = unit.Id, Text = "Sinh hoạt chi bộ định kỳ", Rule = RepeatRule.MonthlyOnDay,
            FirstLocal = new DateTime(2026, 12, 3, 14, 0, 0), StoryRota = true, CreatedBy = people[Secretary], CreatedAt = now };
        var closed = new QuizRound { Id = Guid.NewGuid(), UnitId = unit.Id, Title = "Dân vận tháng 10", OpensAt = now.AddDays(-40), ClosesAt = now.AddDays(-35),
            Items = "[]", Status = RoundStatus.Closed, CreatedBy = people[Secretary], CreatedAt = now.AddDays(-41) };
        db.AddRange(closed,
            new QuizAttempt { Id = Guid.NewGuid(), MemberId = people[An], RoundId = closed.Id, Count = 5, Score = 5, Position = 5, StartedAt = now, ShownAt = now, FinishedAt = now.AddDays(-36) },
            new QuizAttempt { Id = Guid.NewGuid(), MemberId = people["cuong@bhxh.example"], RoundId = closed.Id, Count = 5, Score = 3, Position = 5, StartedAt = now, ShownAt = now, FinishedAt = now.AddDays(-36) });
        db.AddRange(round, reminder,
            new QuizAttempt { Id = Guid.NewGuid(), MemberId = people[An], RoundId = round.Id, Count = 5, Score = 4, Position = 5, StartedAt = now, ShownAt = now, FinishedAt = now },
            new Escalation { Id = Guid.NewGuid(), Number = 7, AskerId = people["binh@bhxh.example"], UnitId = unit.Id, Question = "Người dân hỏi về thẻ BHYT hết hạn thì sao?", CreatedAt = now.AddDays(-1) },
            new StoryAssignment { Id = Guid.NewGuid(), ReminderId = reminder.Id, MemberId = people["cuong@bhxh.example"], OccurrenceDue = new DateTime(2026, 12, 3, 7, 0, 0, DateTimeKind.Utc),
                Status = StoryStatus.Accepted, AskedAt = now },
            new Nomination { Id = Guid.NewGuid(), Year = 2026, Sequence = 3, NominatorId = people[Secretary], NomineeId = people[An], NomineeUnitId = unit.Id,
                Deed = "Hướng dẫn tận tình một cụ già", DeedDate = "2026-11-18", CreatedAt = now });
        var set = new CommitmentSet { Id = Guid.NewGuid(), MemberId = people["cuong@bhxh.example"], UnitId = unit.Id, Year = 2026, Status = CommitmentStatus.Approved,
            SubmittedAt = now.AddDays(-200), ReviewedAt = now.AddDays(-199), CreatedAt = now.AddDays(-200), UpdatedAt = now };
        db.AddRange(set, new Commitment { Id = Guid.NewGuid(), SetId = set.Id, Position = 1, Task = "Đôn đốc 12 đơn vị nợ", Responsibility = "Tự làm", Result = "12 đơn vị",
            Milestones = Milestones.Write([new("q2", 50), new("q3", 75)]), Deadline = new DateOnly(2026, 12, 31), Percent = 30, ReportedAt = now, CreatedAt = now });
        await db.SaveChangesAsync();
        return bot;
    }

    [SkippableFact]
    public async Task A_secretary_sees_the_cell_now_with_one_button_per_block_and_nothing_empty()
    {
        await using var bot = await CellWithAYearAsync();
        var card = await OverviewOfAsync(bot, Secretary);

        Assert.StartsWith("Tổng quan: Chi bộ Thu", card);
        Assert.Contains("«Dân vận tháng 11»: 1/4 người đã nộp bài", card);
        Assert.Contains("Chưa xong: Bí Thư Thu, Lê Văn Cường, Trần Thị Bình", card);
        Assert.Contains("«Sinh hoạt chi bộ định kỳ»: 14:00, thứ Năm 03/12/2026", card);
        Assert.Contains("Kể chuyện lúc 14:00, thứ Năm 03/12/2026: Lê Văn Cường (đã nhận)", card);
        Assert.Contains("HĐ-7 (gửi lúc", card);
        Assert.Contains("Người dân hỏi về thẻ BHYT hết hạn thì sao?", card);
        Assert.Contains("Lê Văn Cường: «Đôn đốc 12 đơn vị nợ» 30%, mốc đến nay 75%", card);
        Assert.Contains("ĐC-2026-0003: Nguyễn Văn An", card);
        var actions = CardReader.AllActions(People.CardsTo(bot, Secretary)[^1]).Select(a => a["title"]!.GetValue<string>()).ToList();
        Assert.Contains("Nhắc ngay", actions);
        Assert.Contains("Trả lời câu hỏi", actions);
        Assert.Contains("Nhắc người chậm tiến độ", actions);
        Assert.Contains("Thứ tự kể chuyện", actions);
        Assert.DoesNotContain("0/", card.Replace("1/4", "")); // no block of zeros

        // In a channel it would name people before the whole team: it says where to ask instead.
        var inChannel = People.Says(bot, Secretary, "<at>StudyBot</at> tổng quan");
        inChannel["conversation"] = new JsonObject { ["id"] = "19:general@thread.tacv2", ["conversationType"] = "channel", ["isGroup"] = true };
        await bot.SendAsync(inChannel);
        var reply = bot.Channel.Delivered.Last(d => d.ConversationId == "19:general@thread.tacv2").Body!;
        Assert.StartsWith("Tổng quan có tên từng người nên chỉ xem trong trò chuyện riêng", reply["text"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task A_member_sees_their_own_round_meetings_and_commitments_and_no_one_elses()
    {
        await using var bot = await CellWithAYearAsync();
        var card = await OverviewOfAsync(bot, "binh@bhxh.example");

        Assert.StartsWith("Tổng quan của Trần Thị Bình", card);
        Assert.Contains("«Dân vận tháng 11»: anh/chị chưa nộp bài", card);
        // The cell's meeting is for Party members; Bình is staff, not a member of the Party.
        Assert.DoesNotContain("Sinh hoạt chi bộ định kỳ", card);
        Assert.Contains("Anh/chị chưa đăng ký làm theo năm nay.", card);
        Assert.DoesNotContain("HĐ-7", card);
        Assert.DoesNotContain("Lê Văn Cường", card);
        Assert.DoesNotContain("ĐC-2026", card);
        // An already finished the round: it is not in An's overview; the Party meeting is.
        var an = await OverviewOfAsync(bot, An);
        Assert.DoesNotContain("Dân vận tháng 11", an);
        Assert.Contains("«Sinh hoạt chi bộ định kỳ»: 14:00, thứ Năm 03/12/2026", an);

        // A forged "open this cell" from a member is refused and audited.
        var forged = await People.ClicksAsync(bot, "binh@bhxh.example", OverviewCommands.CellVerb, new JsonObject { ["unit"] = (await UnitIdAsync(bot, "Chi bộ Thu")).ToString() });
        Assert.StartsWith("Anh/chị chưa có quyền", forged["value"]!.GetValue<string>());
        await using var db = bot.NewDb();
        Assert.Equal(1, await db.Set<AuditEntry>().CountAsync(a => a.Action.EndsWith(OverviewCommands.CellVerb) && a.Outcome == AuditOutcome.Refused));
    }

    [SkippableFact]
    public async Task An_admin_sees_the_agency_and_opens_one_cell_from_it()
    {
        await using var bot = await CellWithAYearAsync();
        var card = await OverviewOfAsync(bot, Admin);

        Assert.StartsWith("Tổng quan toàn cơ quan", card);
        Assert.Contains("Chi bộ Thu: 0 đúng tiến độ, 1 chậm, 0 xong, 0 chưa báo cáo", card);
        Assert.Contains("Tháng này: 1 chờ duyệt, 0 biểu dương, 0 đề xuất khen thưởng, 0 chưa đủ căn cứ", card);
        var opened = CardReader.Visible((await People.ClicksAsync(bot, Admin, OverviewCommands.CellVerb,
            new JsonObject { ["unit"] = (await UnitIdAsync(bot, "Chi bộ Thu")).ToString() }))["value"]!);
        Assert.StartsWith("Tổng quan: Chi bộ Thu", opened);
        Assert.Contains("«Dân vận tháng 11»: 1/4 người đã nộp bài", opened);
    }

    [SkippableFact]
    public async Task The_charts_are_pngs_behind_signed_links_that_expire_and_the_card_says_the_same_in_words()
    {
        await using var bot = await CellWithAYearAsync();
        await bot.SendAsync(People.Says(bot, Admin, "tổng quan"));
        var card = People.CardsTo(bot, Admin)[^1];
        var text = CardReader.Visible(card);
        Assert.Contains("Chi bộ Thu: «Dân vận tháng 10» 2/4 người làm bài, trung bình 80% câu đúng; cả năm (1 đợt): tỷ lệ làm bài 50%", text);
        var images = card["body"]!.AsArray().Where(e => e?["type"]?.GetValue<string>() == "Image").Select(e => e!.AsObject()).ToList();
        Assert.Equal(2, images.Count); // participation by cell, nominations by month
        Assert.Contains("Chi bộ Thu 50", images[0]["altText"]!.GetValue<string>());

        using var http = new HttpClient();
        foreach (var image in images)
        {
            var png = await http.GetByteArrayAsync(image["url"]!.GetValue<string>());
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            // IHDR: width and height, big-endian, right after the signature and the chunk header.
            Assert.Equal((800, 400), (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
        }
        var url = images[0]["url"]!.GetValue<string>();
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await http.GetAsync(url.Replace("sig=", "sig=x"))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await http.GetAsync(url.Replace("/charts/", "/charts/e30"))).StatusCode);
        Clock.JumpTo(Clock.GetUtcNow().AddMinutes(31));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await http.GetAsync(url)).StatusCode);

        // The secretary's cell: this year's scores as a line, with the same figures in words.
        await bot.SendAsync(People.Says(bot, Secretary, "tổng quan"));
        var cell = People.CardsTo(bot, Secretary)[^1];
        Assert.Contains("Các đợt năm nay, điểm trung bình: «Dân vận tháng 10» 80%", CardReader.Visible(cell));
        Assert.Single(cell["body"]!.AsArray(), e => e?["type"]?.GetValue<string>() == "Image");
    }

    [SkippableFact]
    public async Task A_leader_who_is_no_admin_sees_the_agency_too()
    {
        await using var bot = await CellWithAYearAsync();
        await using (var db = bot.NewDb())
        {
            var binh = await db.Set<Member>().SingleAsync(m => m.Upn == "binh@bhxh.example");
            db.Add(new RoleAssignment { Id = Guid.NewGuid(), MemberId = binh.Id, Role = Role.Leader, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var card = await OverviewOfAsync(bot, "binh@bhxh.example");
        Assert.StartsWith("Tổng quan toàn cơ quan", card);
        Assert.Contains("Chi bộ Thu: 0 đúng tiến độ, 1 chậm, 0 xong, 0 chưa báo cáo", card);
        // The question asked yesterday is not yet late, so the late-questions block is left out.
        Assert.DoesNotContain("Câu hỏi chờ quá", card);

        // Opening the cell, a leader reads figures, not what members asked their secretary, and gets no buttons they would be refused.
        var opened = (await People.ClicksAsync(bot, "binh@bhxh.example", OverviewCommands.CellVerb, new JsonObject { ["unit"] = (await UnitIdAsync(bot, "Chi bộ Thu")).ToString() }))["value"]!;
        var text = CardReader.Visible(opened);
        Assert.Contains("1 câu hỏi đang chờ bí thư chi bộ trả lời", text);
        Assert.DoesNotContain("thẻ BHYT hết hạn", text);
        Assert.DoesNotContain(CardReader.AllActions(opened), a => a["title"]?.GetValue<string>() is "Nhắc ngay" or "Trả lời câu hỏi" or "Nhắc người chậm tiến độ");
    }
}
