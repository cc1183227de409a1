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

/// <summary>The theme tests' bot: the clock set to a chosen moment in Hà Nội, with a cell, its secretary and members.</summary>
public abstract class ThemeSuite(StorageProvider provider) : ProviderSuite(provider)
{
    protected const string Admin = "admin@bhxh.example";

    /// <summary>The bot's clock, to move on within a test.</summary>
    protected ShiftedClock Clock { get; private set; } = new(DateTimeOffset.UtcNow);

    /// <summary>A bot whose clock reads <paramref name="localTime"/> in Hà Nội, with a cell, its secretary and members.</summary>
    protected async Task<BotHost> StartAsync(string localTime)
    {
        var clock = Clock = new ShiftedClock(DateTimeOffset.Parse(localTime + "+07:00"));
        var bot = await StartBot(settings: new Dictionary<string, string> { ["StudyBot:Admins:0"] = Admin },
            customize: b => b.Services.AddSingleton<TimeProvider>(clock));
        await using var scope = bot.Services.CreateAsyncScope();
        var (_, errors) = await scope.ServiceProvider.GetRequiredService<MemberImport>().RunAsync(new StringReader($"""
            {MemberFiles.Header}
            {Admin},Quản Trị,,,Văn phòng,có,
            bithu@bhxh.example,Bí Thư Thu,,,Chi bộ Thu,có,bí thư@Chi bộ Thu
            an@bhxh.example,Nguyễn Văn An,,,Chi bộ Thu,có,
            binh@bhxh.example,Trần Thị Bình,,,Chi bộ Chế độ,không,
            """), Texts.Vietnamese, null, default);
        Assert.Empty(errors);
        return bot;
    }

    protected static string LastCard(BotHost bot) => CardReader.Visible(bot.Channel.Sent()[^1].Body!["attachments"]![0]!["content"]!);

    /// <summary>A card sent as news (raised in the activity feed), not a reply to what the person wrote.</summary>
    protected static bool IsPush((string ConversationId, JsonNode? Body) delivered) =>
        delivered.Body?["attachments"] is not null && delivered.Body?["channelData"]?["notification"]?["alert"]?.GetValue<bool>() == true;
}
