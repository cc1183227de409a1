using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;

namespace StudyBot.Themes;

/// <summary>
/// A cell's secretary keeps the cell's own plan items for a quarter or a month: adds them, changes and removes them, and
/// tells the cell's members (<see cref="PlanAnnouncements"/>). Which cells a person may plan for is always read from their
/// stored roles, never from the card.
/// </summary>
public static class ThemePlans
{
    public static async Task ListAsync(Turn turn)
    {
        var units = await UnitsAsync(turn);
        if (units.Count == 0) { turn.Refuse("theme.plan", Access.SecretariesAndAdmins); return; }
        turn.Show(await ListCardAsync(turn, units));
    }

    public static async Task FormAsync(Turn turn)
    {
        var units = await UnitsAsync(turn);
        if (units.Count == 0) { turn.Refuse("theme.plan", Access.SecretariesAndAdmins); return; }
        var thisYear = ThisYear(turn);
        if (turn.Field("planId") is null)
        {
            var local = turn.Services.GetRequiredService<IOptions<ThemeOptions>>().Value.Local(turn.Now);
            turn.Show(PlanCards.Form(turn.T, Years(thisYear), units, new(null, thisYear.ToString(), $"m{local.Month}", null)));
            return;
        }
        if (await ItemAsync(turn, units, "theme.plan.change") is not { } item) return;
        // A change to an item members were told of is worth telling them too; one never announced stays quiet unless asked.
        var announce = await PlanAnnouncements.WasAnnouncedAsync(turn.Db, item.Id) ? "true" : "false";
        var values = new PlanFormValues(item.UnitId.ToString(), item.Year.ToString(), Period(item), item.Text, announce);
        turn.Show(PlanCards.Form(turn.T, Years(thisYear, item.Year), units, values, item.Id));
    }

    public static async Task SaveAsync(Turn turn)
    {
        var units = await UnitsAsync(turn);
        var unitId = Guid.TryParse(turn.Field("unit"), out var u) ? u : Guid.Empty;
        if (units.All(x => x.Id != unitId)) { turn.Refuse("theme.plan", Access.SecretariesAndAdmins, unitId.ToString()); return; }
        PlanItem? item = null;
        if (turn.Field("planId") is not null && (item = await ItemAsync(turn, units, "theme.plan.change")) is null) return;

        var values = new PlanFormValues(unitId.ToString(), turn.Field("year") ?? "", turn.Field("period") ?? "",
            turn.Field("text")?.Trim() ?? "", turn.Field("announce") == "true" ? "true" : "false");
        var years = Years(ThisYear(turn), item?.Year);
        var year = int.TryParse(values.Year, out var y) && years.Contains(y) ? y : 0;
        var (quarter, month) = ParsePeriod(values.Period);
        var errors = new FormErrors()
            .When(year == 0, turn.T.Format("Plan.BadYear", years[0], years[^1]))
            .When(quarter is null && month is null, turn.T["Theme.PlanPeriodRequired"])
            .When(values.Text!.Length == 0, turn.T["Theme.PlanTextRequired"])
            .When(values.Text.Length > 1000, turn.T.Format("Content.TooLong", 1000));
        if (errors.Text is { } error) { turn.UpdateCard(PlanCards.Form(turn.T, years, units, values, item?.Id, error)); return; }

        var change = item is null ? PlanChange.Added : PlanChange.Changed;
        var before = item is null ? null : Shown(item);
        if (item is null)
        {
            item = new PlanItem { Id = Guid.NewGuid(), CreatedBy = turn.Member.Id, CreatedAt = turn.Now };
            turn.Db.Add(item);
        }
        (item.UnitId, item.Year, item.Quarter, item.Month, item.Text) = (unitId, year, quarter, month, values.Text);
        turn.Audit(change == PlanChange.Added ? "theme.plan.add" : "theme.plan.change", item.Id.ToString());
        var unit = units.First(x => x.Id == unitId).Name;
        // Saved unchanged (a second press, say), members are not told again.
        var told = values.Announce == "true" && before != Shown(item) && await PlanAnnouncements.SendAsync(turn, change, item, unit);
        var when = turn.T.Format("Plan.When", PeriodName(turn.T, item), year);
        var notice = turn.T.Format(change == PlanChange.Added ? "Theme.PlanAdded" : "Plan.Changed", CardText.User(unit, 100), when)
            + (told ? " " + turn.T["Plan.MembersTold"] : "");
        turn.Show(await ListCardAsync(turn, units, notice, item));
    }

    public static async Task RemoveAsync(Turn turn)
    {
        var units = await UnitsAsync(turn);
        if (await ItemAsync(turn, units, "theme.plan.remove") is not { } item) return;
        turn.Show(PlanCards.ConfirmRemove(turn.T, Line(turn, item, units), await PlanAnnouncements.WasAnnouncedAsync(turn.Db, item.Id)));
    }

