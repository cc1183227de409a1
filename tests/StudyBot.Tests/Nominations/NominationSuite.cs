using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Members.Import;
using StudyBot.Resources;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;
using StudyBot.Tests.Members;
using StudyBot.Tests.Quiz;

namespace StudyBot.Tests.Nominations;

/// <summary>An agency with a director and a deputy (leaders), a cell with its secretary, and two members.</summary>
public abstract class NominationSuite(StorageProvider provider) : QuizSuite(provider)
{
    protected const string Director = "giamdoc@bhxh.example";
    protected const string Deputy = "phogiamdoc@bhxh.example";
    protected const string An = "an@bhxh.example";
    protected const string Cuong = "cuong@bhxh.example";
    protected const string Deed = "Giải quyết kịp thời hồ sơ hưu trí có nhiều vướng mắc, bảo đảm quyền lợi cho người lao động";

    protected static readonly string[] Everyone = [Director, Deputy, Secretary, An, Cuong];

    protected static async Task ImportAgencyAsync(BotHost bot)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var (_, errors) = await scope.ServiceProvider.GetRequiredService<MemberImport>().RunAsync(new StringReader($"""
            {MemberFiles.Header}
            {Director},Nguyễn Giám Đốc,,,Ban Giám đốc,có,lãnh đạo
            {Deputy},Trần Phó Giám Đốc,,,Ban Giám đốc,có,lãnh đạo
            {Secretary},Bí Thư Thu,,,Chi bộ Thu,có,bí thư@Chi bộ Thu
            {An},Nguyễn Văn An,,,Chi bộ Thu,có,
            {Cuong},Lê Văn Cường,,,Chi bộ Thu,có,
            """), Texts.Vietnamese, null, default);
        Assert.Empty(errors);
        foreach (var upn in Everyone) await bot.SendAsync(From(bot, upn, "xin chào"));
    }

    protected static JsonObject Form(string nominee = An, string deed = Deed, string date = "2026-11-20", string category = "files") => new()
    {
        ["nomineeText"] = nominee, ["deed"] = deed, ["date"] = date, ["category"] = category, ["note"] = "Người lao động gửi thư cảm ơn",
    };

    protected static JsonObject Decision(Guid nominationId, string? reason = null)
    {
        var data = new JsonObject { ["nominationId"] = nominationId.ToString() };
        if (reason is not null) data["reason"] = reason;
        return data;
    }

    protected static JsonNode NominationCardTo(BotHost bot, string upn) => CardsTo(bot, upn, "Đề cử người tốt, việc tốt · ĐC-")[0];
}
