using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Agency;
using StudyBot.Reminders;
using StudyBot.Scheduling;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Reminders;

public sealed class StoryRotaTestsOnSqlite() : StoryRotaTests(StorageProvider.Sqlite);

public sealed class StoryRotaTestsOnPostgres() : StoryRotaTests(StorageProvider.Postgres);

/// <summary>Kể chuyện về Bác: who is asked, when, and what happens to each answer.</summary>
public abstract class StoryRotaTests(StorageProvider provider) : ReminderSuite(provider)
{
    private const string Thu = "Bí Thư Thu", An = "Nguyễn Văn An", Cuong = "Lê Văn Cường";

    private readonly Dictionary<string, string> Upn = new()
    {
        [Thu] = Secretary, [An] = "an@bhxh.example", [Cuong] = "cuong@bhxh.example",
    };

    /// <summary>A bot with the cell and its monthly meeting (day 3, 14:00) with the rota on.</summary>
    private async Task<(BotHost Bot, Reminder Reminder)> StartWithRotaAsync(string localTime = "2026-11-21T09:00")
    {
        var bot = await StartAsync(localTime);
        await ImportCellAsync(bot);
        await SayHelloAsync(bot);
        await ClickAsync(bot, Secretary, ReminderManageCards.SaveVerb, MonthlyMeeting(await UnitIdAsync(bot, "Chi bộ Thu"), story: true));
        await using var db = bot.NewDb();
        return (bot, await db.Set<Reminder>().SingleAsync());
    }

    private static DateTime Meeting(int month) =>
        new DateTime(2026, 12, 3, 7, 0, 0, DateTimeKind.Utc).AddMonths(month);

