using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Scheduling;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Scheduling;

/// <summary>Job kinds only tests use: they record each run, so "ran once" can be counted.</summary>
internal sealed class RecordingJob(string kind, CatchUp catchUp, ConcurrentQueue<(string Key, string Owner)> runs) : IJobHandler
{
    public string Kind => kind;
    public CatchUp CatchUp => catchUp;

    public async Task RunAsync(Job job, IServiceProvider services, CancellationToken ct)
    {
        await Task.Delay(5, ct); // long enough for two workers to overlap
        runs.Enqueue((job.Key!, job.LeaseOwner!));
    }
}

public sealed class JobTestsOnSqlite() : JobTests(StorageProvider.Sqlite);

public sealed class JobTestsOnPostgres() : JobTests(StorageProvider.Postgres);

public abstract class JobTests(StorageProvider provider) : ProviderSuite(provider)
{
    private readonly ConcurrentQueue<(string Key, string Owner)> _runs = new();

    private void AddJobs(WebApplicationBuilder b)
    {
        b.Services.AddSingleton<IJobHandler>(new RecordingJob("test.notify", CatchUp.WithinWindow, _runs));
        b.Services.AddSingleton<IJobHandler>(new RecordingJob("test.state", CatchUp.Always, _runs));
    }

    /// <summary>The background job loop is off, so the test drives every round itself.</summary>
    private Task<BotHost> StartAsync(TestDatabase? shared = null) => BotHost.StartAsync(customize: AddJobs, provider: Provider,
        sharedDatabase: shared, settings: new Dictionary<string, string> { ["Scheduling:Enabled"] = "false" });

    private static async Task ScheduleAsync(BotHost bot, string kind, string key, TimeSpan ago)
    {
        await using var db = bot.NewDb();
        var now = DateTime.UtcNow;
        await Jobs.ScheduleAsync(db, kind, now - ago, new { }, key, now, default);
        await db.SaveChangesAsync();
    }

    [SkippableFact]
    public async Task After_downtime_state_changes_run_late_and_stale_notifications_are_skipped_and_logged()
    {
        await using var bot = await StartAsync();
        await ScheduleAsync(bot, "test.notify", "recent-notice", TimeSpan.FromHours(1));
        await ScheduleAsync(bot, "test.notify", "stale-notice", TimeSpan.FromHours(7));
        await ScheduleAsync(bot, "test.state", "stale-round-close", TimeSpan.FromDays(2));
        await ScheduleAsync(bot, "test.notify", "future-notice", TimeSpan.FromHours(-1));

        await bot.Services.GetRequiredService<JobWorker>().RunDueAsync(default);

        Assert.Equal(["recent-notice", "stale-round-close"], _runs.Select(r => r.Key).Order());
        await using var db = bot.NewDb();
        var status = await db.Set<Job>().ToDictionaryAsync(j => j.Key!, j => j.Status);
        Assert.Equal(JobStatus.Skipped, status["stale-notice"]);
        Assert.Equal(JobStatus.Pending, status["future-notice"]);
        Assert.Equal(JobStatus.Done, status["recent-notice"]);
        Assert.Contains(bot.Logs, l => l.StartsWith("Warning") && l.Contains("Skipped test.notify job stale-notice"));
    }

    [SkippableFact]
    public async Task Scheduling_the_same_occurrence_twice_makes_one_job()
    {
        await using var bot = await StartAsync();
        await ScheduleAsync(bot, "test.state", "round-open:42", TimeSpan.Zero);
        await ScheduleAsync(bot, "test.state", "round-open:42", TimeSpan.Zero);
        await using var db = bot.NewDb();
        Assert.Equal(1, await db.Set<Job>().CountAsync(j => j.Key == "round-open:42"));
    }

    [SkippableFact]
    public async Task Two_workers_on_two_instances_run_each_of_many_jobs_exactly_once()
    {
        var first = (await StartAsync()).Sharing();
        await using var second = await StartAsync(first.Database);
        for (var i = 0; i < 60; i++) await ScheduleAsync(first, "test.state", $"job-{i}", TimeSpan.FromSeconds(1));
        var workers = new[] { first, second }.Select(b => b.Services.GetRequiredService<JobWorker>()).ToList();

        // Both instances drain the table at the same time.
        await Task.WhenAll(workers.Select(async w => { while (await w.RunDueAsync(default) > 0) { } }));
        // The instances' own background workers may still be finishing a job they took; wait until all are done.
        await using (var db = first.NewDb())
            for (var i = 0; i < 100 && await db.Set<Job>().CountAsync(j => j.Key!.StartsWith("job-") && j.Status == JobStatus.Done) < 60; i++)
                await Task.Delay(50);

        Assert.Equal(60, _runs.Count);
        Assert.Equal(60, _runs.Select(r => r.Key).Distinct().Count());
        Assert.Equal(2, _runs.Select(r => r.Owner).Distinct().Count()); // both took a share
        await first.DisposeAsync();
        await first.Database.DisposeAsync();
    }

    [SkippableFact]
    public async Task A_job_whose_worker_died_runs_again_once_its_lease_ends()
    {
        await using var bot = await StartAsync();
        await using (var db = bot.NewDb())
        {
            // Written as its dead worker left it: claimed, running, lease run out.
            db.Add(new Job
            {
                Id = Guid.NewGuid(), Kind = "test.state", Key = "orphan", DueAt = DateTime.UtcNow.AddMinutes(-1),
                Status = JobStatus.Running, LeaseOwner = "dead-worker", LeaseUntil = DateTime.UtcNow.AddSeconds(-1), Attempts = 1,
                CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        // This instance's own background worker may take it first; either way it must run again, once.
        await bot.Services.GetRequiredService<JobWorker>().RunDueAsync(default);
        for (var i = 0; i < 50 && _runs.IsEmpty; i++) await Task.Delay(50);
        await Task.Delay(200);

        Assert.Equal("orphan", Assert.Single(_runs).Key);
    }
}
