using System.Text.Json.Nodes;
using StudyBot.Cards;
using StudyBot.Resources;

namespace StudyBot.Themes;

/// <summary>One plan item as the secretary sees it in the list.</summary>
public sealed record PlanLine(Guid Id, string Unit, int Year, string Period, string Text);

/// <summary>What the plan form holds, as typed (strings, as cards send them).</summary>
public sealed record PlanFormValues(string? UnitId, string Year, string Period, string? Text, string Announce = "true");

/// <summary>The secretary's list of the cells' plan items, the form to add or change one, and what members are sent.</summary>
public static class PlanCards
{
    public const string ListVerb = "theme.plan.list";
    public const string FormVerb = "theme.plan.form";
    public const string SaveVerb = "theme.plan.save";
    public const string RemoveVerb = "theme.plan.remove";
    public const string RemoveConfirmedVerb = "theme.plan.remove.yes";

    public static AdaptiveCard List(Texts t, IReadOnlyList<PlanLine> lines, string? notice = null)
    {
        var card = new AdaptiveCard().Add(Element.Heading(t["Plan.ListTitle"]));
        if (notice is not null) card.Add(Element.Text(notice));
        if (lines.Count == 0) card.Add(Element.Text(t["Plan.NoneYet"]));
        foreach (var line in lines)
        {
            var data = new JsonObject { ["planId"] = line.Id.ToString() };
            card.Add(new JsonObject
                {
                    ["type"] = "TextBlock", ["wrap"] = true, ["weight"] = "Bolder", ["separator"] = true,
                    ["text"] = $"{CardText.User(line.Unit, 100)} · {t.Format("Plan.When", line.Period, line.Year)}",
                })
                .Add(Element.Text(CardText.User(line.Text, 1000)))
                .Add(new JsonObject
                {
                    ["type"] = "ActionSet",
                    ["actions"] = new JsonArray(CardAction.Execute(t["Plan.Change"], FormVerb, data), CardAction.Execute(t["Plan.Remove"], RemoveVerb, data)),
                });
        }
        return card.AddAction(CardAction.Execute(t["Plan.Add"], FormVerb));
    }

    /// <summary>Adds an item, or changes <paramref name="planId"/>; after a failed save it comes back with every error and what was typed.</summary>
    public static AdaptiveCard Form(Texts t, IReadOnlyList<int> years, IReadOnlyList<(string Name, Guid Id)> units, PlanFormValues values,
        Guid? planId = null, string? error = null)
    {
        var periods = Enumerable.Range(1, 4).Select(q => (t.Format("Theme.Quarter", q), $"q{q}"))
            .Concat(Enumerable.Range(1, 12).Select(m => (t.Format("Theme.Month", m), $"m{m}")));
        var card = new AdaptiveCard().Add(Element.Heading(t[planId is null ? "Plan.AddTitle" : "Plan.ChangeTitle"]));
        if (error is not null) card.Add(Element.Error(error));
        var data = new JsonObject();
        if (planId is { } id) data["planId"] = id.ToString();
        return card
            .Add(Element.UnitChoice(t["Theme.FieldUnit"], units, values.UnitId ?? units[0].Id.ToString()))
            .Add(Element.ChoiceInput("year", t["Plan.FieldYear"], years.Select(y => (y.ToString(), y.ToString())), values.Year))
            .Add(Element.ChoiceInput("period", t["Theme.FieldPeriod"], periods, values.Period))
            .Add(Element.TextInput("text", t["Theme.FieldPlan"], values.Text, 1000, multiline: true, required: true))
            .Add(new JsonObject
            {
                ["type"] = "Input.Toggle", ["id"] = "announce", ["title"] = t[planId is null ? "Plan.FieldAnnounce" : "Plan.FieldAnnounceChange"],
                ["value"] = values.Announce, ["valueOn"] = "true", ["valueOff"] = "false",
            })
            .AddAction(CardAction.Execute(t["Theme.Save"], SaveVerb, data))
            .AddAction(CardAction.ExecuteWithoutInputs(t["Plan.BackToList"], ListVerb));
    }

    public static AdaptiveCard ConfirmRemove(Texts t, PlanLine line, bool announced)
    {
        var data = new JsonObject { ["planId"] = line.Id.ToString() };
        return new AdaptiveCard().Add(Element.Heading(t["Plan.RemoveTitle"]))
            .Add(Element.Facts([($"{CardText.User(line.Unit, 100)} · {t.Format("Plan.When", line.Period, line.Year)}", CardText.User(line.Text, 1000))]))
            .Add(Element.Text(t[announced ? "Plan.RemoveTellsMembers" : "Plan.RemoveQuiet"], subtle: true))
            .AddAction(CardAction.Execute(t["Plan.RemoveYes"], RemoveConfirmedVerb, data))
            .AddAction(CardAction.Execute(t["Plan.Keep"], ListVerb));
    }

    /// <summary>What the cell's members receive: a new item, a changed one, or word that one was dropped.</summary>
    public static AdaptiveCard Announcement(Texts t, PlanChange change, string unit, int year, string period, string text)
    {
        var heading = t.Format(change switch
        {
            PlanChange.Added => "Plan.AnnounceAdded",
            PlanChange.Changed => "Plan.AnnounceChanged",
            _ => "Plan.AnnounceRemoved",
        }, CardText.User(unit, 100));
        return new AdaptiveCard().Add(Element.Heading(heading))
            .Add(Element.Facts([(t.Format("Plan.When", period, year), CardText.User(text, 1000))]))
            .AddAction(CardAction.SendText(t["Plan.SeeTheme"], t["Plan.SeeThemeCommand"]));
    }
}

public enum PlanChange { Added, Changed, Removed }
