using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Agency;
using StudyBot.Conversations;
using StudyBot.Members;
using StudyBot.Members.Import;
using StudyBot.Resources;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Members;

public sealed class WhoIsWhoTestsOnSqlite() : WhoIsWhoTests(StorageProvider.Sqlite);

public sealed class WhoIsWhoTestsOnPostgres() : WhoIsWhoTests(StorageProvider.Postgres);

/// <summary>Who is who through real turns: binding, roles, refusals, tenants, rosters and personal data.</summary>
public abstract class WhoIsWhoTests(StorageProvider provider) : ProviderSuite(provider)
{
    private const string AdminUpn = "admin@bhxh.example";

    /// <summary>A bot whose bootstrap admin is <see cref="AdminUpn"/>, with a small agency imported.</summary>
    private async Task<BotHost> StartAgencyAsync(Dictionary<string, string>? settings = null)
    {
        settings ??= [];
        settings["StudyBot:Admins:0"] = AdminUpn;
        var bot = await StartBot(settings: settings);
        await using var scope = bot.Services.CreateAsyncScope();
        var (_, errors) = await scope.ServiceProvider.GetRequiredService<MemberImport>().RunAsync(new StringReader($"""
            {MemberFiles.Header}
            an@bhxh.example,Nguyễn Văn An,,,Phòng Thu > Chi bộ Thu,có,bí thư@Chi bộ Thu
            binh@bhxh.example,Trần Thị Bình,,,Chi bộ Thu,không,
            cuong@bhxh.example,Lê Văn Cường,,,Phòng Chế độ > Chi bộ Chế độ,có,
            {AdminUpn},Quản Trị Viên,,,Văn phòng,có,
            """), Texts.Vietnamese, null, default);
        Assert.Empty(errors);
        return bot;
    }

    private static string LastText(BotHost bot) =>
        bot.Channel.Sent()[^1].Body!["text"]?.GetValue<string>() ?? bot.Channel.Sent()[^1].Body!.ToJsonString();

    [SkippableFact]
    public async Task A_member_imported_by_email_who_then_writes_is_recognised_with_their_roles()
    {
        await using var bot = await StartAgencyAsync();

        await bot.SendAsync(People.Says(bot, "an@bhxh.example", "thành viên Chi bộ Thu"));

        Assert.StartsWith("Chi bộ Thu: 2 người (1 đảng viên)", LastText(bot));
        await using var db = bot.NewDb();
        var an = await db.Set<Member>().SingleAsync(m => m.Upn == "an@bhxh.example");
        Assert.Equal(("29:an@bhxh.example", "aad-an@bhxh.example"), (an.ChannelUserId, an.AadObjectId));
        Assert.Equal(4, await db.Set<Member>().CountAsync()); // bound, not duplicated
    }

    [SkippableFact]
    public async Task Unit_names_match_like_commands_and_a_secretary_sees_their_own_unit_and_is_offered_only_what_they_may_use()
    {
        await using var bot = await StartAgencyAsync();
        const string Secretary = "an@bhxh.example";
        async Task<string> SayAsync(string text)
        {
            await bot.SendAsync(People.Says(bot, Secretary, text));
            var last = bot.Channel.Delivered.Last(d => d.ConversationId == "a:" + Secretary && d.Body is not null).Body!;
            return last["text"]?.GetValue<string>() ?? CardReader.Visible(last["attachments"]![0]!["content"]!);
        }

        Assert.StartsWith("Chi bộ Thu: 2 người (1 đảng viên)", await SayAsync("thành viên chi bo thu"));
        Assert.StartsWith("Chi bộ Thu: 2 người", await SayAsync("THANH VIEN chi bộ t"));
        Assert.StartsWith("Chi bộ Thu: 2 người", await SayAsync("thành viên"));
        // Two units begin so, but only one is hers: that one is meant. For an admin, who holds both, it is ambiguous.
        Assert.StartsWith("Chi bộ Thu: 2 người", await SayAsync("thành viên chi bo"));
        await bot.SendAsync(People.Says(bot, AdminUpn, "thành viên chi bo"));
        Assert.Contains("«chi bo» khớp với nhiều đơn vị: Chi bộ Chế độ, Chi bộ Thu.", CardReader.Visible(People.CardsTo(bot, AdminUpn)[^1]));
        var unknown = await SayAsync("thành viên phong hanh chinh");
        Assert.Contains("Không có đơn vị «phong hanh chinh». Các đơn vị anh/chị dùng được: Chi bộ Thu.", unknown);
        Assert.DoesNotContain("Gõ «đơn vị»", unknown);
        var offered = CardReader.AllActions(People.CardsTo(bot, Secretary)[^1]).Select(a => a["data"]!["msteams"]!["value"]!.GetValue<string>());
        Assert.Equal(["thành viên Chi bộ Thu"], offered);

        // «đơn vị» shows a secretary their own unit, not the agency's, and nothing else of the command.
        var units = await SayAsync("đơn vị");
        Assert.Contains("Chi bộ Thu: 2 người", units);
        Assert.DoesNotContain("Chế độ", units);
        Assert.StartsWith("Anh/chị chưa có quyền dùng lệnh này", await SayAsync("đơn vị thêm Chi bộ Mới"));
        await using var db = bot.NewDb();
        Assert.False(await db.Set<Unit>().AnyAsync(u => u.Name == "Chi bộ Mới"));
    }

