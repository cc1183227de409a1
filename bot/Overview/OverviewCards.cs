using System.Text.Json.Nodes;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Resources;

namespace StudyBot.Overview;

/// <summary>The overview card: a heading, then each block with its lines and its one button; nothing for an empty block.</summary>
public static class OverviewCards
{
    public static AdaptiveCard Card(Texts t, string heading, IReadOnlyList<OverviewBlock> blocks, IReadOnlyDictionary<ChartSpec, string>? charts = null)
    {
        var card = new AdaptiveCard().Add(Element.Heading(heading));
        if (blocks.Count == 0) card.Add(Element.Text(t["Overview.Nothing"]));
        foreach (var block in blocks)
        {
            card.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = block.Heading, ["wrap"] = true, ["weight"] = "Bolder", ["separator"] = true })
                .Add(Element.Text(string.Join("\n", block.Lines.Select(l => "- " + l))));
            if (block.Chart is { } chart && charts?.GetValueOrDefault(chart) is { } url)
                card.Add(new JsonObject { ["type"] = "Image", ["url"] = url, ["altText"] = Downloads.Charts.AltText(chart), ["size"] = "Stretch" });
            if (block.Action is { } action)
            {
                // A block's button sends nothing of the cell list below it.
                action["associatedInputs"] = "none";
                card.Add(new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray(action) });
            }
        }
        return card;
    }

    /// <summary>Another cell to open, for those who may see more than one.</summary>
    public static void AddCellChoice(AdaptiveCard card, Texts t, IReadOnlyList<(string Name, Guid Id)> units, Guid current)
    {
        if (units.Count < 2) return;
        card.Add(Element.UnitChoice(t["Theme.FieldUnit"], units, current.ToString()))
            .AddAction(CardAction.Execute(t["Overview.OpenCell"], OverviewCommands.CellVerb));
    }
}
