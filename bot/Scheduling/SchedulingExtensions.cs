using StudyBot.Telemetry;

namespace StudyBot.Scheduling;

public static class SchedulingExtensions
{
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulingOptions>().Bind(configuration.GetSection("Scheduling"))
            .Validate(o => o.CatchUpWindow >= TimeSpan.Zero, "Scheduling:CatchUpWindow must not be negative")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Scheduling:PollInterval must be positive")
            .Validate(o => o.Lease > TimeSpan.Zero, "Scheduling:Lease must be positive")
            .Validate(o => o.MaxAttempts >= 1, "Scheduling:MaxAttempts must be at least 1")
            .ValidateOnStart();
        services.AddStoreFigure("studybot.jobs.due", "{job}", "Jobs whose time has come, not yet run.",
            async (db, now, ct) => await Jobs.CountDueAsync(db, now, ct));
        services.AddStoreFigure("studybot.jobs.late", "{job}", "Due jobs still waiting a minute after their time.",
            async (db, now, ct) => await Jobs.CountDueAsync(db, now - Jobs.LateAfter, ct));
        services.AddSingleton<JobWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<JobWorker>());
        return services;
    }

    /// <summary>A feature's job kind joins with one line.</summary>
    public static IServiceCollection AddJob<THandler>(this IServiceCollection services) where THandler : class, IJobHandler =>
        services.AddSingleton<IJobHandler, THandler>();
}
