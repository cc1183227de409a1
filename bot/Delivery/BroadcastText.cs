using Microsoft.EntityFrameworkCore;
using StudyBot.Cards;
using StudyBot.Resources;
using StudyBot.Telemetry;

namespace StudyBot.Delivery;

/// <summary>How a broadcast's progress reads to the person who started it.</summary>
public static class BroadcastText
{
    public static string Done(Texts t, BroadcastReport r) =>
        t.Format("Broadcast.Done", CardText.User(r.Title, 200), r.Total, r.Sent, r.Failed, r.Unreachable);

    public static string Progress(Texts t, BroadcastReport r) =>
        t.Format(r.Done ? "Broadcast.Done" : "Broadcast.Progress", CardText.User(r.Title, 200), r.Total, r.Sent, r.Failed,
            r.Unreachable, r.Pending);
}

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
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection("Delivery"));
        services.AddSingleton<RateGate>();
        services.AddSingleton<DeliveryService>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryService>());
        services.AddSingleton<Scheduling.IJobHandler, FanOutJob>();
        return services;
    }
}