    [SkippableFact]
    public async Task Role_with_no_argument_lists_who_holds_which_role_for_an_admin_only()
    {
        await using var bot = await StartAgencyAsync();
        await bot.SendAsync(People.Says(bot, AdminUpn, "vai trò cuong@bhxh.example lãnh đạo"));
        await bot.SendAsync(People.Says(bot, AdminUpn, "vai trò"));
        var list = People.LastTextTo(bot, AdminUpn);
        Assert.StartsWith("Vai trò trong StudyBot:", list);
        Assert.Contains("**lãnh đạo** (1)\n- Lê Văn Cường · cuong@bhxh.example", list);
        Assert.Contains("**bí thư chi bộ** (1)\n- Nguyễn Văn An · an@bhxh.example tại «Chi bộ Thu»", list);
        Assert.Contains($"Quản trị viên khai trong cấu hình (StudyBot:Admins, không đổi được bằng lệnh): {AdminUpn}.", list);
        Assert.Contains("Cách dùng: «vai trò", list);

        await bot.SendAsync(People.Says(bot, "an@bhxh.example", "vai trò"));
        Assert.StartsWith("Anh/chị chưa có quyền dùng lệnh này", People.LastTextTo(bot, "an@bhxh.example"));
    }

    [SkippableFact]
    public async Task The_help_card_shows_admin_commands_to_admins_only()
    {
        await using var bot = await StartAgencyAsync();
        await bot.SendAsync(People.Says(bot, AdminUpn, "trợ giúp"));
        await bot.SendAsync(People.Says(bot, "an@bhxh.example", "trợ giúp"));
        await bot.SendAsync(People.Says(bot, "binh@bhxh.example", "trợ giúp"));

        var cards = bot.Channel.Sent().Select(c => CardReader.Visible(c.Body!["attachments"]![0]!["content"]!)).ToList();
        Assert.Contains("Dành cho quản trị viên", cards[0]);
        Assert.Contains("vai trò · role", cards[0]);
        Assert.Contains("Dành cho bí thư chi bộ", cards[1]);
        Assert.DoesNotContain("Dành cho quản trị viên", cards[1]);
        Assert.DoesNotContain("vai trò · role", cards[1]);
        Assert.DoesNotContain("Dành cho bí thư chi bộ", cards[2]);
        Assert.DoesNotContain("Dành cho quản trị viên", cards[2]);
    }

    [SkippableFact]
    public async Task A_member_without_a_role_is_refused_plainly_and_the_refusal_is_audited()
    {
        await using var bot = await StartAgencyAsync();

        await bot.SendAsync(People.Says(bot, "binh@bhxh.example", "đơn vị thêm Chi bộ Mới"));

        Assert.Equal("Anh/chị chưa có quyền dùng lệnh này; lệnh dành cho quản trị viên. Nếu cần, vui lòng liên hệ quản trị viên.", LastText(bot));
        await using var db = bot.NewDb();
        Assert.Null(await db.Set<Unit>().FirstOrDefaultAsync(u => u.Name == "Chi bộ Mới"));
        var binh = await db.Set<Member>().SingleAsync(m => m.Upn == "binh@bhxh.example");
        var audit = await db.Set<AuditEntry>().SingleAsync(a => a.ActorId == binh.Id);
        Assert.Equal(("command.unit", AuditOutcome.Refused), (audit.Action, audit.Outcome));
    }

    [SkippableFact]
    public async Task A_secretary_sees_their_own_cell_but_not_another()
    {
        await using var bot = await StartAgencyAsync();
        await bot.SendAsync(People.Says(bot, "an@bhxh.example", "members Chi bộ Chế độ"));
        Assert.StartsWith("Anh/chị chưa có quyền dùng lệnh này; lệnh dành cho bí thư chi bộ hoặc quản trị viên.", LastText(bot));
    }