    /// <summary>Removes the item; members who were told of it are told it is dropped, so nobody prepares for it.</summary>
    public static async Task RemoveConfirmedAsync(Turn turn)
    {
        var units = await UnitsAsync(turn);
        if (await ItemAsync(turn, units, "theme.plan.remove") is not { } item) return;
        var line = Line(turn, item, units);
        var told = await PlanAnnouncements.WasAnnouncedAsync(turn.Db, item.Id)
            && await PlanAnnouncements.SendAsync(turn, PlanChange.Removed, item, line.Unit);
        turn.Db.Remove(item);
        turn.Audit("theme.plan.remove", item.Id.ToString());
        var notice = turn.T.Format("Plan.Removed", CardText.User(line.Unit, 100), turn.T.Format("Plan.When", line.Period, line.Year))
            + (told ? " " + turn.T["Plan.MembersTold"] : "");
        turn.Show(await ListCardAsync(turn, units, notice, removed: item.Id));
    }

    /// <summary>
    /// The item a button names, if this person may plan for its cell. A removed item (a second press, an old card) says so
    /// and shows the list, rather than failing.
    /// </summary>
    private static async Task<PlanItem?> ItemAsync(Turn turn, List<(string Name, Guid Id)> units, string action)
    {
        var id = Guid.TryParse(turn.Field("planId"), out var p) ? p : Guid.Empty;
        var item = await turn.Db.Set<PlanItem>().FirstOrDefaultAsync(x => x.Id == id);
        if (item is null) { turn.Show(await ListCardAsync(turn, units, turn.T["Plan.Gone"])); return null; }
        if (units.All(x => x.Id != item.UnitId)) { turn.Refuse(action, Access.SecretariesAndAdmins, item.Id.ToString()); return null; }
        return item;
    }

    /// <summary>This year's and later items of the cells this person plans for, own cell first, in the order of the year.</summary>
    private static async Task<AdaptiveCard> ListCardAsync(Turn turn, List<(string Name, Guid Id)> units, string? notice = null,
        PlanItem? saved = null, Guid? removed = null)
    {
        var ids = units.Select(u => u.Id).ToList();
        var thisYear = ThisYear(turn);
        var items = await turn.Db.Set<PlanItem>().Where(x => ids.Contains(x.UnitId) && x.Year >= thisYear).ToListAsync();
        // The list is read before the save is written: put the saved item in, and the removed one out, by hand.
        items.RemoveAll(x => x.Id == removed || x.Id == saved?.Id);
        if (saved is not null && saved.Year >= thisYear) items.Add(saved);
        var lines = items.OrderBy(x => ids.IndexOf(x.UnitId)).ThenBy(x => x.Year).ThenBy(StartMonth).ThenBy(x => x.Month is null ? 0 : 1)
            .ThenBy(x => x.CreatedAt).Take(40).Select(x => Line(turn, x, units)).ToList();
        return PlanCards.List(turn.T, lines, notice);
    }

    private static PlanLine Line(Turn turn, PlanItem x, List<(string Name, Guid Id)> units) =>
        new(x.Id, units.FirstOrDefault(u => u.Id == x.UnitId).Name ?? "", x.Year, PeriodName(turn.T, x), x.Text);

    public static string PeriodName(Resources.Texts t, PlanItem x) =>
        x.Month is { } m ? t.Format("Theme.Month", m) : t.Format("Theme.Quarter", x.Quarter!);

    private static string Shown(PlanItem x) => $"{x.UnitId}|{x.Year}|{x.Quarter}|{x.Month}|{x.Text}";

    private static int StartMonth(PlanItem x) => x.Month ?? (x.Quarter!.Value - 1) * 3 + 1;

    private static string Period(PlanItem x) => x.Month is { } m ? $"m{m}" : $"q{x.Quarter}";

    private static (int? Quarter, int? Month) ParsePeriod(string period) =>
        (period is ['q', var q] && q is >= '1' and <= '4' ? q - '0' : null,
         period.StartsWith('m') && int.TryParse(period[1..], out var m) && m is >= 1 and <= 12 ? m : null);

    /// <summary>This year and the next (in December a cell plans its first quarter), and an edited item's own year.</summary>
    private static List<int> Years(int thisYear, int? itemYear = null) =>
        new[] { thisYear, thisYear + 1 }.Concat(itemYear is { } y ? [y] : []).Distinct().Order().ToList();

    private static int ThisYear(Turn turn) => turn.Services.GetRequiredService<IOptions<ThemeOptions>>().Value.Local(turn.Now).Year;


    /// <summary>The units this person may plan for, their own cell first: where they are secretary (and the units under them); every unit for admins.</summary>
    private static Task<List<(string Name, Guid Id)>> UnitsAsync(Turn turn) => ManagedUnits.ListAsync(turn.Db, turn.Roles, turn.Member.Id);
}
