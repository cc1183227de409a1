using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Conversations;
using StudyBot.Resources;
using StudyBot.Storage;

namespace StudyBot.Themes;

/// <summary>The theme card of a year, as one person sees it: with their cells' plan items for this quarter and month.</summary>
public static class ThemeQueries
{
    public static async Task<Cards.AdaptiveCard> CardForAsync(Turn turn, int year)
    {
        var options = turn.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ThemeOptions>>().Value;
        var local = options.Local(turn.Now);
        var theme = await turn.Db.Set<StudyTheme>().FirstOrDefaultAsync(x => x.Year == year);
        var month = year == local.Year && theme is not null ? ThemeSection.Months(theme).FirstOrDefault(m => m.Month == local.Month) : null;
        var plans = year == local.Year ? await PlansAsync(turn.Db, turn.Member.Id, year, local.Month, turn.T) : [];
        return ThemeCards.Theme(turn.T, year, theme, month, plans, turn.Roles.IsAdmin, turn.Roles.HoldsAnywhere(Role.Secretary));
    }

    private static async Task<List<CellPlan>> PlansAsync(StudyBotDb db, Guid memberId, int year, int month, Texts t)
    {
        var quarter = (month - 1) / 3 + 1;
        var units = db.Set<UnitMembership>().Where(m => m.MemberId == memberId).Select(m => m.UnitId);
        var items = await db.Set<PlanItem>()
            .Where(p => units.Contains(p.UnitId) && p.Year == year && (p.Month == month || p.Quarter == quarter))
            .Join(db.Set<Unit>(), p => p.UnitId, u => u.Id, (p, u) => new { p, u.Name })
            .ToListAsync();
        return items.OrderBy(x => x.p.CreatedAt)
            .Select(x => new CellPlan(x.Name, x.p.Month is { } m ? t.Format("Theme.Month", m) : t.Format("Theme.Quarter", x.p.Quarter!), x.p.Text))
            .ToList();
    }
}
