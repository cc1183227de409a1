using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Agency;
using StudyBot.Delivery;
using StudyBot.Nominations;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Nominations;

public sealed class NominationTestsOnSqlite() : NominationTests(StorageProvider.Sqlite);

public sealed class NominationTestsOnPostgres() : NominationTests(StorageProvider.Postgres);

/// <summary>A nomination's whole path through the channel simulator, and every way a decision could go wrong.</summary>
public abstract class NominationTests(StorageProvider provider) : NominationSuite(provider)
{
    [SkippableFact]
    public async Task A_nomination_reaches_the_leaders_is_commended_from_the_card_and_every_copy_and_person_is_updated()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        await ImportAgencyAsync(bot);

        await bot.SendAsync(From(bot, Cuong, "đề cử"));
        var form = LastCardTo(bot, Cuong);
        Assert.Contains("Người được đề cử (tìm trong cơ quan)", CardReader.Visible(form));
        Assert.Contains("graph.microsoft.com/users", form.ToJsonString());
        var summary = CardReader.Visible((await ClickAsync(bot, Cuong, NominationForm.SaveVerb, Form()))["value"]!);
        Assert.Contains("✅ Đã gửi đề cử ĐC-2026-0001", summary);
        Assert.Contains("Nguyễn Văn An", summary);

        await WaitForAsync(() => new[] { Director, Deputy, Secretary }.All(p => CardsTo(bot, p, "ĐC-2026-0001").Count == 1));
        var directorCard = NominationCardTo(bot, Director);
        var shown = CardReader.Visible(directorCard);
        foreach (var fact in new[] { "Nguyễn Văn An", "Chi bộ Thu", Deed, "20/11/2026", "Giải quyết hồ sơ", "Lê Văn Cường", "ĐC-2026-0001" })
            Assert.Contains(fact, shown);
        Assert.Equal(["Biểu dương", "Đề xuất khen thưởng", "Chưa đủ căn cứ"], CardReader.Actions(directorCard).Select(a => a["title"]!.GetValue<string>()));
        Assert.All(CardReader.Actions(directorCard), a => Assert.Equal("Action.Submit", a["fallback"]!["type"]!.GetValue<string>()));
        var fyi = NominationCardTo(bot, Secretary);
        Assert.Empty(CardReader.Actions(fyi));
        Assert.Contains("Bản để biết", CardReader.Visible(fyi));

        var nominationId = Guid.Parse(ButtonData(directorCard, NominationCards.CommendVerb)["nominationId"]!.GetValue<string>());
        var decided = await ClickAsync(bot, Director, NominationCards.CommendVerb, ButtonData(directorCard, NominationCards.CommendVerb));
        Assert.Contains("Đã quyết định: Biểu dương, bởi Nguyễn Giám Đốc lúc 09:0", CardReader.Visible(decided["value"]!));
        Assert.Empty(CardReader.Actions(decided["value"]!));

        // Every copy (both leaders' and the secretary's) is changed in place, to the decision and no buttons.
        await WaitForAsync(() => bot.Channel.Sent().Count(c => c.Method == "PUT") >= 3 && CardsTo(bot, An, "Anh/chị được biểu dương").Count == 1);
        await using var db = bot.NewDb();
        var copies = await db.Set<NominationCard>().Where(c => c.NominationId == nominationId)
            .Join(db.Set<OutboxMessage>(), c => c.OutboxMessageId, m => m.Id, (c, m) => m).ToListAsync();
        Assert.Equal(3, copies.Count);
        var puts = bot.Channel.Sent().Where(c => c.Method == "PUT").ToList();
        Assert.Equal(3, puts.Count);
        foreach (var copy in copies)
        {
            var put = Assert.Single(puts, p => p.Path == $"/connector/v3/conversations/{Uri.EscapeDataString(copy.SentConversationId!)}/activities/{copy.SentActivityId}");
            var card = put.Body!["attachments"]![0]!["content"]!;
            Assert.Contains("Đã quyết định: Biểu dương, bởi Nguyễn Giám Đốc", CardReader.Visible(card));
            Assert.Empty(CardReader.Actions(card));
        }
        Assert.Contains(Deed, CardReader.Visible(Assert.Single(CardsTo(bot, An, "Anh/chị được biểu dương"))));
        Assert.Single(CardsTo(bot, Cuong, "Đề cử ĐC-2026-0001: Biểu dương"));