    [SkippableFact]
    public async Task The_bootstrap_admin_adds_units_and_gives_and_takes_roles()
    {
        await using var bot = await StartAgencyAsync();
        await bot.SendAsync(People.Says(bot, AdminUpn, "đơn vị thêm Phòng Thu > Chi bộ Thu 2"));
        await bot.SendAsync(People.Says(bot, AdminUpn, "vai trò cuong@bhxh.example bí thư Chi bộ Thu 2"));
        await bot.SendAsync(People.Says(bot, AdminUpn, "role cuong@bhxh.example leader"));
        await bot.SendAsync(People.Says(bot, AdminUpn, "vai trò bỏ cuong@bhxh.example lãnh đạo"));

        var texts = bot.Channel.Sent().Select(c => c.Body!["text"]?.GetValue<string>() ?? c.Body!.ToJsonString()).ToList();
        Assert.Equal("Đã thêm đơn vị «Chi bộ Thu 2».", texts[0]);
        Assert.Equal("✅ Đã gán vai trò bí thư chi bộ tại «Chi bộ Thu 2» cho Lê Văn Cường.", texts[1]);
        Assert.Equal("✅ Đã gán vai trò lãnh đạo (toàn cơ quan) cho Lê Văn Cường.", texts[2]);
        Assert.Equal("✅ Đã bỏ vai trò lãnh đạo (toàn cơ quan) của Lê Văn Cường.", texts[3]);
        await using var db = bot.NewDb();
        var cuong = await db.Set<Member>().SingleAsync(m => m.Upn == "cuong@bhxh.example");
        var role = await db.Set<RoleAssignment>().SingleAsync(r => r.MemberId == cuong.Id);
        Assert.Equal(Role.Secretary, role.Role);
        Assert.Equal(3, await db.Set<AuditEntry>().CountAsync(a => a.Action.StartsWith("role.")));
    }

