using Microsoft.EntityFrameworkCore;
using StudyBot.Telemetry;

namespace StudyBot.Delivery;

/// <summary>Registers the outbox: its options, the shared rate gate, the delivery workers, the fan-out job, its gauges and its part of /readyz.</summary>
public static class DeliveryExtensions
{
    public static IServiceCollection AddDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddReadinessCheck<DeliveryCheck>("delivery");
        services.AddStoreFigure("studybot.outbox.depth", "{message}", "Messages in the outbox still to go: pending, or being sent.",
            async (db, now, ct) => await db.Set<OutboxMessage>()
                .CountAsync(m => m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending, ct));
        services.AddStoreMeasure("studybot.outbox.oldest_due_age", "s", "How long the oldest message that is due has waited; 0 when none is due.",
            async (db, now, ct) => await DeliveryBacklog.OldestDueSinceAsync(db, now, ct) is { } since ? (now - since).TotalSeconds : 0);
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection("Delivery"))
            .Validate(o => o.MaxPerSecond > 0, "Delivery:MaxPerSecond must be positive")
            .Validate(o => o.MaxInFlight >= 1, "Delivery:MaxInFlight must be at least 1")
            .Validate(o => o.BatchSize >= 1, "Delivery:BatchSize must be at least 1")
            .Validate(o => o.Workers >= 0, "Delivery:Workers must not be negative (0 turns delivery off)")
            .Validate(o => o.MaxAttempts >= 1, "Delivery:MaxAttempts must be at least 1")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Delivery:PollInterval must be positive")
            .Validate(o => o.Lease > TimeSpan.Zero, "Delivery:Lease must be positive")
            .ValidateOnStart();
        services.AddSingleton<RateGate>();
        services.AddSingleton<DeliveryService>();
        services.AddSingleton<Agency.IPersonalDataPart, DeliveryPersonalData>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryService>());
        services.AddSingleton<Scheduling.IJobHandler, FanOutJob>();
        return services;
    }
}
