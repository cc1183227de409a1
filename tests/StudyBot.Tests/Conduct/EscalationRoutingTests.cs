using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Agency;
using StudyBot.Conduct;
using StudyBot.Members.Import;
using StudyBot.Resources;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;
using StudyBot.Tests.Members;
using StudyBot.Tests.Quiz;

namespace StudyBot.Tests.Conduct;

public sealed class EscalationRoutingTestsOnSqlite() : EscalationRoutingTests(StorageProvider.Sqlite);

public sealed class EscalationRoutingTestsOnPostgres() : EscalationRoutingTests(StorageProvider.Postgres);

/// <summary>
/// «Hỏi bí thư» when the cell has no secretary: the unit above, the channel, the admins, and nobody at all (the question
/// waits for the first who appears); and `hỏi chờ`, the list a secretary answers from.
/// </summary>
public abstract class EscalationRoutingTests(StorageProvider provider) : QuizSuite(provider)
{
    private const string Asker = "hoa@bhxh.example";
    private const string Admin = "quantri@bhxh.example";
    private const string Question = "wifi co quan mat khau la gi";

    /// <summary>"Tổ Một" has no secretary; Chi bộ Thu, with Bí Thư Thu, is above it only when <paramref name="parent"/>.</summary>
    private async Task<BotHost> StartWithTeamAsync(bool parent, Dictionary<string, string>? settings = null, bool admin = true)
    {
        settings ??= [];
        if (admin) settings["StudyBot:Admins:0"] = Admin;
        var bot = await StartAsync("2026-11-24T09:00", settings: settings);
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var (_, errors) = await scope.ServiceProvider.GetRequiredService<MemberImport>().RunAsync(new StringReader($"""
                {MemberFiles.Header}
                {Secretary},Bí Thư Thu,,,Chi bộ Thu,có,bí thư@Chi bộ Thu
                {Asker},Phạm Thị Hoa,,,Tổ Một,có,
                """), Texts.Vietnamese, null, default);
            Assert.Empty(errors);
        }
        if (parent)
        {
            await using var db = bot.NewDb();
            var units = await db.Set<Unit>().ToListAsync();
            units.Single(u => u.Name == "Tổ Một").ParentId = units.Single(u => u.Name == "Chi bộ Thu").Id;
            await db.SaveChangesAsync();
        }
        foreach (var upn in new[] { Secretary, Asker }) await bot.SendAsync(From(bot, upn, "xin chào"));
        return bot;
    }

    private static async Task<string> AskSecretaryAsync(BotHost bot, string question = Question)
    {
        await bot.SendAsync(From(bot, Asker, question));
        var escalated = await ClickAsync(bot, Asker, ConductCards.EscalateVerb, ButtonData(LastCardTo(bot, Asker), ConductCards.EscalateVerb));
        return CardReader.Visible(escalated["value"]!);
    }

    [SkippableFact]
    public async Task With_no_secretary_in_the_cell_the_secretary_above_receives_it_and_the_card_names_the_askers_unit()
    {
        await using var bot = await StartWithTeamAsync(parent: true);
        Assert.Contains("✅ Đã chuyển câu hỏi tới Bí Thư Thu, bí thư Chi bộ Thu (đơn vị cấp trên, vì Tổ Một chưa có bí thư)", await AskSecretaryAsync(bot));

        await WaitForAsync(() => CardsTo(bot, Secretary, "Câu hỏi HĐ-1").Count == 1);
        var card = CardsTo(bot, Secretary, "Câu hỏi HĐ-1")[0];
        Assert.Contains("Đơn vị: Tổ Một", CardReader.Visible(card).Replace("\n", ": "));
        var answer = ButtonData(card, ConductCards.AnswerVerb);
        answer["answer"] = "Mật khẩu wifi do bộ phận hành chính cấp.";
        await ClickAsync(bot, Secretary, ConductCards.AnswerVerb, answer);
        await WaitForAsync(() => CardsTo(bot, Asker, "Trả lời câu hỏi HĐ-1").Count == 1);
        Assert.Contains("bộ phận hành chính", CardReader.Visible(CardsTo(bot, Asker, "Trả lời câu hỏi HĐ-1")[0]));
    }

    [SkippableFact]
    public async Task With_no_secretary_above_the_question_goes_to_the_channel_and_an_admin_answers_there()
    {
        const string channel = "19:hoidap@thread.tacv2";
        await using var bot = await StartWithTeamAsync(parent: false, new() { ["Conduct:EscalationConversation"] = channel });
        await bot.SendAsync(From(bot, Admin, "xin chào"));
        Assert.Contains("kênh hỏi đáp của cơ quan (chưa có bí thư nào phụ trách đơn vị của anh/chị)", await AskSecretaryAsync(bot));

        await WaitForAsync(() => bot.Channel.Delivered.Any(d => d.ConversationId == channel));
        var card = bot.Channel.Delivered.Single(d => d.ConversationId == channel).Body!["attachments"]![0]!["content"]!;
        Assert.Empty(CardsTo(bot, Secretary, "Câu hỏi HĐ-1"));
        var answer = ButtonData(card, ConductCards.AnswerVerb);
        answer["answer"] = "Hỏi bộ phận hành chính.";
        // Another cell's secretary may not answer it; an admin may.
        Assert.StartsWith("Anh/chị chưa có quyền", Shown(await ClickAsync(bot, Secretary, ConductCards.AnswerVerb, answer)));
        await ClickAsync(bot, Admin, ConductCards.AnswerVerb, answer);
        await WaitForAsync(() => bot.Channel.Sent().Any(c => c.Method == "PUT" && c.Path.Contains(Uri.EscapeDataString(channel))));
        Assert.Contains("Hỏi bộ phận hành chính", CardReader.Visible(CardsTo(bot, Asker, "Trả lời câu hỏi HĐ-1")[0]));
    }

    [SkippableFact]
    public async Task With_only_a_configured_admin_the_admin_receives_it_and_the_member_is_told_who()
    {
        await using var bot = await StartWithTeamAsync(parent: false);
        await bot.SendAsync(From(bot, Admin, "xin chào"));
        Assert.Contains($"✅ Đã chuyển câu hỏi tới quản trị viên {Admin}", await AskSecretaryAsync(bot));
        await WaitForAsync(() => CardsTo(bot, Admin, "Câu hỏi HĐ-1").Count == 1);
        Assert.Contains("Tổ Một", CardReader.Visible(CardsTo(bot, Admin, "Câu hỏi HĐ-1")[0]));
        Assert.Empty(CardsTo(bot, Secretary, "Câu hỏi HĐ-1"));
    }

    [SkippableFact]
    public async Task With_nobody_to_receive_it_the_member_is_told_so_and_the_first_secretary_named_gets_it()
    {
        // The configured admin has never written to the bot, so there is nobody the bot can reach.
        await using var bot = await StartWithTeamAsync(parent: false);
        var told = await AskSecretaryAsync(bot);
        Assert.Contains("Câu hỏi HĐ-1 chưa đến được ai", told);
        Assert.DoesNotContain("✅", told);
        await using (var db = bot.NewDb())
        {
            var e = await db.Set<Escalation>().SingleAsync();
            Assert.Equal((EscalationStatus.Open, EscalationRoutes.Nobody, "[]"), (e.Status, e.RoutedTo, e.Cards));
        }
        await bot.SendAsync(From(bot, Asker, "hỏi của tôi"));
        Assert.Contains("HĐ-1: wifi co quan mat khau la gi (đang chờ trả lời)", LastTextTo(bot, Asker));

        // Still nobody ten minutes on: nothing is sent, and it keeps waiting.
        Clock.JumpTo(Hanoi("2026-11-24T09:11"));
        await WaitForAsync(() => { using var db = bot.NewDb(); return db.Set<StudyBot.Scheduling.Job>().Count(j => j.Kind == EscalationJobs.RouteKind) == 2; });
        Assert.Empty(CardsTo(bot, Secretary, "Câu hỏi HĐ-1"));

        // A secretary is named for the asker's team: the question reaches them, and the asker hears who has it.
        await using (var db = bot.NewDb())
        {
            var team = await db.Set<Unit>().SingleAsync(u => u.Name == "Tổ Một");
            var secretary = await db.Set<Member>().SingleAsync(m => m.Upn == Secretary.ToUpperInvariant() || m.Upn == Secretary);
            db.Add(new RoleAssignment { Id = Guid.NewGuid(), MemberId = secretary.Id, Role = Role.Secretary, UnitId = team.Id, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        Clock.JumpTo(Hanoi("2026-11-24T09:22"));
        await WaitForAsync(() => CardsTo(bot, Secretary, "Câu hỏi HĐ-1").Count == 1 && CardsTo(bot, Asker, "đã được chuyển tới").Count == 1);
        Assert.Contains("✅ Câu hỏi HĐ-1 đã được chuyển tới Bí Thư Thu, bí thư Tổ Một", CardReader.Visible(CardsTo(bot, Asker, "đã được chuyển tới")[0]));
        await using var check = bot.NewDb();
        Assert.Equal(EscalationRoutes.Secretary, (await check.Set<Escalation>().SingleAsync()).RoutedTo);
    }

    [SkippableFact]
    public async Task A_secretary_lists_waiting_questions_oldest_first_and_answers_one_from_the_list()
    {
        await using var bot = await StartWithTeamAsync(parent: true);
        await AskSecretaryAsync(bot);
        Clock.JumpTo(Hanoi("2026-11-26T10:00"));
        await AskSecretaryAsync(bot, "may in tang 2 hong thi bao ai");

        await bot.SendAsync(From(bot, Secretary, "hỏi chờ"));
        var list = LastCardTo(bot, Secretary);
        var shown = CardReader.Visible(list);
        Assert.Contains("Câu hỏi đang chờ trả lời: 2", shown);
        Assert.Contains("HĐ-1 · đã chờ 2 ngày · Tổ Một · Phạm Thị Hoa", shown);
        Assert.True(shown.IndexOf("HĐ-1 ·", StringComparison.Ordinal) < shown.IndexOf("HĐ-2 ·", StringComparison.Ordinal), shown);
        Assert.Contains("HĐ-2 · đã chờ 1 phút", shown);

        var data = ButtonData(list, ConductCards.AnswerVerb);
        data["answer-1"] = "Hỏi bộ phận hành chính.";
        var refreshed = await ClickAsync(bot, Secretary, ConductCards.AnswerVerb, data);
        var after = CardReader.Visible(refreshed["value"]!);
        Assert.Contains("✅ Đã gửi câu trả lời HĐ-1 tới Phạm Thị Hoa.", after);
        Assert.Contains("Câu hỏi đang chờ trả lời: 1", after);
        Assert.DoesNotContain("HĐ-1 ·", after);
        await WaitForAsync(() => CardsTo(bot, Asker, "Trả lời câu hỏi HĐ-1").Count == 1 && bot.Channel.Sent().Any(c => c.Method == "PUT"));
        Assert.Contains("Hỏi bộ phận hành chính.", CardReader.Visible(CardsTo(bot, Asker, "Trả lời câu hỏi HĐ-1")[0]));

        // A member who is neither secretary nor admin has no such list.
        await bot.SendAsync(From(bot, Asker, "hỏi chờ"));
        Assert.StartsWith("Anh/chị chưa có quyền", LastTextTo(bot, Asker));
    }
}
