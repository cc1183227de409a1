using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;

namespace StudyBot.Themes;

/// <summary>A cell's secretary adds the cell's own plan items for a quarter or a month.</summary>
public static class ThemePlans
{
    public static async Task FormAsync(Turn turn)
    {
        var units = await UnitsAsync(turn);
        if (units.Count == 0) { turn.Refuse("theme.plan", Access.SecretariesAndAdmins); return; }
        var local = turn.Services.GetRequiredService<IOptions<ThemeOptions>>().Value.Local(turn.Now);
        var card = ThemeCards.PlanForm(turn.T, local.Year, units, $"m{local.Month}");
        if (turn.IsInvoke) turn.UpdateCard(card);
        else turn.Reply(card);
    }

    public static async Task SaveAsync(Turn turn)
    {
        var year = turn.IntField("year") ?? 0;
        var units = await UnitsAsync(turn);
        // The cell comes from the card, but whether this person may plan for it is read from their stored roles.
        var unitId = Guid.TryParse(turn.Field("unit"), out var u) ? u : Guid.Empty;
        if (units.All(x => x.Id != unitId)) { turn.Refuse("theme.plan", Access.SecretariesAndAdmins, unitId.ToString()); return; }
        var period = turn.Field("period") ?? "";
        var text = turn.Field("text")?.Trim() ?? "";
        int? quarter = period is ['q', var q] && q is >= '1' and <= '4' ? q - '0' : null;
        int? month = period.StartsWith('m') && int.TryParse(period[1..], out var m) && m is >= 1 and <= 12 ? m : null;
        var error = quarter is null && month is null ? turn.T["Theme.PlanPeriodRequired"]
            : text.Length == 0 ? turn.T["Theme.PlanTextRequired"]
            : text.Length > 1000 ? turn.T.Format("Content.TooLong", 1000)
            : null;
        if (error is not null)
        {
            turn.UpdateCard(ThemeCards.PlanForm(turn.T, year, units, period, text, unitId, error));
            return;
        }
        turn.Db.Add(new PlanItem
        {
            Id = Guid.NewGuid(), UnitId = unitId, Year = year, Quarter = quarter, Month = month, Text = text,
            CreatedBy = turn.Member.Id, CreatedAt = turn.Now,
        });
        turn.Audit("theme.plan.add", unitId.ToString());
        var when = month is { } mm ? turn.T.Format("Theme.Month", mm) : turn.T.Format("Theme.Quarter", quarter!);
        turn.UpdateCard(CardMessages.Notice(turn.T.Format("Theme.PlanTitle", year),
            turn.T.Format("Theme.PlanAdded", Cards.CardText.User(units.First(x => x.Id == unitId).Name, 100), when)));
    }

    /// <summary>The units this person may plan for, their own cell first: where they are secretary (and the units under them); every unit for admins.</summary>
    private static Task<List<(string Name, Guid Id)>> UnitsAsync(Turn turn) => ManagedUnits.ListAsync(turn.Db, turn.Roles, turn.Member.Id);
}
