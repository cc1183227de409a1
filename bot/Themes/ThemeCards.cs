using System.Text.Json.Nodes;
using StudyBot.Cards;
using StudyBot.Resources;

namespace StudyBot.Themes;

/// <summary>The plan items of the person's own cells for this period, with the cell's name.</summary>
public sealed record CellPlan(string Unit, string Period, string Text);

/// <summary>The newest theme before a year that has none, and the years it was kept for.</summary>
public sealed record PastTheme(StudyTheme Theme, int FirstYear, int LastYear);

/// <summary>The theme card, and the forms admins and secretaries fill in. Built from plain values.</summary>
public static class ThemeCards
{
    public const string FormVerb = "theme.form";
    public const string SaveVerb = "theme.save";

    public static AdaptiveCard Theme(Texts t, int year, StudyTheme? theme, MonthlyTopic? month, IReadOnlyList<CellPlan> plans,
        bool canEdit, bool canPlan, PastTheme? past = null, IReadOnlyList<string>? cells = null)
    {
        var card = new AdaptiveCard().Add(Element.Heading(t.Format("Theme.Heading", year)));
        if (theme is null)
        {
            card.Add(Element.Text(t.Format("Theme.NoneYet", year)));
            AddLatest(card, t, past, cells ?? []);
            AddPlans(card, t, plans, canPlan);
            if (canEdit)
                card.Add(Element.Text(t.Format("Theme.NoneYetAdmin", year), subtle: true))
                    .AddAction(CardAction.Execute(t["Theme.Enter"], FormVerb, new JsonObject { ["year"] = year }));
            return card;
        }
        card.Add(Element.Text(t["Welcome.Campaign"], subtle: true))
            .Add(new JsonObject { ["type"] = "TextBlock", ["text"] = CardText.User(theme.Title, 500), ["wrap"] = true, ["weight"] = "Bolder" })
            .Add(Element.Text(t.Format("Theme.Directive", CardText.User(theme.Directive, 200)), subtle: true));
        if (theme.Description is { } description) card.Add(Element.Text(CardText.User(description, 4000)));
        if (month is not null) card.Add(Element.Facts([(t.Format("Theme.Month", month.Month), CardText.User(month.Topic, 500))]));
        AddPlans(card, t, plans, canPlan: false);
        if (theme.Source is { } source) card.Add(Element.Text(t.Format("Theme.Source", CardText.User(source, 500)), subtle: true));
        if (theme.Link is { } link && ThemeSection.IsHttpsUrl(link)) card.AddAction(CardAction.OpenUrl(t["Theme.Document"], link));
        // Registration to follow (làm theo) opens with the year's theme: the card is the way in.
        card.AddAction(CardAction.SendText(t["Theme.Follow"], t["Commit.OpenCommand"]));
        if (canPlan) card.AddAction(CardAction.Execute(t["Theme.AddPlan"], PlanCards.ListVerb));
        if (canEdit) card.AddAction(CardAction.Execute(t["Theme.Edit"], FormVerb, new JsonObject { ["year"] = year }));
        return card;
    }

    /// <summary>The plan items of the member's cells for this quarter and month: a cell plans even in a year with no theme yet.</summary>
    private static void AddPlans(AdaptiveCard card, Texts t, IReadOnlyList<CellPlan> plans, bool canPlan)
    {
        if (plans.Count > 0)
            card.Add(Element.Text(t["Theme.CellPlans"], subtle: true))
                .Add(Element.Facts(plans.Select(p => ($"{CardText.User(p.Unit, 100)} · {p.Period}", CardText.User(p.Text, 1000)))));
        if (canPlan) card.AddAction(CardAction.Execute(t["Theme.AddPlan"], PlanCards.ListVerb));
    }

    /// <summary>
    /// Under "no theme yet": the most recent theme, named with its own years and never as this year's, and where a member
    /// can ask meanwhile.
    /// </summary>
    private static void AddLatest(AdaptiveCard card, Texts t, PastTheme? past, IReadOnlyList<string> cells)
    {
        if (past is not null)
        {
            var single = past.FirstYear == past.LastYear;
            var years = single ? past.LastYear.ToString() : $"{past.FirstYear}–{past.LastYear}";
            card.Add(Element.Text(single ? t.Format("Theme.LatestYear", years) : t.Format("Theme.LatestYears", past.FirstYear, past.LastYear), subtle: true))
                .Add(new JsonObject { ["type"] = "TextBlock", ["text"] = CardText.User(past.Theme.Title, 500), ["wrap"] = true, ["weight"] = "Bolder" })
                .Add(Element.Text(t.Format("Theme.Directive", CardText.User(past.Theme.Directive, 200)), subtle: true))
                .AddAction(CardAction.SendText(t.Format("Theme.SeeYear", years), t.Format("Theme.SeeYearCommand", past.LastYear)));
        }
        card.Add(Element.Text(cells.Count == 0 ? t["Theme.AskCellNone"]
            : t.Format("Theme.AskCell", string.Join(t["Theme.Or"], cells.Select(c => CardText.User(c, 100))))));
    }

    /// <summary>The admin's form for a year's theme; after a failed save it comes back with the error and the typed values.</summary>
    public static AdaptiveCard Form(Texts t, int year, ThemeFormValues values, string? error = null)
    {
        var card = new AdaptiveCard().Add(Element.Heading(t.Format("Theme.FormTitle", year)));
        if (error is not null) card.Add(Element.Error(error));
        return card
            .Add(Element.TextInput("title", t["Theme.FieldTitle"], values.Title, 500, multiline: true, required: true))
            .Add(Element.TextInput("directive", t["Theme.FieldDirective"], values.Directive, 200, required: true))
            .Add(Element.TextInput("description", t["Theme.FieldDescription"], values.Description, 4000, multiline: true))
            .Add(Element.TextInput("months", t["Theme.FieldMonths"], values.Months, 4000, multiline: true,
                placeholder: t["Theme.FieldMonthsHint"]))
            .Add(Element.TextInput("link", t["Theme.FieldLink"], values.Link, 1000, placeholder: "https://"))
            .AddAction(CardAction.Execute(t["Theme.Save"], SaveVerb, new JsonObject { ["year"] = year }));
    }
}

/// <summary>What the theme form holds, as typed.</summary>
public sealed record ThemeFormValues(string? Title, string? Directive, string? Description, string? Months, string? Link);
