using StudyBot.Delivery;
using StudyBot.Protocol;
using StudyBot.Storage;

namespace StudyBot.Tests.Telemetry;

/// <summary>Outbox rows that stay due whatever the delivery workers do, for the gauges and /readyz to find.</summary>
public static class StuckDelivery
{
    /// <summary>
    /// A message due for <paramref name="waited"/> that no worker can take: the one before it, to the same person, is
    /// held under a long lease by an instance that is gone, and one person's messages never overtake each other.
    /// </summary>
    public static async Task HoldUpAsync(StudyBotDb db, Guid memberId, DateTime now, TimeSpan waited)
    {
        var held = Outbox.SendTo(db, memberId, new Activity { Type = ActivityTypes.Message, Text = "Tin trước" }, now, now - waited - TimeSpan.FromMinutes(1));
        (held.Status, held.LeaseOwner, held.LeaseUntil, held.Attempts) = (OutboxStatus.Sending, "gone-instance", now.AddHours(1), 1);
        Outbox.SendTo(db, memberId, new Activity { Type = ActivityTypes.Message, Text = "Tin sau" }, now, now - waited);
        await db.SaveChangesAsync();
    }
}
