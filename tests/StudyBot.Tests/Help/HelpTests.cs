using Microsoft.Extensions.DependencyInjection;
using StudyBot.Members.Import;
using StudyBot.Resources;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;
using StudyBot.Tests.Members;

namespace StudyBot.Tests.Help;

public sealed class HelpTestsOnSqlite() : HelpTests(StorageProvider.Sqlite);

public sealed class HelpTestsOnPostgres() : HelpTests(StorageProvider.Postgres);

/// <summary>
/// The help card each person gets through the real bot, held against what the bot then lets them do: every command on
/// their card works for them, and every command left off it is refused.
/// </summary>
public abstract class HelpTests(StorageProvider provider) : ProviderSuite(provider)
{
    protected const string Plain = "binh@bhxh.example";
    protected const string Secretary = "an@bhxh.example";
    protected const string Admin = "quantri@bhxh.example";
    private const string Refused = "Anh/chị chưa có quyền dùng lệnh này";

    protected const string Leader = "giamdoc@bhxh.example";

    /// <summary>What the card shows for each command, and what a person types to use it.</summary>
    private static readonly (string Shown, string Typed)[] MemberCommands =
    [
        ("chủ đề · theme", "chủ đề"), ("kiểm tra · quiz", "kiểm tra"), ("kiểm tra lịch sử · quiz history", "kiểm tra lịch sử"),
        ("hỏi ‹câu hỏi› · ask ‹question›", "hỏi"), ("đề cử · nominate", "đề cử"), ("nhắc · remind", "nhắc"),
        ("xuất dữ liệu · export", "xuất dữ liệu"), ("ngôn ngữ · language", "ngôn ngữ vi"), ("hủy · cancel", "hủy"), ("trợ giúp · help", "trợ giúp"),
    ];

    private static readonly (string Shown, string Typed)[] SecretaryCommands =
    [
        ("đơn vị · unit", "đơn vị"), ("thành viên ‹đơn vị› · members ‹unit›", "thành viên Chi bộ Thu"), ("kiểm tra đợt · quiz rounds", "kiểm tra đợt"),
        ("hỏi chờ · ask waiting", "hỏi chờ"), ("chủ đề kế hoạch · theme plan", "chủ đề kế hoạch"),
    ];

    /// <summary>The secretary's commands a member is refused («kiểm tra đợt» shows a member the rounds open to them).</summary>
    private static (string Shown, string Typed)[] SecretaryOnly => [.. SecretaryCommands.Where(c => c.Typed != "kiểm tra đợt")];

    private static readonly (string Shown, string Typed)[] LeaderCommands = [("đề cử chờ duyệt · nominate pending", "đề cử chờ duyệt")];

    private static readonly (string Shown, string Typed)[] AdminCommands =
    [
        ("đơn vị thêm · liên kết · đồng bộ ‹tên› · unit add · link · sync ‹name›", "đơn vị thêm Chi bộ Mới"), ("vai trò · role", "vai trò"),
        ("chủ đề đặt · theme set", "chủ đề đặt"),
        ("chủ đề báo cáo · theme report", "chủ đề báo cáo"), ("xuất dữ liệu · xóa dữ liệu ‹email› · export · erase ‹email›", $"xuất dữ liệu {Plain}"),
        ("đề cử xuất · nominate export", "đề cử xuất"), ("hỏi duyệt · ask review", "hỏi duyệt"),
    ];

    protected async Task<BotHost> StartCellAsync()
    {
        var bot = await StartBot();
        await using var scope = bot.Services.CreateAsyncScope();
        var (_, errors) = await scope.ServiceProvider.GetRequiredService<MemberImport>().RunAsync(new StringReader($"""
            {MemberFiles.Header}
            {Secretary},Nguyễn Văn An,,,Phòng Thu > Chi bộ Thu,có,bí thư@Chi bộ Thu
            {Plain},Trần Thị Bình,,,Chi bộ Thu,có,
            {Admin},Quản Trị Viên,,,Văn phòng,có,quản trị
            {Leader},Nguyễn Giám Đốc,,,Ban Giám đốc,có,lãnh đạo
            """), Texts.Vietnamese, null, default);
        Assert.Empty(errors);
        return bot;
    }

    /// <summary>Sends a message and returns what reached the person's chat in answer: texts, and cards as they read.</summary>
    protected static async Task<List<string>> SayAsync(BotHost bot, string upn, string text)
    {
        var before = Replies(bot, upn).Count;
        await bot.SendAsync(People.Says(bot, upn, text));
        return Replies(bot, upn).Skip(before).ToList();
    }

    private static List<string> Replies(BotHost bot, string upn) =>
        bot.Channel.Delivered.Where(d => d.ConversationId == "a:" + upn && d.Body is not null)
            .Select(d => d.Body!["text"]?.GetValue<string>() ?? CardReader.Visible(d.Body!["attachments"]![0]!["content"]!)).ToList();

    private static readonly string[] RoleHeadings = ["Dành cho bí thư chi bộ", "Dành cho lãnh đạo", "Dành cho quản trị viên"];

