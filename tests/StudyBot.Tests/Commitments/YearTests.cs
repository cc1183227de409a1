using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;
using StudyBot.Commitments;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;
using StudyBot.Tests.Reminders;

namespace StudyBot.Tests.Commitments;

public sealed class YearTestsOnSqlite() : YearTests(StorageProvider.Sqlite);

public sealed class YearTestsOnPostgres() : YearTests(StorageProvider.Postgres);

/// <summary>A cell's whole year of "làm theo" on a moving clock, ending in the report the secretary downloads.</summary>
public abstract class YearTests(StorageProvider provider) : ReminderSuite(provider)
{
    private const string An = "an@bhxh.example", Cuong = "cuong@bhxh.example", Binh = "binh@bhxh.example";

    private static List<string> Shown(BotHost bot, string upn, string containing) =>
        People.CardsTo(bot, upn).Select(CardReader.Visible).Where(c => c.Contains(containing)).ToList();

    private static async Task<Dictionary<string, string>> CommitmentIdsAsync(BotHost bot)
    {
        await using var db = bot.NewDb();
        return await db.Set<Commitment>().Join(db.Set<CommitmentSet>(), c => c.SetId, s => s.Id, (c, s) => new { c.Id, s.MemberId })
            .Join(db.Set<StudyBot.Agency.Member>(), x => x.MemberId, m => m.Id, (x, m) => new { x.Id, m.Upn })
            .ToDictionaryAsync(x => x.Upn!, x => x.Id.ToString());
    }

    private static Task Report(BotHost bot, string upn, string id, int percent) =>
        People.ClicksAsync(bot, upn, CommitmentCards.ProgressSaveVerb, new JsonObject { [$"percent-{id}"] = percent.ToString() });

