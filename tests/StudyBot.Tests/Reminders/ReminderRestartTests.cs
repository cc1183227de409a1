using Microsoft.EntityFrameworkCore;
using StudyBot.Reminders;
using StudyBot.Scheduling;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Reminders;

public sealed class ReminderRestartTestsOnSqlite() : ReminderRestartTests(StorageProvider.Sqlite);

public sealed class ReminderRestartTestsOnPostgres() : ReminderRestartTests(StorageProvider.Postgres);

/// <summary>The bot is down across a meeting's due time, then starts again.</summary>
public abstract class ReminderRestartTests(StorageProvider provider) : ReminderSuite(provider)
{
    /// <summary>Creates the monthly meeting on one instance, stops it, and starts another at <paramref name="restartAt"/>.</summary>
    private async Task<BotHost> DownAcrossDueTimeAsync(string restartAt)
    {
        var first = (await StartAsync("2026-12-02T09:00")).Sharing();
        await ImportCellAsync(first);
        await SayHelloAsync(first);
        await ClickAsync(first, Secretary, ReminderManageCards.SaveVerb, MonthlyMeeting(await UnitIdAsync(first, "Chi bộ Thu")));
        var channel = first.Channel;
        var database = first.Database;
        await first.DisposeAsync();
        return await StartAsync(restartAt, channel, database);
    }

    [SkippableFact]
    public async Task Back_within_the_catch_up_window_the_missed_meeting_reminder_fires_once()
    {
        await using var bot = await DownAcrossDueTimeAsync("2026-12-03T16:00");
        await using var cleanup = new SharedDatabase(bot.Database);
        await WaitForAsync(() => ReminderCardsDelivered(bot).Count >= 3);
        await Task.Delay(1000);

        Assert.Equal(3, ReminderCardsDelivered(bot).Count);
        Assert.All(ReminderCardsDelivered(bot).GroupBy(c => c.Conversation), g => Assert.Single(g));
        await using var db = bot.NewDb();
        Assert.Equal(1, await db.Set<ReminderOccurrence>().CountAsync());
        Assert.True(await db.Set<Job>().AnyAsync(j => j.Kind == ReminderSchedule.FireKind && j.DueAt == new DateTime(2027, 1, 3, 7, 0, 0, DateTimeKind.Utc)));
    }

    [SkippableFact]
    public async Task Back_after_the_window_the_stale_reminder_is_skipped_and_the_next_month_still_comes()
    {
        await using var bot = await DownAcrossDueTimeAsync("2026-12-04T09:00");
        await using var cleanup = new SharedDatabase(bot.Database);
        await using var db = bot.NewDb();
        for (var i = 0; i < 50 && !await db.Set<Job>().AnyAsync(j => j.Kind == ReminderSchedule.FireKind && j.Status == JobStatus.Skipped); i++)
            await Task.Delay(100);

        Assert.Empty(ReminderCardsDelivered(bot));
        Assert.True(await db.Set<Job>().AnyAsync(j => j.Kind == ReminderSchedule.FireKind && j.Status == JobStatus.Skipped
                                                      && j.DueAt == new DateTime(2026, 12, 3, 7, 0, 0, DateTimeKind.Utc)));
        Assert.True(await db.Set<Job>().AnyAsync(j => j.Kind == ReminderSchedule.FireKind && j.Status == JobStatus.Pending
                                                      && j.DueAt == new DateTime(2027, 1, 3, 7, 0, 0, DateTimeKind.Utc)));
    }

    private sealed class SharedDatabase(TestDatabase database) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => database.DisposeAsync();
    }
}