    private static async Task AssertCardMatchesAccessAsync(BotHost bot, string upn,
        (string Shown, string Typed)[] allowed, (string Shown, string Typed)[] withheld, params string[] headings)
    {
        var card = Assert.Single(await SayAsync(bot, upn, "trợ giúp"));
        Assert.StartsWith("Các lệnh của StudyBot", card);
        Assert.Contains("Dành cho mọi người", card);
        foreach (var (shown, _) in allowed) Assert.Contains(shown, card);
        foreach (var (shown, _) in withheld) Assert.DoesNotContain(shown, card);
        foreach (var heading in RoleHeadings) Assert.Equal(headings.Contains(heading), card.Contains(heading));

        foreach (var (_, typed) in allowed)
        {
            var replies = await SayAsync(bot, upn, typed);
            Assert.NotEmpty(replies);
            Assert.All(replies, r => Assert.DoesNotContain(Refused, r));
        }
        foreach (var (_, typed) in withheld)
            Assert.StartsWith(Refused, Assert.Single(await SayAsync(bot, upn, typed)));
    }

    [SkippableFact]
    public async Task A_member_without_a_role_is_shown_every_member_command_and_no_command_they_may_not_use()
    {
        await using var bot = await StartCellAsync();
        await AssertCardMatchesAccessAsync(bot, Plain, MemberCommands, [.. SecretaryOnly, .. LeaderCommands, .. AdminCommands]);
        // A member may type «kiểm tra đợt» to see the rounds open to them, but scheduling rounds is not theirs to be shown.
        Assert.DoesNotContain(SecretaryCommands[1].Shown, (await SayAsync(bot, Plain, "help"))[0]);
    }

    [SkippableFact]
    public async Task A_secretary_is_shown_the_commands_for_their_cell_and_none_of_the_admins()
    {
        await using var bot = await StartCellAsync();
        await AssertCardMatchesAccessAsync(bot, Secretary, [.. MemberCommands, .. SecretaryCommands], [.. LeaderCommands, .. AdminCommands],
            "Dành cho bí thư chi bộ");
    }

    [SkippableFact]
    public async Task A_leader_is_shown_the_nominations_waiting_for_them_and_none_of_the_secretaries_or_admins()
    {
        await using var bot = await StartCellAsync();
        await AssertCardMatchesAccessAsync(bot, Leader, [.. MemberCommands, .. LeaderCommands], [.. SecretaryOnly, .. AdminCommands],
            "Dành cho lãnh đạo");
    }

    [SkippableFact]
    public async Task An_admin_is_shown_every_command_under_each_roles_heading()
    {
        await using var bot = await StartCellAsync();
        await AssertCardMatchesAccessAsync(bot, Admin, [.. MemberCommands, .. SecretaryCommands, .. LeaderCommands, .. AdminCommands], [],
            [.. RoleHeadings]);
    }

    [SkippableFact]
    public async Task After_switching_to_english_every_reply_is_in_english_for_that_member_and_stays_so_after_a_restart()
    {
        var first = (await StartCellAsync()).Sharing();
        await using var database = first.Database;
        try
        {
            Assert.Equal(["Switched to English."], await SayAsync(first, Plain, "ngôn ngữ en"));
            var help = Assert.Single(await SayAsync(first, Plain, "trợ giúp"));
            Assert.StartsWith("StudyBot commands", help);
            Assert.Contains("Show this list", help);
            Assert.DoesNotContain("Xem danh sách lệnh này", help);
            Assert.StartsWith("Type \"ask\" and your question", Assert.Single(await SayAsync(first, Plain, "hỏi")));
            // The choice is the member's own: a colleague is still answered in Vietnamese.
            Assert.StartsWith("Các lệnh của StudyBot", Assert.Single(await SayAsync(first, Secretary, "trợ giúp")));
        }
        finally
        {
            await first.DisposeAsync();
            await first.Channel.DisposeAsync();
        }

        await using var second = await BotHost.StartAsync(provider: Provider, sharedDatabase: database);
        Assert.StartsWith("StudyBot commands", Assert.Single(await SayAsync(second, Plain, "help")));
        Assert.Equal(["Đã chuyển sang tiếng Việt."], await SayAsync(second, Plain, "language vi"));
        Assert.StartsWith("Các lệnh của StudyBot", Assert.Single(await SayAsync(second, Plain, "help")));
    }

    [SkippableFact]
    public async Task The_language_question_keeps_asking_until_it_gets_a_language_it_knows()
    {
        await using var bot = await StartCellAsync();

        Assert.Equal(["Chọn ngôn ngữ: gõ «vi» cho tiếng Việt hoặc «en» cho tiếng Anh."], await SayAsync(bot, Plain, "ngôn ngữ"));
        Assert.Equal(["StudyBot chưa hỗ trợ ngôn ngữ «tiếng Pháp». Vui lòng gõ «vi» hoặc «en»."], await SayAsync(bot, Plain, "tiếng Pháp"));
        Assert.Equal(["Switched to English."], await SayAsync(bot, Plain, "Tiếng Anh"));
        // The answer ended the question: nothing is left to cancel.
        Assert.Equal(["There is nothing to cancel."], await SayAsync(bot, Plain, "hủy"));
    }
}
