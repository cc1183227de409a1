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
        var (past, cells) = theme is null ? (await LatestBeforeAsync(turn.Db, year), await CellsAsync(turn.Db, turn.Member.Id)) : (null, []);
        return ThemeCards.Theme(turn.T, year, theme, month, plans, turn.Roles.IsAdmin, turn.Roles.HoldsAnywhere(Role.Secretary), past, cells);
    }

    /// <summary>
    /// The newest theme before <paramref name="year"/> and the run of years it was kept for, so that a year nobody has
    /// entered yet still gives a member something to read, named for the years it belonged to.
    /// </summary>
    private static async Task<PastTheme?> LatestBeforeAsync(StudyBotDb db, int year)
    {
        var earlier = await db.Set<StudyTheme>().Where(t => t.Year < year).OrderByDescending(t => t.Year).Take(20).ToListAsync();
        if (earlier.Count == 0) return null;
        var latest = earlier[0];
        var first = latest.Year;
        foreach (var t in earlier.Skip(1))
        {
            if (t.Year != first - 1 || t.Title != latest.Title) break;
            first = t.Year;
        }
        return new PastTheme(latest, first, latest.Year);
    }

    private static Task<List<string>> CellsAsync(StudyBotDb db, Guid memberId) =>
        db.Set<UnitMembership>().Where(m => m.MemberId == memberId)
            .Join(db.Set<Unit>(), m => m.UnitId, u => u.Id, (_, u) => u.Name).OrderBy(n => n).ToListAsync();

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