    [SkippableFact]
    public async Task The_members_list_says_who_cannot_be_reached_and_why()
    {
        await using var bot = await StartAgencyAsync();
        await bot.SendAsync(People.Says(bot, "binh@bhxh.example", "xin chào"));
        await bot.SendAsync(People.Says(bot, AdminUpn, "thành viên chi bộ thu"));

        var text = LastText(bot);
        Assert.StartsWith("Chi bộ Thu: 2 người (1 đảng viên), 1 liên hệ được, 1 chưa liên hệ được.", text);
        Assert.Contains("- Nguyễn Văn An (an@bhxh.example): chưa cài StudyBot và chưa có trong nhóm Teams đã liên kết", text);
        Assert.Contains("- ✅ Trần Thị Bình (binh@bhxh.example): đã trò chuyện với StudyBot", text);
        Assert.True(text.IndexOf("Nguyễn Văn An", StringComparison.Ordinal) < text.IndexOf("Trần Thị Bình", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Someone_from_another_tenant_is_refused_and_nothing_about_them_is_stored()
    {
        await using var bot = await StartBot();
        var stranger = Activities.Message(bot.Channel.ServiceUrl, "trợ giúp", userId: "29:stranger");
        stranger["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "other-tenant" } };
        stranger["conversation"]!["tenantId"] = "other-tenant";

        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(stranger)).StatusCode);

        Assert.StartsWith("StudyBot chỉ phục vụ cán bộ, công chức, viên chức của cơ quan.", LastText(bot));
        Assert.Equal(0, await bot.StoredRowsAsync());
    }

    [SkippableFact]
    public async Task A_tenant_in_the_allowed_list_is_served()
    {
        await using var bot = await StartBot(settings: new Dictionary<string, string> { ["StudyBot:AllowedTenants:0"] = "partner-tenant" });
        var partner = Activities.Message(bot.Channel.ServiceUrl, "help");
        partner["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "partner-tenant" } };
        await bot.SendAsync(partner);
        Assert.Contains("Các lệnh của StudyBot", CardReader.Visible(bot.Channel.Sent()[0].Body!["attachments"]![0]!["content"]!));
    }

    [SkippableFact]
    public async Task Linking_a_team_to_a_unit_keeps_its_membership_in_step_with_the_roster()
    {
        await using var bot = await StartAgencyAsync();
        bot.Channel.Roster.AddRange([
            Person("29:r1", "aad-r1", "cuong@bhxh.example", "Lê Văn Cường"),
            Person("29:r2", "aad-r2", "moi@bhxh.example", "Người Mới"),
            Person("29:r3", "aad-r3", "ba@bhxh.example", "Người Thứ Ba"),
        ]);
        var link = LinkChiBoCheDo(bot);

        await bot.SendAsync(link);
        Assert.Equal("✅ Đã đồng bộ «Chi bộ Chế độ» với nhóm Teams: 3 người trong nhóm, thêm 3, bỏ 0.", LastText(bot));

        // Someone leaves the team; the next daily round notices.
        bot.Channel.Roster.RemoveAt(2);
        await using (var db = bot.NewDb())
            await db.Set<Unit>().Where(u => u.Name == "Chi bộ Chế độ")
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.RosterSyncedAt, DateTime.UtcNow.AddDays(-2)));
        Assert.Equal(1, await bot.Services.GetRequiredService<RosterSyncService>().SyncDueAsync(default));

        await using var check = bot.NewDb();
        var unit = await check.Set<Unit>().SingleAsync(u => u.Name == "Chi bộ Chế độ");
        var people = await check.Set<UnitMembership>().Where(m => m.UnitId == unit.Id)
            .Join(check.Set<Member>(), m => m.MemberId, p => p.Id, (m, p) => p.Upn + " " + m.Source).ToListAsync();
        Assert.Equal(["cuong@bhxh.example import", "cuong@bhxh.example roster", "moi@bhxh.example roster"], people.Order());
        var cuong = await check.Set<Member>().SingleAsync(m => m.Upn == "cuong@bhxh.example");
        Assert.Equal("29:r1", cuong.ChannelUserId); // now reachable without having written first
        Assert.Equal("/connector/v3/conversations/19%3Ateam%40thread.tacv2/pagedmembers?pageSize=500",
            bot.Channel.ConnectorCalls().First(c => c.Path.Contains("pagedmembers")).Path);
    }

    /// <summary>The admin's «đơn vị liên kết Chi bộ Chế độ», typed in a channel of the team being linked.</summary>
    private static JsonObject LinkChiBoCheDo(BotHost bot)
    {
        var link = People.Says(bot, AdminUpn, "<at>StudyBot</at> đơn vị liên kết Chi bộ Chế độ");
        link["conversation"] = new JsonObject { ["id"] = "19:general@thread.tacv2", ["conversationType"] = "channel", ["isGroup"] = true };
        link["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = BotHost.TenantId },
            ["team"] = new JsonObject { ["id"] = "19:team@thread.tacv2", ["name"] = "Chi bộ Chế độ" },
            ["channel"] = new JsonObject { ["id"] = "19:general@thread.tacv2" },
        };
        return link;
    }

    private static JsonObject Person(string id, string aad, string upn, string name) => new()
    {
        ["id"] = id, ["aadObjectId"] = aad, ["userPrincipalName"] = upn, ["name"] = name, ["email"] = upn,
    };

    [SkippableFact]
    public async Task An_admin_sends_the_member_file_in_chat_and_it_is_imported()
    {
        await using var bot = await StartAgencyAsync();
        bot.Channel.Files["thanh-vien.csv"] = MemberFiles.Agency(30, 3);
        var message = People.Says(bot, AdminUpn, "");
        message.Remove("text");
        message["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = FileAttachment.TeamsDownloadInfo,
            ["name"] = "thanh-vien.csv",
            ["content"] = new JsonObject { ["downloadUrl"] = bot.Channel.FileUrl("thanh-vien.csv"), ["fileType"] = "csv" },
        });

        await bot.SendAsync(message);

        Assert.StartsWith("✅ Đã nhập 30 người: 30 mới", LastText(bot));
        await using var db = bot.NewDb();
        Assert.Equal(34, await db.Set<Member>().CountAsync());
    }

