using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using StudyBot.Scheduling;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Scheduling;

public sealed class LeaseClaimTestsOnSqlite() : LeaseClaimTests(StorageProvider.Sqlite);

public sealed class LeaseClaimTestsOnPostgres() : LeaseClaimTests(StorageProvider.Postgres);

/// <summary>
/// Claiming due jobs under a lease, as workers on one or several instances do: each due row goes to one claimer, a
/// lease that runs holds the row, and one that ran out gives it back. The bot's own worker is off; the test claims.
/// </summary>
public abstract class LeaseClaimTests(StorageProvider provider) : ProviderSuite(provider)
{
    /// <summary>Before any job a fresh store schedules for itself (the next pushes, due from today on), so only the test's are due.</summary>
    private static readonly DateTime Now = new(2020, 3, 2, 2, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private Task<BotHost> StartAsync() => StartBot(settings: new Dictionary<string, string>
    {
        ["Scheduling:Enabled"] = "false", ["Delivery:Workers"] = "0",
    });

    private static async Task AddJobsAsync(BotHost bot, int count, TimeSpan dueBeforeNow)
    {
        await using var db = bot.NewDb();
        for (var i = 0; i < count; i++)
            db.Add(new Job
            {
                Id = Guid.NewGuid(), Kind = "test.claim", Key = $"claim-{dueBeforeNow.TotalMinutes}-{i}",
                DueAt = Now - dueBeforeNow + TimeSpan.FromSeconds(i), CreatedAt = Now.AddHours(-1),
            });
        await db.SaveChangesAsync();
    }

    private static async Task<List<Job>> ClaimAsync(BotHost bot, string owner, DateTime at, int limit = 10)
    {
        await using var db = bot.NewDb();
        return await Jobs.ClaimAsync(db, owner, limit, at, Lease, CancellationToken.None);
    }

    [SkippableFact]
    public async Task Claimers_racing_for_the_same_due_jobs_each_get_different_ones_and_together_take_all()
    {
        await using var bot = await StartAsync();
        await AddJobsAsync(bot, 60, TimeSpan.FromMinutes(1));
        var taken = new ConcurrentBag<(Guid Job, string Owner)>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var owner = $"worker-{w}";
            // Bounded, so that a claim which hands out taken rows again fails the test instead of never ending.
            for (var round = 0; round < 60 && await ClaimAsync(bot, owner, Now, limit: 3) is { Count: > 0 } jobs; round++)
                foreach (var job in jobs) taken.Add((job.Id, owner));
        })));

        Assert.Equal(60, taken.Count);
        Assert.Equal(60, taken.Select(t => t.Job).Distinct().Count());
        await using var db = bot.NewDb();
        var stored = await db.Set<Job>().Where(j => j.Kind == "test.claim").ToDictionaryAsync(j => j.Id);
        Assert.All(taken, t =>
        {
            Assert.Equal((JobStatus.Running, t.Owner, 1), (stored[t.Job].Status, stored[t.Job].LeaseOwner, stored[t.Job].Attempts));
            Assert.Equal(Now + Lease, DateTime.SpecifyKind(stored[t.Job].LeaseUntil!.Value, DateTimeKind.Utc));
        });
    }

    [SkippableFact]
    public async Task A_running_lease_holds_its_job_and_once_it_runs_out_another_worker_takes_it()
    {
        await using var bot = await StartAsync();
        await AddJobsAsync(bot, 1, TimeSpan.FromMinutes(1));
        var first = Assert.Single(await ClaimAsync(bot, "first", Now));

        Assert.Empty(await ClaimAsync(bot, "second", Now + Lease - TimeSpan.FromSeconds(1)));
        var again = Assert.Single(await ClaimAsync(bot, "second", Now + Lease + TimeSpan.FromSeconds(1)));

        Assert.Equal(first.Id, again.Id);
        await using var db = bot.NewDb();
        var stored = await db.Set<Job>().SingleAsync(j => j.Kind == "test.claim");
        Assert.Equal(("second", 2), (stored.LeaseOwner, stored.Attempts));
    }

    [SkippableFact]
    public async Task A_job_not_yet_due_or_already_finished_is_not_claimed()
    {
        await using var bot = await StartAsync();
        await AddJobsAsync(bot, 2, TimeSpan.FromMinutes(-10));
        await AddJobsAsync(bot, 2, TimeSpan.FromMinutes(30));
        await using (var db = bot.NewDb())
            await db.Set<Job>().Where(j => j.Key!.StartsWith("claim-30-"))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Done));

        Assert.Empty(await ClaimAsync(bot, "early", Now));
        Assert.Equal(2, (await ClaimAsync(bot, "later", Now.AddMinutes(11))).Count);
    }

    [SkippableFact]
    public async Task A_claim_takes_no_more_than_its_limit_and_the_longest_due_first()
    {
        await using var bot = await StartAsync();
        await AddJobsAsync(bot, 5, TimeSpan.FromMinutes(20));

        var claimed = await ClaimAsync(bot, "small", Now, limit: 2);

        Assert.Equal(["claim-20-0", "claim-20-1"], claimed.Select(j => j.Key!).Order());
        await using var db = bot.NewDb();
        Assert.Equal(3, await db.Set<Job>().CountAsync(j => j.Kind == "test.claim" && j.Status == JobStatus.Pending));
    }
}
