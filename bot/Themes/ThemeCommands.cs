using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Conversations;

namespace StudyBot.Themes;

/// <summary>`chủ đề` / `theme`: show a year's theme; admins set it on a card form.</summary>
public static class ThemeCommands
{
    public static async Task HandleAsync(Turn turn)
    {
        var args = new Arguments(turn.Arguments);
        var thisYear = turn.Services.GetRequiredService<IOptions<ThemeOptions>>().Value.Local(turn.Now).Year;
        if (args.IsEmpty) turn.Reply(await ThemeQueries.CardForAsync(turn, thisYear));
        else if (int.TryParse(args.Text, out var year) && year is >= 2000 and <= 2100) turn.Reply(await ThemeQueries.CardForAsync(turn, year));
        else if (args.After("đặt", "set") is { } set) await FormAsync(turn, int.TryParse(set.Text, out var y) ? y : thisYear);
        else if (args.After("kế hoạch", "plan") is not null) await ThemePlans.ListAsync(turn);
        else if (args.After("gửi", "send") is not null) await ThemePush.StartFromChatAsync(turn, thisYear);
        else if (args.After("báo cáo", "report") is not null) await ThemePush.ReportAsync(turn);
        else turn.Reply(turn.T["Theme.Usage"]);
    }

    /// <summary>The form, filled with the year's current theme if it has one.</summary>
    public static async Task FormAsync(Turn turn, int year)
    {
        if (!turn.Roles.IsAdmin) { turn.Refuse("theme.set", Access.Admins); return; }
        if (year is < 2000 or > 2100) { turn.Reply(turn.T["Theme.BadYear"]); return; }
        var theme = await turn.Db.Set<StudyTheme>().FirstOrDefaultAsync(x => x.Year == year);
        var months = theme is null ? null : string.Join('\n', ThemeSection.Months(theme).Select(m => $"{m.Month}: {m.Topic}"));
        var values = new ThemeFormValues(theme?.Title, theme?.Directive ?? "Chỉ thị 05-CT/TW ngày 15/5/2016", theme?.Description,
            months, theme?.Link);
        var card = ThemeCards.Form(turn.T, year, values);
        turn.Show(card);
    }

    public static Task OpenFormAsync(Turn turn) => FormAsync(turn, turn.IntField("year") ?? 0);

    /// <summary>Saves the form. Any problem comes back on the same card, with what was typed kept.</summary>
    public static async Task SaveAsync(Turn turn)
    {
        var year = turn.IntField("year") ?? 0;
        string? Field(string id) => turn.Field(id)?.Trim() is { Length: > 0 } s ? s : null;
        var values = new ThemeFormValues(Field("title"), Field("directive"), Field("description"), Field("months"), Field("link"));
        var errors = new Cards.FormErrors()
            .When(year is < 2000 or > 2100, turn.T["Theme.BadYear"])
            .When(values.Title is null, turn.T["Theme.TitleRequired"])
            .When(values.Title is { Length: > 500 }, turn.T.Format("Content.TooLong", 500))
            .When(values.Directive is null, turn.T["Theme.DirectiveRequired"]);
        var months = ParseMonths(values.Months, turn, errors);
        errors.When(values.Link is not null && !ThemeSection.IsHttpsUrl(values.Link), turn.T["Theme.BadLink"]);
        if (errors.Text is { } error) { turn.UpdateCard(ThemeCards.Form(turn.T, year, values, error)); return; }

        var theme = await turn.Db.Set<StudyTheme>().FirstOrDefaultAsync(x => x.Year == year);
        if (theme is null)
        {
            theme = new StudyTheme { Id = Guid.NewGuid(), Year = year };
            turn.Db.Add(theme);
        }
        var before = StudyTheme.Shown(theme);
        (theme.Title, theme.Directive, theme.Description, theme.Link) = (values.Title!, values.Directive!, values.Description, values.Link);
        theme.Months = new JsonArray(months.Select(m => (JsonNode)new JsonObject { ["month"] = m.Month, ["topic"] = m.Topic }).ToArray()).ToJsonString();
        // Saved unchanged, the theme is not "changed since it was sent": no correction becomes due.
        if (StudyTheme.Shown(theme) != before || theme.UpdatedAt == default)
            (theme.Origin, theme.UpdatedAt, theme.UpdatedBy, theme.Source) = ("admin", turn.Now, turn.Member.Id, null);
        turn.Audit("theme.set", year.ToString());
        turn.UpdateCard(ThemeCards.Theme(turn.T, year, theme, null, [], canEdit: true, canPlan: false));
    }

    /// <summary>"3: topic" or "Tháng 3: topic", one per line; every line that is not is reported.</summary>
    private static List<MonthlyTopic> ParseMonths(string? text, Turn turn, Cards.FormErrors errors)
    {
        var months = new List<MonthlyTopic>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':');
            var number = colon < 0 ? "" : CommandText.Fold(line[..colon]).Replace("thang", "").Replace("month", "").Trim();
            if (!int.TryParse(number, out var month) || month is < 1 or > 12 || colon == line.Length - 1)
                errors.When(true, turn.T.Format("Theme.BadMonthLine", Cards.CardText.User(line, 60)));
            else if (months.Any(m => m.Month == month)) errors.When(true, turn.T.Format("Theme.DuplicateMonth", month));
            else months.Add(new MonthlyTopic(month, line[(colon + 1)..].Trim()));
        }
        return months.OrderBy(m => m.Month).ToList();
    }
}