    [SkippableFact]
    public async Task A_file_from_someone_who_is_not_an_admin_is_refused_and_not_downloaded()
    {
        await using var bot = await StartAgencyAsync();
        var message = People.Says(bot, "binh@bhxh.example", "");
        message.Remove("text");
        message["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "text/csv", ["contentUrl"] = bot.Channel.FileUrl("x.csv"), ["name"] = "x.csv" });

        await bot.SendAsync(message);

        Assert.StartsWith("Anh/chị chưa có quyền dùng lệnh này", LastText(bot));
        Assert.DoesNotContain(bot.Channel.Calls, c => c.Path.StartsWith("/files/"));
    }

    [SkippableFact]
    public async Task A_member_exports_their_own_data_as_a_card_with_signed_links_to_json_and_a_readable_copy()
    {
        await using var bot = await StartAgencyAsync();
        const string An = "an@bhxh.example";
        await bot.SendAsync(People.Says(bot, An, "ngôn ngữ vi"));
        await bot.SendAsync(People.Says(bot, An, "xuất dữ liệu"));

        // The chat gets a card that counts what is held, never the data itself.
        var card = People.CardsTo(bot, An)[^1];
        var shown = CardReader.Visible(card);
        Assert.StartsWith("Dữ liệu StudyBot lưu về Nguyễn Văn An", shown);
        Assert.Contains("Câu hỏi ứng xử và câu trả lời", shown);
        Assert.Contains("Nhắc việc và kể chuyện", shown);
        Assert.Contains("Vai trò", shown);
        Assert.DoesNotContain("```", shown);
        Assert.DoesNotContain("an@bhxh.example", shown);
        var links = CardReader.Actions(card).Where(a => a["type"]!.GetValue<string>() == "Action.OpenUrl")
            .ToDictionary(a => a["title"]!.GetValue<string>(), a => a["url"]!.GetValue<string>());
        using var http = new HttpClient();

        var json = JsonNode.Parse(await http.GetStringAsync(links["Tải tệp JSON"]))!;
        Assert.Equal("an@bhxh.example", json["member"]!["upn"]!.GetValue<string>());
        Assert.Equal("Chi bộ Thu", json["units"]![0]!["unit"]!.GetValue<string>());
        Assert.Equal("Secretary", json["roles"]![0]!["role"]!.GetValue<string>());
        Assert.Equal("a:an@bhxh.example", json["conversations"]![0]!["id"]!.GetValue<string>());
        // Everything that names the person: questions to the secretary with their answers, acknowledgements, story turns.
        Assert.NotNull(json["conduct"]!["questions"]);
        Assert.NotNull(json["reminders"]!["acknowledgements"]);
        Assert.NotNull(json["reminders"]!["storyTurns"]);

        var textResponse = await http.GetAsync(links["Tải bản dễ đọc (.txt)"]);
        Assert.True(textResponse.IsSuccessStatusCode, string.Join("\n", bot.Logs.Where(l => l.Contains("xception")).Take(3)));
        var text = await textResponse.Content.ReadAsStringAsync();
        Assert.Contains("== Thông tin cá nhân ==", text);
        Assert.Contains("== Câu hỏi ứng xử và câu trả lời ==", text);
        // Fields and codes read in the person's language, not as the store names them.
        Assert.Contains("Tài khoản đăng nhập (UPN): an@bhxh.example", text);
        Assert.Contains("Vai trò: bí thư chi bộ", text);
        Assert.Contains("Nguồn: nhập từ danh sách", text);
        Assert.DoesNotContain("upn:", text);
        Assert.DoesNotContain("Secretary", text);
        // Times read as everywhere else in the bot, in the agency's zone, not as stored UTC.
        Assert.Matches(@"\d{2}/\d{2}/\d{4}", text);
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", text);

        // A link changed by hand, or someone else's data by name, is refused.
        var tampered = await http.GetAsync(links["Tải tệp JSON"].Replace("sig=", "sig=x"));
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        await bot.SendAsync(People.Says(bot, An, "xuất dữ liệu binh@bhxh.example"));
        Assert.StartsWith("Anh/chị chưa có quyền dùng lệnh này", LastText(bot));
        // In a channel the links would reach everyone there: only a personal chat gets them.
        var inChannel = People.Says(bot, An, "<at>StudyBot</at> xuất dữ liệu");
        inChannel["conversation"] = new JsonObject { ["id"] = "19:general@thread.tacv2", ["conversationType"] = "channel", ["isGroup"] = true };
        await bot.SendAsync(inChannel);
        var channelReply = bot.Channel.Delivered.Last(d => d.ConversationId == "19:general@thread.tacv2").Body!;
        Assert.StartsWith("Dữ liệu cá nhân chỉ được gửi trong cuộc trò chuyện riêng.", channelReply["text"]!.GetValue<string>());
        await using var db = bot.NewDb();
        Assert.Equal(1, await db.Set<AuditEntry>().CountAsync(a => a.Action == "member.export" && a.Detail == "own"));
    }

    [SkippableFact]
    public async Task An_admin_exports_anyones_data_by_name()
    {
        await using var bot = await StartAgencyAsync();
        await bot.SendAsync(People.Says(bot, AdminUpn, "xuất dữ liệu an@bhxh.example"));
        var card = People.CardsTo(bot, AdminUpn)[^1];
        Assert.StartsWith("Dữ liệu StudyBot lưu về Nguyễn Văn An", CardReader.Visible(card));
        var url = CardReader.Actions(card).First(a => a["type"]!.GetValue<string>() == "Action.OpenUrl" && a["url"]!.GetValue<string>().Contains(".json"))["url"]!.GetValue<string>();
        using var http = new HttpClient();
        Assert.Equal("an@bhxh.example", JsonNode.Parse(await http.GetStringAsync(url))!["member"]!["upn"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Erase_asks_on_a_card_then_anonymises_keeps_counts_and_audits()
    {
        await using var bot = await StartAgencyAsync();
        await bot.SendAsync(People.Says(bot, "an@bhxh.example", "help"));
        await bot.SendAsync(People.Says(bot, AdminUpn, "xóa dữ liệu an@bhxh.example"));
        var card = bot.Channel.Sent()[^1].Body!["attachments"]![0]!["content"]!;
        Assert.Contains("Xóa dữ liệu của Nguyễn Văn An (an@bhxh.example)?", CardReader.Visible(card));
        var erase = CardReader.Actions(card).First();
        var click = Activities.Invoke(bot.Channel.ServiceUrl, erase["verb"]!.GetValue<string>(), erase["data"]!.DeepClone().AsObject());
        click["from"] = People.Says(bot, AdminUpn, "")["from"]!.DeepClone();
        click["conversation"] = new JsonObject { ["id"] = "a:" + AdminUpn, ["conversationType"] = "personal" };

        var response = JsonNode.Parse(await (await bot.SendAsync(click)).Content.ReadAsStringAsync())!;

        Assert.Contains("Đã xóa dữ liệu cá nhân của người này.", CardReader.Visible(response["value"]!));
        await using var db = bot.NewDb();
        var erased = await db.Set<Member>().SingleAsync(m => m.ErasedAt != null);
        Assert.Equal((Member.ErasedName, null, null, null), (erased.Name, erased.Upn, erased.AadObjectId, erased.ChannelUserId));
        Assert.Null(await db.Set<ConversationRecord>().FirstOrDefaultAsync(c => c.Id == "a:an@bhxh.example"));
        Assert.Empty(await db.Set<RoleAssignment>().Where(r => r.MemberId == erased.Id).ToListAsync());
        Assert.Equal(2, await db.Set<UnitMembership>().CountAsync(m => m.UnitId == db.Set<Unit>().Single(u => u.Name == "Chi bộ Thu").Id));
        Assert.Equal(1, await db.Set<AuditEntry>().CountAsync(a => a.Action == "member.erase" && a.Target == erased.Id.ToString()));
    }

    [SkippableFact]
    public async Task Erasure_removes_what_names_the_person_and_a_later_roster_sync_does_not_add_them_back_unsaid()
    {
        await using var bot = await StartAgencyAsync();
        Guid cuong, binh;
        await using (var db = bot.NewDb())
        {
            cuong = (await db.Set<Member>().SingleAsync(m => m.Upn == "cuong@bhxh.example")).Id;
            binh = (await db.Set<Member>().SingleAsync(m => m.Upn == "binh@bhxh.example")).Id;
            // A question Cường asked, a question Bình asked that names him, a nomination of him and one by Bình that names him.
            db.Add(new StudyBot.Conduct.Escalation { Id = Guid.NewGuid(), Number = 1, AskerId = cuong, Question = "Tôi là Cường, nhà tôi ở phường 3, hỏi về nghỉ phép", CreatedAt = DateTime.UtcNow, EntryId = "hd-0001" });
            db.Add(new StudyBot.Conduct.ConductEntry { Id = "hd-0001", Questions = """["Tôi là Cường, nhà tôi ở phường 3, hỏi về nghỉ phép"]""", Answer = "Theo quy định của đơn vị.",
                Citation = "Bí thư trả lời", Status = StudyBot.Conduct.ConductStatus.Pending, Origin = "escalation", UpdatedAt = DateTime.UtcNow });
            db.Add(new StudyBot.Conduct.Escalation { Id = Guid.NewGuid(), Number = 2, AskerId = binh, Question = "Đồng chí Lê Văn Cường hay đến muộn thì báo ai?", CreatedAt = DateTime.UtcNow });
            db.Add(new StudyBot.Nominations.Nomination { Id = Guid.NewGuid(), Year = 2026, Sequence = 1, NominatorId = binh, NomineeId = cuong,
                Deed = "Anh Cường giúp bà cụ ở quầy", DeedDate = "2026-11-20", Category = "citizens", CreatedAt = DateTime.UtcNow });
            db.Add(new StudyBot.Nominations.Nomination { Id = Guid.NewGuid(), Year = 2026, Sequence = 2, NominatorId = binh, NomineeId = binh,
                Deed = "Cùng lê văn cường trực tiếp dân ngày thứ Bảy", DeedDate = "2026-11-21", Category = "citizens", CreatedAt = DateTime.UtcNow });
            // A cell's plan item and a reminder that name him.
            var cell = (await db.Set<Unit>().SingleAsync(u => u.Name == "Chi bộ Chế độ")).Id;
            db.Add(new StudyBot.Themes.PlanItem { Id = Guid.NewGuid(), UnitId = cell, Year = 2026, Month = 12, Text = "Đồng chí Lê Văn Cường báo cáo chuyên đề", CreatedAt = DateTime.UtcNow });
            db.Add(new StudyBot.Reminders.Reminder { Id = Guid.NewGuid(), UnitId = cell, Text = "Họp chi bộ, đồng chí Lê Văn Cường chuẩn bị", FirstLocal = DateTime.UtcNow.AddDays(9), Cancelled = true, CreatedAt = DateTime.UtcNow });
            // Cards still waiting in the outbox: one to Bình that names him, one to him.
            var card = new StudyBot.Cards.AdaptiveCard().Add(StudyBot.Cards.Element.Text("Đề cử: Lê Văn Cường giúp bà cụ ở quầy"));
            StudyBot.Delivery.Outbox.SendTo(db, binh, StudyBot.Cards.CardMessages.Message(card), DateTime.UtcNow, dueAt: DateTime.UtcNow.AddHours(2));
            StudyBot.Delivery.Outbox.SendTo(db, cuong, StudyBot.Cards.CardMessages.Message(card), DateTime.UtcNow, dueAt: DateTime.UtcNow.AddHours(2));
            await db.SaveChangesAsync();
        }
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
            await scope.ServiceProvider.GetRequiredService<PersonalData>().EraseAsync(db, await db.Set<Member>().SingleAsync(m => m.Id == cuong), null, DateTime.UtcNow, default);
        }

        await using (var db = bot.NewDb())
        {
            var questions = await db.Set<StudyBot.Conduct.Escalation>().OrderBy(e => e.Number).Select(e => e.Question).ToListAsync();
            Assert.Equal(ErasedText.Removed, questions[0]);
            Assert.DoesNotContain("phường 3", (await db.Set<StudyBot.Conduct.ConductEntry>().SingleAsync(x => x.Id == "hd-0001")).Questions);
            Assert.Equal("Đồng chí [người đã xóa dữ liệu] hay đến muộn thì báo ai?", questions[1]);
            var deeds = await db.Set<StudyBot.Nominations.Nomination>().OrderBy(n => n.Sequence).Select(n => n.Deed).ToListAsync();
            Assert.Equal(ErasedText.Removed, deeds[0]);
            Assert.Equal("Cùng [người đã xóa dữ liệu] trực tiếp dân ngày thứ Bảy", deeds[1]);
            Assert.DoesNotContain("cuong@bhxh.example", (await db.Set<Member>().SingleAsync(m => m.Id == cuong)).ErasedKeys);
            Assert.Equal("Đồng chí [người đã xóa dữ liệu] báo cáo chuyên đề", (await db.Set<StudyBot.Themes.PlanItem>().SingleAsync()).Text);
            Assert.Equal("Họp chi bộ, đồng chí [người đã xóa dữ liệu] chuẩn bị", (await db.Set<StudyBot.Reminders.Reminder>().SingleAsync()).Text);
            var toBinh = await db.Set<StudyBot.Delivery.OutboxMessage>().SingleAsync(m => m.MemberId == binh);
            Assert.Contains("Đề cử: [người đã xóa dữ liệu] giúp bà cụ ở quầy", toBinh.Content);
            Assert.DoesNotContain("Cường", toBinh.Content);
            var toHim = await db.Set<StudyBot.Delivery.OutboxMessage>().SingleAsync(m => m.MemberId == cuong);
            Assert.Equal((StudyBot.Delivery.OutboxStatus.Unreachable, null), (toHim.Status, toHim.Content));
        }

        // The team still lists him: the sync leaves him out and says so, instead of "thêm 1, bỏ 1".
        bot.Channel.Roster.AddRange([Person("29:r1", "aad-r1", "cuong@bhxh.example", "Lê Văn Cường"), Person("29:r2", "aad-r2", "moi@bhxh.example", "Người Mới")]);
        var link = LinkChiBoCheDo(bot);
        await bot.SendAsync(link);
        Assert.Equal("✅ Đã đồng bộ «Chi bộ Chế độ» với nhóm Teams: 2 người trong nhóm, thêm 1, bỏ 0. 1 người trong nhóm đã được xóa dữ liệu theo yêu cầu nên không được thêm lại; nếu họ tự nhắn StudyBot, họ sẽ được ghi nhận như người mới.",
            LastText(bot));
        await using var check = bot.NewDb();
        Assert.False(await check.Set<Member>().AnyAsync(m => m.Upn == "cuong@bhxh.example"));
    }

    [SkippableFact]
    public async Task A_scheduled_sync_that_leaves_an_erased_person_out_tells_the_admins_once()
    {
        await using var bot = await StartAgencyAsync();
        await bot.SendAsync(People.Says(bot, AdminUpn, "xin chào"));
        bot.Channel.Roster.Add(Person("29:r2", "aad-r2", "moi@bhxh.example", "Người Mới"));
        await bot.SendAsync(LinkChiBoCheDo(bot));
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
            var cuong = await db.Set<Member>().SingleAsync(m => m.Upn == "cuong@bhxh.example");
            await scope.ServiceProvider.GetRequiredService<PersonalData>().EraseAsync(db, cuong, null, DateTime.UtcNow, default);
        }
        // After the erasure, Cường is still in the team; nobody is watching when the daily round runs.
        bot.Channel.Roster.Add(Person("29:r1", "aad-r1", "cuong@bhxh.example", "Lê Văn Cường"));
        async Task SyncLaterAsync()
        {
            await using (var db = bot.NewDb())
                await db.Set<Unit>().Where(u => u.Name == "Chi bộ Chế độ")
                    .ExecuteUpdateAsync(x => x.SetProperty(u => u.RosterSyncedAt, DateTime.UtcNow.AddDays(-2)));
            Assert.Equal(1, await bot.Services.GetRequiredService<RosterSyncService>().SyncDueAsync(default));
        }
        static bool IsNotice(JsonNode card) => CardReader.Visible(card).StartsWith("Đồng bộ nhóm Teams");

        await SyncLaterAsync();
        for (var i = 0; i < 100 && !People.CardsTo(bot, AdminUpn).Any(IsNotice); i++) await Task.Delay(100);
        await SyncLaterAsync();
        await Task.Delay(1500); // time for a second notice to arrive, if one were (wrongly) queued

        var notice = CardReader.Visible(Assert.Single(People.CardsTo(bot, AdminUpn), IsNotice));
        Assert.Contains("Lần đồng bộ tự động «Chi bộ Chế độ» với nhóm Teams gặp 1 người đã được xóa dữ liệu theo yêu cầu, nên không thêm lại họ.", notice);
        Assert.DoesNotContain("Cường", notice);
        await using var check = bot.NewDb();
        Assert.False(await check.Set<Member>().AnyAsync(m => m.Upn == "cuong@bhxh.example"));
        Assert.Equal(1, await check.Set<AuditEntry>().CountAsync(a => a.Action == RosterSync.LeftOutAction));
    }

    [SkippableFact]
    public async Task A_forged_erase_click_from_a_non_admin_is_refused_whatever_the_card_says()
    {
        await using var bot = await StartAgencyAsync();
        await using (var db = bot.NewDb())
        {
            var an = await db.Set<Member>().SingleAsync(m => m.Upn == "an@bhxh.example");
            var click = Activities.Invoke(bot.Channel.ServiceUrl, "member.erase", new JsonObject { ["memberId"] = an.Id.ToString(), ["isAdmin"] = true });
            click["from"] = People.Says(bot, "binh@bhxh.example", "")["from"]!.DeepClone();

            var response = JsonNode.Parse(await (await bot.SendAsync(click)).Content.ReadAsStringAsync())!;

            Assert.StartsWith("Anh/chị chưa có quyền dùng lệnh này", response["value"]!.GetValue<string>());
        }
        await using var check = bot.NewDb();
        Assert.Equal(0, await check.Set<Member>().CountAsync(m => m.ErasedAt != null));
        Assert.Equal(1, await check.Set<AuditEntry>().CountAsync(a => a.Action == "verb.member.erase" && a.Outcome == AuditOutcome.Refused));
    }
}
