using Microsoft.EntityFrameworkCore;
using StudyBot.Nominations;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Nominations;

public sealed class NominationChannelTestsOnSqlite() : NominationChannelTests(StorageProvider.Sqlite);

public sealed class NominationChannelTestsOnPostgres() : NominationChannelTests(StorageProvider.Postgres);

/// <summary>The leadership channel instead of personal chats, and the monthly summary on the 1st.</summary>
public abstract class NominationChannelTests(StorageProvider provider) : NominationSuite(provider)
{
    private const string Channel = "19:bangiamdoc@thread.tacv2";

    [SkippableFact]
    public async Task With_a_leadership_channel_the_card_goes_there_once_and_is_changed_there_after_the_decision()
    {
        await using var bot = await StartAsync("2026-11-21T09:00",
            settings: new Dictionary<string, string> { ["Nominations:LeadershipConversation"] = Channel });
        await ImportAgencyAsync(bot);
        await ClickAsync(bot, Cuong, NominationForm.SaveVerb, Form());

        await WaitForAsync(() => bot.Channel.Delivered.Any(d => d.ConversationId == Channel));
        var card = Assert.Single(bot.Channel.Delivered, d => d.ConversationId == Channel).Body!["attachments"]![0]!["content"]!;
        Assert.Contains("ĐC-2026-0001", CardReader.Visible(card));
        Assert.Empty(CardsTo(bot, Director, "ĐC-2026-0001"));

        await ClickAsync(bot, Director, NominationCards.ProposeVerb, ButtonData(card, NominationCards.ProposeVerb));
        await WaitForAsync(() => bot.Channel.Sent().Any(c => c.Method == "PUT" && c.Path.Contains(Uri.EscapeDataString(Channel))));
        var put = Assert.Single(bot.Channel.Sent(), c => c.Method == "PUT" && c.Path.Contains(Uri.EscapeDataString(Channel)));
        Assert.Contains("Đã quyết định: Đề xuất khen thưởng, bởi Nguyễn Giám Đốc", CardReader.Visible(put.Body!["attachments"]![0]!["content"]!));
    }

    [SkippableFact]
    public async Task On_the_first_of_the_month_the_leaders_get_last_months_counts()
    {
        await using var bot = await StartAsync("2026-11-21T09:00");
        await ImportAgencyAsync(bot);
        await ClickAsync(bot, Cuong, NominationForm.SaveVerb, Form());
        await ClickAsync(bot, An, NominationForm.SaveVerb, Form(nominee: Cuong, deed: "Giúp đồng nghiệp mới làm quen quy trình thu nợ BHXH", category: "colleagues"));
        await using (var db = bot.NewDb())
        {
            var first = await db.Set<Nomination>().SingleAsync(n => n.Sequence == 1);
            await ClickAsync(bot, Director, NominationCards.CommendVerb, Decision(first.Id));
        }

        Clock.JumpTo(Hanoi("2026-12-01T07:59:59"));
        await WaitForAsync(() => CardsTo(bot, Director, "tháng 11/2026").Count == 1 && CardsTo(bot, Deputy, "tháng 11/2026").Count == 1);
        var summary = CardReader.Visible(Assert.Single(CardsTo(bot, Director, "Đề cử người tốt, việc tốt tháng 11/2026")));
        Assert.Contains("Tổng số đề cử trong tháng: 2.", summary);
        Assert.Contains("Chi bộ Thu\n2", summary);
        Assert.Contains("Giải quyết hồ sơ\n1", summary);
        Assert.Contains("Giúp đỡ đồng nghiệp\n1", summary);
        Assert.Contains("Biểu dương\n1", summary);
        Assert.Contains("Chờ duyệt\n1", summary);
        Assert.Empty(CardsTo(bot, Cuong, "tháng 11/2026"));
        // The summary carries the agency's nominations by month as a picture, with its numbers as alt text, and the
        // link lasts as long as the card stays in the chat.
        var card = Assert.Single(CardsTo(bot, Director, "Đề cử người tốt, việc tốt tháng 11/2026"));
        var image = Assert.Single(card["body"]!.AsArray(), e => e?["type"]?.GetValue<string>() == "Image")!;
        Assert.StartsWith("Đề cử theo tháng, năm 2026: T1 0;", image["altText"]!.GetValue<string>());
        Assert.Contains("T11 2", image["altText"]!.GetValue<string>());
        Clock.JumpTo(Hanoi("2026-12-20T08:00"));
        using var http = new HttpClient();
        var png = await http.GetByteArrayAsync(image["url"]!.GetValue<string>());
        Assert.Equal((byte)'P', png[1]);
        await using var check = bot.NewDb();
        Assert.True(await check.Set<StudyBot.Scheduling.Job>().AnyAsync(j => j.Key == "nominations.summary:2026-12"));
    }
}
