using Microsoft.EntityFrameworkCore;
using StudyBot.Scheduling;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Storage;

/// <summary>
/// What the write gate promises the writers that queue at it: on SQLite one at a time, and a writer that fails or gives
/// up waiting never leaves it shut for the others; on PostgreSQL nobody waits.
/// </summary>
public sealed class WriteGateTests
{
    /// <summary>Long enough that only a gate left shut reaches it; it is a guard against hanging, not a measure.</summary>
    private static readonly TimeSpan Stuck = TimeSpan.FromSeconds(20);

    private static Task<BotHost> StartAsync(StorageProvider provider) => BotHost.StartAsync(provider: provider,
        settings: new Dictionary<string, string> { ["Scheduling:Enabled"] = "false", ["Delivery:Workers"] = "0" });

    private static async Task AddCounterAsync(BotHost bot)
    {
        await using var db = bot.NewDb();
        db.Add(new Job { Id = Guid.NewGuid(), Kind = "test.counter", Key = "counter", DueAt = DateTime.UtcNow.AddYears(1), CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }

    /// <summary>Reads the counter, then writes it one higher: two of these at once would both write the same number.</summary>
    private static async Task IncrementAsync(BotHost bot, WriteGate gate)
    {
        await using var db = bot.NewDb();
        using (await gate.EnterAsync(db, CancellationToken.None))
        {
            var counter = await db.Set<Job>().SingleAsync(j => j.Key == "counter");
            counter.Attempts++;
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task On_sqlite_writers_through_the_gate_take_turns_so_no_write_is_lost()
    {
        await using var bot = await StartAsync(StorageProvider.Sqlite);
        await AddCounterAsync(bot);
        var gate = new WriteGate();

        await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(() => IncrementAsync(bot, gate)))).WaitAsync(Stuck);

        await using var db = bot.NewDb();
        Assert.Equal(24, (await db.Set<Job>().SingleAsync(j => j.Key == "counter")).Attempts);
    }

    [Fact]
    public async Task On_sqlite_a_second_writer_waits_until_the_first_leaves()
    {
        await using var bot = await StartAsync(StorageProvider.Sqlite);
        await using var first = bot.NewDb();
        await using var second = bot.NewDb();
        var gate = new WriteGate();

        var held = await gate.EnterAsync(first, CancellationToken.None);
        var waiting = gate.EnterAsync(second, CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);

        held.Dispose();
        (await waiting.WaitAsync(Stuck)).Dispose();
    }

    [Fact]
    public async Task On_sqlite_a_write_that_fails_inside_the_gate_lets_the_next_writer_in()
    {
        await using var bot = await StartAsync(StorageProvider.Sqlite);
        await AddCounterAsync(bot);
        var gate = new WriteGate();

        await using (var db = bot.NewDb())
        {
            // The same occurrence key twice breaks the unique index: the save throws while the gate is held.
            db.Add(new Job { Id = Guid.NewGuid(), Kind = "test.counter", Key = "counter", DueAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow });
            await Assert.ThrowsAsync<DbUpdateException>(async () =>
            {
                using (await gate.EnterAsync(db, CancellationToken.None)) await db.SaveChangesAsync();
            });
        }

        await IncrementAsync(bot, gate).WaitAsync(Stuck);
        await using var check = bot.NewDb();
        Assert.Equal(1, (await check.Set<Job>().SingleAsync(j => j.Key == "counter")).Attempts);
    }

    [Fact]
    public async Task On_sqlite_a_writer_that_gives_up_waiting_leaves_the_gate_as_it_was()
    {
        await using var bot = await StartAsync(StorageProvider.Sqlite);
        await using var first = bot.NewDb();
        await using var impatient = bot.NewDb();
        await using var third = bot.NewDb();
        await using var fourth = bot.NewDb();
        var gate = new WriteGate();

        var held = await gate.EnterAsync(first, CancellationToken.None);
        using var giveUp = new CancellationTokenSource();
        var waiting = gate.EnterAsync(impatient, giveUp.Token).AsTask();
        giveUp.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Stuck));

        // The one who gave up neither took the gate nor added a place in it: the next writer gets in, alone.
        held.Dispose();
        var next = await gate.EnterAsync(third, CancellationToken.None).AsTask().WaitAsync(Stuck);
        var after = gate.EnterAsync(fourth, CancellationToken.None).AsTask();
        Assert.False(after.IsCompleted, "two writers were let in at once");
        next.Dispose();
        (await after.WaitAsync(Stuck)).Dispose();
    }

    [SkippableFact]
    public async Task On_postgres_writers_go_through_together()
    {
        await using var bot = await StartAsync(StorageProvider.Postgres);
        await using var first = bot.NewDb();
        await using var second = bot.NewDb();
        var gate = new WriteGate();

        using var held = await gate.EnterAsync(first, CancellationToken.None);
        var alongside = gate.EnterAsync(second, CancellationToken.None).AsTask();

        Assert.True(alongside.IsCompletedSuccessfully, "a PostgreSQL writer waited for another");
        alongside.Result.Dispose();
    }
}
