using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StudyBot.Protocol;
using StudyBot.Storage;

namespace StudyBot.Scheduling;

/// <summary>Schedules jobs. Features call this inside their own transaction, so a job exists exactly when the change that needs it does.</summary>
public static class Jobs
{
    /// <summary>A due job still waiting after this long is late: the scheduler polls every few seconds.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromMinutes(1);

    /// <summary>Jobs due by <paramref name="by"/> and not run: pending, or held by a worker whose lease ran out by then.</summary>
    public static Task<int> CountDueAsync(StudyBotDb db, DateTime by, CancellationToken ct) =>
        db.Set<Job>().CountAsync(j => (j.Status == JobStatus.Pending && j.DueAt <= by)
                                      || (j.Status == JobStatus.Running && j.LeaseUntil < by), ct);

    /// <summary>Adds a job to <paramref name="db"/> (saved with the caller's changes) unless one with the same key exists.</summary>
    public static async Task<Job> ScheduleAsync(StudyBotDb db, string kind, DateTime dueAtUtc, object? payload, string? key,
        DateTime now, CancellationToken ct)
    {
        if (key is not null && await db.Set<Job>().FirstOrDefaultAsync(j => j.Key == key, ct) is { } existing) return existing;
        var job = new Job
        {
            Id = Guid.CreateVersion7(), Kind = kind, Key = key, DueAt = DateTime.SpecifyKind(dueAtUtc, DateTimeKind.Utc),
            Payload = JsonSerializer.Serialize(payload ?? new { }, WireJson.Options), CreatedAt = now,
        };
        db.Add(job);
        return job;
    }

    public static T Read<T>(Job job) => JsonSerializer.Deserialize<T>(job.Payload, WireJson.Options)!;

    /// <summary>Claims up to <paramref name="limit"/> due jobs for <paramref name="owner"/>.</summary>
    public static async Task<List<Job>> ClaimAsync(StudyBotDb db, string owner, int limit, DateTime now, TimeSpan lease,
        CancellationToken ct)
    {
        var sql = LeaseClaim.Sql(StoreProvider.Of(db), "jobs",
            "(\"Status\" = 'pending' AND \"DueAt\" <= @now) OR (\"Status\" = 'running' AND \"LeaseUntil\" < @now)",
            "\"DueAt\"");
        return await db.Set<Job>().FromSqlRaw(sql,
                Parameter(db, "owner", owner), Parameter(db, "until", now + lease),
                Parameter(db, "now", now), Parameter(db, "limit", limit))
            .AsNoTracking().ToListAsync(ct);
    }

    public static DbParameter Parameter(StudyBotDb db, string name, object value)
    {
        var p = db.Database.GetDbConnection().CreateCommand().CreateParameter();
        p.ParameterName = "@" + name;
        p.Value = value;
        return p;
    }
}