    /// <summary>Runs the ask for a meeting directly (the job's work) and returns who was asked.</summary>
    private static async Task<StoryAssignment> AskAsync(BotHost bot, Reminder reminder, DateTime due)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
        var now = bot.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var assignment = await StoryRotaService.AskNextAsync(db, reminder, due, now, default);
        await db.SaveChangesAsync();
        return assignment!;
    }

    private static async Task<string> NameAsync(BotHost bot, Guid memberId)
    {
        await using var db = bot.NewDb();
        return (await db.Set<Member>().SingleAsync(m => m.Id == memberId)).Name;
    }

    private static async Task<StoryAssignment> CurrentAsync(BotHost bot, Reminder reminder, DateTime due)
    {
        await using var db = bot.NewDb();
        // The open one: asked, accepted or awaiting a swap; declined and swapped-away turns are closed.
        return await db.Set<StoryAssignment>().Where(a => a.ReminderId == reminder.Id && a.OccurrenceDue == due
                && a.Status != StoryStatus.Declined && a.Status != StoryStatus.SwappedAway)
            .OrderByDescending(a => a.AskedAt).FirstAsync();
    }

    private Task<JsonNode> AnswerAsync(BotHost bot, string name, string verb, StoryAssignment a, JsonObject? extra = null)
    {
        var data = extra ?? new JsonObject();
        data["assignmentId"] = a.Id.ToString();
        return ClickAsync(bot, Upn[name], verb, data);
    }

    [SkippableFact]
    public async Task The_storyteller_is_asked_three_days_before_and_named_in_the_meeting_reminder()
    {
        var (bot, reminder) = await StartWithRotaAsync();
        await using var _ = bot;
        await using (var db = bot.NewDb())
        {
            var ask = await db.Set<Job>().SingleAsync(j => j.Kind == ReminderSchedule.AskKind);
            Assert.Equal(new DateTime(2026, 11, 30, 7, 0, 0), ask.DueAt); // three days before 03/12 14:00
        }
        Clock.JumpTo(Hanoi("2026-11-30T13:59:59"));
        await WaitForAsync(() => bot.Channel.Delivered.Any(d => d.Body?.ToJsonString().Contains("story.accept") == true));

        var askCard = bot.Channel.Delivered.Single(d => d.Body?.ToJsonString().Contains("story.accept") == true);
        Assert.Equal("a:" + Upn[Thu], askCard.ConversationId); // first in the rota: names in order
        Assert.Contains("kể một câu chuyện về tấm gương của Bác", CardReader.Visible(askCard.Body!["attachments"]![0]!["content"]!));
        await AnswerAsync(bot, Thu, StoryRotaService.AcceptVerb, await CurrentAsync(bot, reminder, Meeting(0)));

        Clock.JumpTo(Hanoi("2026-12-03T13:59:59"));
        await WaitForAsync(() => ReminderCardsDelivered(bot).Count >= 3);
        Assert.All(ReminderCardsDelivered(bot), c => Assert.Contains($"Kể chuyện về Bác: đồng chí {Thu}", CardReader.Visible(c.Card)));
    }

    [SkippableFact]
    public async Task Nobody_goes_twice_before_everyone_has_gone_once()
    {
        var (bot, reminder) = await StartWithRotaAsync();
        await using var _ = bot;
        var tellers = new List<string>();
        for (var m = 0; m < 6; m++)
        {
            var asked = await AskAsync(bot, reminder, Meeting(m));
            var name = await NameAsync(bot, asked.MemberId);
            await AnswerAsync(bot, name, StoryRotaService.AcceptVerb, asked);
            tellers.Add(name);
        }
        Assert.Equal([Thu, Cuong, An, Thu, Cuong, An], tellers);
    }

    [SkippableFact]
    public async Task A_member_who_joins_later_enters_at_the_end()
    {
        var (bot, reminder) = await StartWithRotaAsync();
        await using var _ = bot;
        var tellers = new List<string>();
        async Task TellAsync(int m)
        {
            var asked = await AskAsync(bot, reminder, Meeting(m));
            var name = await NameAsync(bot, asked.MemberId);
            await AnswerAsync(bot, name, StoryRotaService.AcceptVerb, asked);
            tellers.Add(name);
        }
        await TellAsync(0);
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var (_, errors) = await scope.ServiceProvider.GetRequiredService<StudyBot.Members.Import.MemberImport>().RunAsync(
                new StringReader($"{StudyBot.Tests.Members.MemberFiles.Header}\nmoi@bhxh.example,Đảng Viên Mới,,,Chi bộ Thu,có,\n"),
                StudyBot.Resources.Texts.Vietnamese, null, default);
            Assert.Empty(errors);
        }
        Upn["Đảng Viên Mới"] = "moi@bhxh.example";
        for (var m = 1; m < 5; m++) await TellAsync(m);

        Assert.Equal([Thu, Cuong, An, "Đảng Viên Mới", Thu], tellers);
    }

    [SkippableFact]
    public async Task A_decline_asks_the_next_and_someone_who_always_declines_never_holds_up_the_others()
    {
        var (bot, reminder) = await StartWithRotaAsync();
        await using var _ = bot;
        var tellers = new List<string>();
        for (var m = 0; m < 4; m++)
        {
            var asked = await AskAsync(bot, reminder, Meeting(m));
            // Cường declines every time he is asked; everyone else accepts.
            while (await NameAsync(bot, asked.MemberId) == Cuong)
            {
                var answer = await AnswerAsync(bot, Cuong, StoryRotaService.DeclineVerb, asked);
                Assert.Contains("StudyBot đã mời đồng chí kế tiếp", CardReader.Visible(answer["value"]!));
                asked = await CurrentAsync(bot, reminder, Meeting(m));
            }
            var name = await NameAsync(bot, asked.MemberId);
            await AnswerAsync(bot, name, StoryRotaService.AcceptVerb, asked);
            tellers.Add(name);
        }
        Assert.Equal([Thu, An, Thu, An], tellers);
        await using var db = bot.NewDb();
        Assert.Equal(2, await db.Set<StoryAssignment>().CountAsync(a => a.Status == StoryStatus.Declined));
    }

    [SkippableFact]
    public async Task When_everyone_declines_the_meeting_has_no_storyteller_and_the_last_is_told()
    {
        var (bot, reminder) = await StartWithRotaAsync();
        await using var _ = bot;
        var asked = await AskAsync(bot, reminder, Meeting(0));
        JsonNode? last = null;
        for (var i = 0; i < 3; i++)
        {
            last = await AnswerAsync(bot, await NameAsync(bot, asked.MemberId), StoryRotaService.DeclineVerb, asked);
            if (i < 2) asked = await CurrentAsync(bot, reminder, Meeting(0));
        }
        await using (var db = bot.NewDb())
        {
            Assert.Null(await StoryQueries.StorytellerNameAsync(db, reminder.Id, Meeting(0), default));
        }
        Assert.Contains("Không còn đồng chí nào khác để mời cho buổi này", CardReader.Visible(last!["value"]!));
    }

    [SkippableFact]
    public async Task A_swap_the_colleague_accepts_makes_them_the_storyteller_and_the_asker_goes_next()
    {
        var (bot, reminder) = await StartWithRotaAsync();
        await using var _ = bot;
        var asked = await AskAsync(bot, reminder, Meeting(0));
        Assert.Equal(Thu, await NameAsync(bot, asked.MemberId));
        await using (var db = bot.NewDb())
        {
            var an = await db.Set<Member>().SingleAsync(m => m.Name == An);
            var sent = await AnswerAsync(bot, Thu, StoryRotaService.SwapVerb, asked, new JsonObject { ["colleague"] = an.Id.ToString() });
            Assert.Contains($"Đã gửi đề nghị đổi lượt tới đồng chí {An}", CardReader.Visible(sent["value"]!));
        }
        // Cường is not the colleague asked, so he cannot take it.
        var forged = await AnswerAsync(bot, Cuong, StoryRotaService.SwapAcceptVerb, asked);
        Assert.StartsWith("Anh/chị chưa có quyền", forged["value"]!.GetValue<string>());

        await AnswerAsync(bot, An, StoryRotaService.SwapAcceptVerb, asked);

        await using (var db = bot.NewDb())
            Assert.Equal(An, await StoryQueries.StorytellerNameAsync(db, reminder.Id, Meeting(0), default));
        var next = await AskAsync(bot, reminder, Meeting(1));
        Assert.Equal(Thu, await NameAsync(bot, next.MemberId)); // kept her place
        await WaitForAsync(() => bot.Channel.Delivered.Any(d => d.Body?["text"]?.GetValue<string>()?.Contains("đã nhận kể chuyện thay") == true));
        Assert.Contains(bot.Channel.Delivered, d => d.ConversationId == "a:" + Secretary
            && d.Body?["text"]?.GetValue<string>()?.StartsWith($"✅ Đồng chí {An} đã nhận kể chuyện thay") == true);
    }

    [SkippableFact]
    public async Task A_refused_swap_returns_the_turn_to_the_one_asked_with_a_new_card()
    {
        var (bot, reminder) = await StartWithRotaAsync();
        await using var _ = bot;
        var asked = await AskAsync(bot, reminder, Meeting(0));
        await using var db = bot.NewDb();
        var an = await db.Set<Member>().SingleAsync(m => m.Name == An);
        await AnswerAsync(bot, Thu, StoryRotaService.SwapVerb, asked, new JsonObject { ["colleague"] = an.Id.ToString() });

        await AnswerAsync(bot, An, StoryRotaService.SwapDeclineVerb, asked);

        var again = await CurrentAsync(bot, reminder, Meeting(0));
        Assert.Equal((asked.Id, StoryStatus.Asked), (again.Id, again.Status));
        var accepted = await AnswerAsync(bot, Thu, StoryRotaService.AcceptVerb, again);
        Assert.Contains("✅ Cảm ơn đồng chí", CardReader.Visible(accepted["value"]!));
    }

    [SkippableFact]
    public async Task Only_the_person_asked_may_answer()
    {
        var (bot, reminder) = await StartWithRotaAsync();
        await using var _ = bot;
        var asked = await AskAsync(bot, reminder, Meeting(0));

        var forged = await AnswerAsync(bot, An, StoryRotaService.DeclineVerb, asked);

        Assert.StartsWith("Anh/chị chưa có quyền", forged["value"]!.GetValue<string>());
        Assert.Equal(StoryStatus.Asked, (await CurrentAsync(bot, reminder, Meeting(0))).Status);
    }
}