        var late = await ClickAsync(bot, Deputy, NominationCards.ProposeVerb, ButtonData(NominationCardTo(bot, Deputy), NominationCards.ProposeVerb));
        Assert.StartsWith("Đề cử ĐC-2026-0001 đã được quyết định «Biểu dương» bởi Nguyễn Giám Đốc lúc 09:0", late["value"]!.GetValue<string>());
        var stored = await db.Set<Nomination>().SingleAsync();
        Assert.Equal(NominationStatus.Commended, stored.Status);
        // Both people's personal-data exports include it, each in their role.
        var export = await bot.Services.GetRequiredService<PersonalData>().ExportAsync(db, await db.Set<Member>().SingleAsync(m => m.Id == stored.NomineeId), default);
        Assert.Equal("nominee", Assert.Single(export["nominations"]!.AsArray())!["role"]!.GetValue<string>());
        Assert.Equal(1, await db.Set<AuditEntry>().CountAsync(a => a.Action == "nomination.decide" && a.Outcome == AuditOutcome.Done));
    }

    [SkippableFact]
    public async Task Only_a_leader_decides_a_decline_needs_a_reason_and_two_leaders_at_once_make_one_decision()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        await ImportAgencyAsync(bot);
        await ClickAsync(bot, Cuong, NominationForm.SaveVerb, Form());
        Guid id;
        await using (var db = bot.NewDb()) id = (await db.Set<Nomination>().SingleAsync()).Id;

        // A member with a forged click, and a secretary from the FYI card's data: refused, written down, nothing decided.
        var forged = await ClickAsync(bot, An, NominationCards.CommendVerb, Decision(id));
        var secretary = await ClickAsync(bot, Secretary, NominationCards.ProposeVerb, Decision(id));
        Assert.Equal("Chỉ Ban Giám đốc được quyết định đề cử; lựa chọn của anh/chị không được ghi nhận.", forged["value"]!.GetValue<string>());
        Assert.Equal(forged["value"]!.GetValue<string>(), secretary["value"]!.GetValue<string>());
        var noReason = await ClickAsync(bot, Director, NominationCards.DeclineVerb, Decision(id, reason: "  "));
        Assert.Contains("Vui lòng nhập lý do trước khi chọn «Chưa đủ căn cứ».", CardReader.Visible(noReason["value"]!));

        var both = await Task.WhenAll(
            ClickAsync(bot, Director, NominationCards.DeclineVerb, Decision(id, reason: "Chưa có xác nhận của người lao động")),
            ClickAsync(bot, Deputy, NominationCards.ProposeVerb, Decision(id)));
        Assert.Single(both, b => b["value"] is JsonObject card && CardReader.Visible(card).Contains("Đã quyết định"));
        Assert.Single(both, b => b["value"] is JsonValue v && v.GetValue<string>().Contains("đã được quyết định"));

        await using var check = bot.NewDb();
        var stored = await check.Set<Nomination>().SingleAsync();
        Assert.NotEqual(NominationStatus.Pending, stored.Status);
        Assert.Equal(1, await check.Set<AuditEntry>().CountAsync(a => a.Action == "nomination.decide" && a.Outcome == AuditOutcome.Done));
        Assert.Equal(2, await check.Set<AuditEntry>().CountAsync(a => a.Action == "nomination.decide" && a.Outcome == AuditOutcome.Refused));
        if (stored.Status == NominationStatus.Declined)
        {
            // The nominator hears why; the nominee is not told of a decline.
            await WaitForAsync(() => CardsTo(bot, Cuong, "Chưa đủ căn cứ").Count == 1);
            Assert.Contains("Lý do: Chưa có xác nhận của người lao động", CardReader.Visible(CardsTo(bot, Cuong, "Chưa đủ căn cứ")[0]));
            await Task.Delay(1000);
            Assert.Empty(CardsTo(bot, An, "Anh/chị được"));
        }
    }

    [SkippableFact]
    public async Task A_leader_cannot_decide_a_nomination_they_made_or_one_that_names_them_and_is_told_who_can()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        await ImportAgencyAsync(bot);
        await ClickAsync(bot, Director, NominationForm.SaveVerb, Form(nominee: An));
        await ClickAsync(bot, Cuong, NominationForm.SaveVerb, Form(nominee: Deputy, deed: "Tận tình hướng dẫn người dân làm thủ tục điện tử"));
        Guid own, naming;
        await using (var db = bot.NewDb())
        {
            var all = await db.Set<Nomination>().ToListAsync();
            own = all.Single(n => n.Deed == Deed).Id;
            naming = all.Single(n => n.Deed != Deed).Id;
        }

        var byNominator = await ClickAsync(bot, Director, NominationCards.CommendVerb, Decision(own));
        var byNominee = await ClickAsync(bot, Deputy, NominationCards.ProposeVerb, Decision(naming));

        Assert.Matches("^Anh/chị là người đề cử ĐC-[0-9-]+ nên không tự quyết định đề cử này; lựa chọn không được ghi nhận. Lãnh đạo khác có thể quyết định: Trần Phó Giám Đốc.$",
            byNominator["value"]!.GetValue<string>());
        Assert.Matches("^Đề cử ĐC-[0-9-]+ nêu tên anh/chị nên anh/chị không tự quyết định; lựa chọn không được ghi nhận. Lãnh đạo khác có thể quyết định: Nguyễn Giám Đốc.$",
            byNominee["value"]!.GetValue<string>());
        await using (var db = bot.NewDb())
        {
            Assert.All(await db.Set<Nomination>().ToListAsync(), n => Assert.Equal(NominationStatus.Pending, n.Status));
            var refused = await db.Set<AuditEntry>().Where(a => a.Action == "nomination.decide" && a.Outcome == AuditOutcome.Refused).ToListAsync();
            Assert.Equal(["made by the leader", "names the leader"], refused.Select(a => a.Detail).Order());
        }
        // The other leader decides as usual.
        var decided = await ClickAsync(bot, Deputy, NominationCards.CommendVerb, Decision(own));
        Assert.Contains("Đã quyết định", CardReader.Visible(decided["value"]!));
    }

    [SkippableFact]
    public async Task The_form_explains_bad_input_and_warns_of_a_likely_duplicate_and_a_member_sees_their_own()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        await ImportAgencyAsync(bot);

        async Task<string> SaveAsync(JsonObject form) => Shown(await ClickAsync(bot, Cuong, NominationForm.SaveVerb, form));
        Assert.Contains("Vui lòng mô tả việc tốt ít nhất 20 ký tự", await SaveAsync(Form(deed: "Làm tốt")));
        Assert.Contains("Ngày diễn ra không thể ở tương lai.", await SaveAsync(Form(date: "2026-11-22")));
        Assert.Contains("Không tìm thấy «Người Lạ» trong danh sách cán bộ.", await SaveAsync(Form(nominee: "Người Lạ")));
        Assert.Contains("Anh/chị không thể tự đề cử mình.", await SaveAsync(Form(nominee: Cuong)));
        Assert.Contains("Vui lòng chọn loại việc tốt trong danh sách.", await SaveAsync(Form(category: "khác")));
        // A name, typed without diacritics, finds the one person who has it.
        Assert.Contains("✅ Đã gửi đề cử ĐC-2026-0001", await SaveAsync(Form(nominee: "nguyen van an")));

        var again = await ClickAsync(bot, Cuong, NominationForm.SaveVerb, Form(deed: "Đã giải quyết kịp thời hồ sơ hưu trí nhiều vướng mắc cho người lao động"));
        Assert.Contains("đã đề cử đồng chí này với việc tương tự (ĐC-2026-0001, ngày 21/11/2026)", Shown(again));
        var anyway = ButtonData(again["value"]!, NominationForm.SaveVerb);
        foreach (var (key, value) in Form()) anyway[key] = value?.DeepClone();
        Assert.Contains("✅ Đã gửi đề cử ĐC-2026-0002", Shown(await ClickAsync(bot, Cuong, NominationForm.SaveVerb, anyway)));

        await bot.SendAsync(From(bot, Cuong, "đề cử của tôi"));
        var mine = LastTextTo(bot, Cuong);
        Assert.Contains("ĐC-2026-0002: Nguyễn Văn An, đề cử ngày 21/11/2026, Chờ duyệt", mine);
        Assert.Contains("ĐC-2026-0001: Nguyễn Văn An", mine);
        await using var db = bot.NewDb();
        Assert.Equal(2, await db.Set<Nomination>().CountAsync());
    }

    [SkippableFact]
    public async Task A_restart_between_storing_and_delivering_still_delivers_each_card_once()
    {
        var first = (await StartAsync("2026-11-21T09:00", settings: new Dictionary<string, string> { ["Delivery:Workers"] = "0" })).Sharing();
        await ImportAgencyAsync(first);
        Assert.Contains("✅ Đã gửi đề cử ĐC-2026-0001", Shown(await ClickAsync(first, Cuong, NominationForm.SaveVerb, Form())));
        // Several delivery polls go by: an instance with no delivery workers sends nothing.
        await Task.Delay(600);
        Assert.Empty(CardsTo(first, Director, "ĐC-2026-0001"));
        var (channel, database) = (first.Channel, first.Database);
        await first.DisposeAsync();

        await using var second = await StartAsync("2026-11-21T09:05", channel, database);
        await using var cleanup = database;
        await WaitForAsync(() => new[] { Director, Deputy, Secretary }.All(p => CardsTo(second, p, "ĐC-2026-0001").Count >= 1));
        await Task.Delay(1500);
        Assert.All(new[] { Director, Deputy, Secretary }, p => Assert.Single(CardsTo(second, p, "ĐC-2026-0001")));
    }

    [SkippableFact]
    public async Task Leaders_list_pending_nominations_oldest_first_and_an_admin_exports_them_as_csv()
    {
        await using var bot = await StartAsync("2026-11-21T09:00", settings: new Dictionary<string, string> { ["StudyBot:Admins:0"] = Secretary });
        await ImportAgencyAsync(bot);
        await ClickAsync(bot, Cuong, NominationForm.SaveVerb, Form());
        await ClickAsync(bot, An, NominationForm.SaveVerb, Form(nominee: Cuong, deed: "Hướng dẫn tận tình một người dân làm thủ tục BHXH tự nguyện", category: "citizens"));

        await bot.SendAsync(From(bot, An, "đề cử chờ duyệt"));
        // A typed command is refused as a command, not as a "choice" that was not recorded.
        Assert.StartsWith("Anh/chị chưa có quyền dùng lệnh này", LastTextTo(bot, An));
        Assert.DoesNotContain("lựa chọn", LastTextTo(bot, An));
        await bot.SendAsync(From(bot, Deputy, "đề cử chờ duyệt"));
        Assert.Equal("Có 2 đề cử chờ duyệt; 2 đề cử cũ nhất đang được gửi thành thẻ để anh/chị quyết định.", LastTextTo(bot, Deputy));
        await WaitForAsync(() => CardsTo(bot, Deputy, "ĐC-2026-").Count == 4);
        var listed = CardsTo(bot, Deputy, "ĐC-2026-").Skip(2).Select(c => CardReader.Visible(c)).ToList();
        Assert.Contains("ĐC-2026-0001", listed[0]);
        Assert.Contains("ĐC-2026-0002", listed[1]);

        await bot.SendAsync(From(bot, Director, "đề cử xuất"));
        Assert.StartsWith("Anh/chị chưa có quyền", LastTextTo(bot, Director));
        await bot.SendAsync(From(bot, Secretary, "đề cử xuất"));
        var offer = LastCardTo(bot, Secretary);
        var url = new Uri(CardReader.Actions(offer).Single()["url"]!.GetValue<string>());
        var bytes = await (await bot.Http.GetAsync(bot.BaseUrl + url.PathAndQuery)).Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("Số,Ngày đề cử,Người được đề cử,Email,Đơn vị,Ngày diễn ra,Loại việc,Việc tốt", lines[0]);
        Assert.StartsWith("ĐC-2026-0001,21/11/2026 09:0", lines[1]);
        Assert.Contains(",Nguyễn Văn An,", lines[1]);
        Assert.Contains(",Phục vụ người dân,", lines[2]);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await bot.Http.GetAsync(bot.BaseUrl + url.AbsolutePath + "?expires=99999999999&sig=x")).StatusCode);
    }
}