    [SkippableFact]
    public async Task A_year_three_register_one_is_returned_check_ins_a_reminder_the_records_and_the_report()
    {
        await using var bot = await StartAsync("2026-01-10T09:00");
        await ImportCellAsync(bot);
        await SayHelloAsync(bot);
        await using (var db = bot.NewDb())
        {
            var an = await db.Set<StudyBot.Agency.Member>().SingleAsync(m => m.Upn == An);
            var secretary = await db.Set<StudyBot.Agency.Member>().SingleAsync(m => m.Upn == Secretary);
            db.Add(new StudyBot.Nominations.Nomination { Id = Guid.NewGuid(), Year = 2026, Sequence = 1, NominatorId = secretary.Id, NomineeId = an.Id,
                Deed = "Đến tận nhà chi trả cho người bị tai biến", DeedDate = "2026-03-02", Status = StudyBot.Nominations.NominationStatus.Commended, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        // Three register; Cường's set is returned with a comment, corrected and sent again.
        await CheckInTests.RegisterApprovedAsync(bot, An, Secretary, "Hướng dẫn hồ sơ tận tình");
        await CheckInTests.RegisterApprovedAsync(bot, Binh, Secretary, "Giải thích chính sách cho người lao động");
        await People.ClicksAsync(bot, Cuong, CommitmentCards.SaveVerb, CheckInTests.Commitment("Đôn đốc đơn vị nợ"));
        await People.ClicksAsync(bot, Cuong, CommitmentCards.SubmitVerb, new JsonObject { ["year"] = 2026 });
        string cuongSet;
        await using (var db = bot.NewDb()) cuongSet = (await db.Set<CommitmentSet>().Where(s => s.Status == CommitmentStatus.Submitted).SingleAsync()).Id.ToString();
        await People.ClicksAsync(bot, Secretary, ReviewCards.ReturnVerb, await CheckInTests.ReviewDataAsync(bot, Guid.Parse(cuongSet), "Ghi rõ số đơn vị cần đôn đốc."));
        var ids = await CommitmentIdsAsync(bot);
        var edit = CheckInTests.Commitment("Đôn đốc 12 đơn vị nợ, có tình có lý");
        edit["commitmentId"] = ids[Cuong];
        await People.ClicksAsync(bot, Cuong, CommitmentCards.SaveVerb, edit);
        await People.ClicksAsync(bot, Cuong, CommitmentCards.SubmitVerb, new JsonObject { ["year"] = 2026 });
        await People.ClicksAsync(bot, Secretary, ReviewCards.ApproveVerb, await CheckInTests.ReviewDataAsync(bot, Guid.Parse(cuongSet)));

        // Three monthly check-ins; Cường falls behind.
        var figures = new Dictionary<string, int[]> { [An] = [10, 20, 25], [Binh] = [10, 25, 30], [Cuong] = [5, 5, 10] };
        foreach (var (month, i) in new[] { "01", "02", "03" }.Select((m, i) => (m, i)))
        {
            Clock.JumpTo(Hanoi($"2026-{month}-25T09:00:01"));
            await WaitForAsync(() => new[] { An, Binh, Cuong }.All(p => Shown(bot, p, "Đến kỳ báo tiến độ").Count == i + 1));
            foreach (var (upn, values) in figures) await Report(bot, upn, ids[upn], values[i]);
        }
        Assert.Empty(Shown(bot, Secretary, "Đến kỳ báo tiến độ")); // registered nothing, so asked nothing
        Clock.JumpTo(Hanoi("2026-04-02T09:00"));
        await bot.SendAsync(From(bot, Secretary, "làm theo chi bộ"));
        var cell = CardReader.Visible(People.CardsTo(bot, Secretary)[^1]);
        Assert.Contains("3/4 người đã gửi; 3 đã duyệt, 0 chờ duyệt, 0 đang sửa", cell);
        Assert.Contains("2 đúng tiến độ, 1 chậm, 0 xong, 0 chưa báo cáo", cell);
        Assert.Contains("Lê Văn Cường\n«Đôn đốc 12 đơn vị nợ, có tình có lý»: 10%, mốc đến nay 25%", cell);
        await People.ClicksAsync(bot, Secretary, ReviewCards.RemindVerb, new JsonObject { ["unit"] = (await UnitIdAsync(bot, "Chi bộ Thu")).ToString() });
        await WaitForAsync(() => Shown(bot, Cuong, "Bí thư nhắc").Count == 1);
        Assert.Empty(Shown(bot, An, "Bí thư nhắc"));

        // Later in the year An finishes and Bình is ahead of the third quarter's mark; the record goes out on 10 December.
        await Report(bot, An, ids[An], 100);
        await Report(bot, Binh, ids[Binh], 80);
        await People.ClicksAsync(bot, Secretary, CheckInSchedules.SaveVerb, new JsonObject
        {
            ["unit"] = (await UnitIdAsync(bot, "Chi bộ Thu")).ToString(), ["cadence"] = "monthly", ["day"] = "25", ["time"] = "09:00", ["record"] = "2026-12-10",
        });
        Clock.JumpTo(Hanoi("2026-12-10T09:00:01"));
        await WaitForAsync(() => new[] { Secretary, An, Binh, Cuong }.All(p => Shown(bot, p, "Hồ sơ năm 2026").Count == 1));
        var record = Shown(bot, An, "Hồ sơ năm 2026")[0];
        Assert.Contains("«Hướng dẫn hồ sơ tận tình»: 100% · hoàn thành", record);
        Assert.Contains("Được Bí Thư Thu đề cử: Đến tận nhà chi trả cho người bị tai biến (biểu dương)", record);
        Assert.Contains("Đã xác nhận 0 lời nhắc", record);

        Assert.Contains("Vui lòng viết vài dòng tự đánh giá", CardReader.Visible((await People.ClicksAsync(bot, An, YearRecordCards.ConfirmVerb, new JsonObject { ["year"] = 2026 }))["value"]!));
        foreach (var upn in new[] { An, Binh, Cuong })
            Assert.Contains("✅ Đã xác nhận hồ sơ năm.", CardReader.Visible((await People.ClicksAsync(bot, upn, YearRecordCards.ConfirmVerb,
                new JsonObject { ["year"] = 2026, ["self"] = "Hoàn thành phần việc đã đăng ký; cần chủ động hơn." }))["value"]!));
        var records = new Dictionary<string, string>();
        await using (var db = bot.NewDb())
            foreach (var r in await db.Set<YearRecord>().Join(db.Set<StudyBot.Agency.Member>(), r => r.MemberId, m => m.Id, (r, m) => new { r.Id, m.Upn }).ToListAsync())
                records[r.Upn!] = r.Id.ToString();
        var missingWording = CardReader.Visible((await People.ClicksAsync(bot, Secretary, YearRecordCards.CommentVerb,
            new JsonObject { ["recordId"] = records[An], ["comment"] = "Gương mẫu.", ["assessment"] = "good" }))["value"]!);
        Assert.Contains("Vui lòng ghi nội dung nhận xét của chi bộ nơi cư trú.", missingWording);
        await People.ClicksAsync(bot, Secretary, YearRecordCards.CommentVerb, new JsonObject { ["recordId"] = records[An], ["comment"] = "Gương mẫu.", ["assessment"] = "good", ["wording"] = "Gương mẫu nơi cư trú" });
        await People.ClicksAsync(bot, Secretary, YearRecordCards.CommentVerb, new JsonObject { ["recordId"] = records[Cuong], ["comment"] = "Cần bám sát tiến độ.", ["assessment"] = "none" });
        var list = CardReader.Visible((await People.ClicksAsync(bot, Secretary, YearRecordCards.CommentVerb, new JsonObject { ["recordId"] = records[Binh], ["comment"] = "Tích cực." }))["value"]!);
        Assert.Contains("Trần Thị Bình · đã nhận xét", list);
        Assert.Contains("Bí Thư Thu · chờ tự đánh giá", list);
        var forged = await People.ClicksAsync(bot, "khac@bhxh.example", YearRecordCards.CommentVerb, new JsonObject { ["recordId"] = records[An], ["comment"] = "Giả mạo" });
        Assert.StartsWith("Anh/chị chưa có quyền", forged["value"]!.GetValue<string>());

        // The report: a year with nothing says so; this year's is a valid Word document and a CSV with the same figures.
        await bot.SendAsync(From(bot, Secretary, "làm theo báo cáo 2025"));
        Assert.Contains("Năm 2025 chưa có số liệu học tập và làm theo của Chi bộ Thu", CardReader.Visible(People.CardsTo(bot, Secretary)[^1]));
        await bot.SendAsync(From(bot, Secretary, "làm theo báo cáo"));
        var links = CardReader.AllActions(People.CardsTo(bot, Secretary)[^1]).Where(a => a["type"]!.GetValue<string>() == "Action.OpenUrl")
            .ToDictionary(a => a["title"]!.GetValue<string>(), a => a["url"]!.GetValue<string>());
        using var http = new HttpClient();
        var bytes = await http.GetByteArrayAsync(links["Tải báo cáo (.docx)"]);
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var paragraphs = document.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText).ToList();
        var text = string.Join("\n", paragraphs);
        Assert.Contains("Báo cáo kết quả học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2026: Chi bộ Thu", text);
        Assert.Contains("Quy mô: 4 người, trong đó 3 đảng viên", text);
        Assert.Contains("Đăng ký làm theo: 3 việc của 3/4 người đã gửi; 1 hoàn thành, 1 chậm, 0 chưa báo cáo", text);
        Assert.Contains("Nhận xét của nơi cư trú (Quy định 76): 1/3 đảng viên được địa phương nhận xét tốt; đã nhận 1 nhận xét", text);
        Assert.Contains("Biểu dương người tốt, việc tốt: 1 cá nhân, 1 việc tốt (0 đề xuất khen thưởng)", text);
        Assert.Contains("III. Hạn chế", text);
        Assert.Contains("- Lê Văn Cường: «Đôn đốc 12 đơn vị nợ, có tình có lý» mới đạt 10%", text);
        Assert.Contains("- Bí Thư Thu: chưa đăng ký làm theo", text);
        Assert.Contains("IV. Bài học kinh nghiệm\n- (bí thư chi bộ viết)", text);
        var table = document.MainDocumentPart.Document.Body.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>().Single()
            .Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>().Select(r => r.Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText).ToList()).ToList();

        var csv = (await http.GetStringAsync(links["Tải số liệu (.csv)"])).TrimStart('\uFEFF');
        var rows = StudyBot.Downloads.CsvText.Read(new StringReader(csv)).Select(r => r.Fields.ToList()).ToList();
        // The CSV's member rows are the document's table, cell for cell, and its figures are the document's.
        Assert.Equal(table, rows.Take(table.Count).ToList());
        Assert.Equal(["Nguyễn Văn An", "có", "1/1 việc hoàn thành", "0/0 đợt", "0", "1", "tốt"], table.Single(r => r[0] == "Nguyễn Văn An"));
        Assert.Equal("chưa nhận được", table.Single(r => r[0] == "Lê Văn Cường")[^1]);
        Assert.Equal("", table.Single(r => r[0] == "Trần Thị Bình")[^1]);
        foreach (var row in rows.Skip(table.Count).Where(r => r.Count == 2)) Assert.Contains($"{row[0]}: {row[1]}", paragraphs);
    }
}
