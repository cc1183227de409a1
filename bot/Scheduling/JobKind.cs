namespace StudyBot.Scheduling;

/// <summary>What to do about an occurrence that came due while the service was down.</summary>
public enum CatchUp
{
    /// <summary>It changes state (a round opens or closes): run it, however late.</summary>
    Always,
    /// <summary>It only tells people something: send it within Scheduling:CatchUpWindow, else skip and log.</summary>
    WithinWindow,
}

/// <summary>A kind of job, registered by the feature that owns it.</summary>
public interface IJobHandler
{
    string Kind { get; }
    CatchUp CatchUp { get; }

    /// <summary>Does the work. Throwing makes the job retry later; it must be safe to run again.</summary>
    Task RunAsync(Job job, IServiceProvider services, CancellationToken ct);
}

/// <summary>Under <c>Scheduling:</c>.</summary>
public sealed class SchedulingOptions
{
    /// <summary>False: this instance serves turns but runs no jobs (others do).</summary>
    public bool Enabled { get; set; } = true;
    public TimeSpan CatchUpWindow { get; set; } = TimeSpan.FromHours(6);
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);
    public int MaxAttempts { get; set; } = 8;
}
