using Microsoft.EntityFrameworkCore;
using StudyBot.Cards;
using StudyBot.Conversations;
using StudyBot.Delivery;
using StudyBot.Resources;
using StudyBot.Storage;

namespace StudyBot.Themes;

/// <summary>
/// Tells a cell's members about a plan item through the outbox: when it is added, each time it is changed, and when it
/// is dropped after they were told of it. Each is one broadcast with its own key, so a second press sends nothing more.
/// </summary>
public static class PlanAnnouncements
{
    public const string Kind = "theme.plan";

    private static string Prefix(Guid planId) => $"plan:{planId}";

    public static Task<bool> WasAnnouncedAsync(StudyBotDb db, Guid planId) =>
        db.Set<Broadcast>().AnyAsync(b => b.Kind == Kind && b.Key != null && b.Key.StartsWith(Prefix(planId)));

    /// <summary>Starts the broadcast to the members of the item's cell; false when this very one was already sent.</summary>
    public static async Task<bool> SendAsync(Turn turn, PlanChange change, PlanItem item, string unit)
    {
        var key = change switch
        {
            PlanChange.Added => Prefix(item.Id),
            // A save that changes nothing sends nothing (the caller checks), so each key here is one real change.
            PlanChange.Changed => $"{Prefix(item.Id)}:{turn.Now:yyyyMMddHHmmssfff}",
            _ => $"{Prefix(item.Id)}:removed",
        };
        var content = CardMessages.InEachLanguage(t =>
            PlanCards.Announcement(t, change, unit, item.Year, ThemePlans.PeriodName(t, item), item.Text));
        var title = Texts.Vietnamese.Format("Plan.AnnounceTitle", unit);
        var (_, started) = await Outbox.BroadcastAsync(turn.Db, Kind, key, title, content, new Audience(item.UnitId), turn.Member.Id, turn.Now, default);
        return started;
    }
}
