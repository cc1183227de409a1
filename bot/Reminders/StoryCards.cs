using System.Text.Json.Nodes;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Resources;

namespace StudyBot.Reminders;

/// <summary>The storyteller's cards, from plain values.</summary>
public static class StoryCards
{
    public static AdaptiveCard Ask(Texts t, Guid assignmentId, string meeting, DateTime local, string unit,
        IReadOnlyList<(string Name, Guid Id)> colleagues)
    {
        var data = new JsonObject { ["assignmentId"] = assignmentId.ToString() };
        var card = new AdaptiveCard()
            .Add(Element.Heading(t["Story.Heading"]))
            .Add(Element.Text(t.Format("Story.Asked", CardText.User(meeting, 200), LocalTime.Describe(local, t), CardText.User(unit, 100))));
        if (colleagues.Count > 0)
            card.Add(Element.ChoiceInput("colleague", t["Story.SwapWith"], colleagues.Select(n => (CardText.Choice(n.Name, 100), n.Id.ToString())), null));
        card.AddAction(CardAction.ExecuteWithoutInputs(t["Story.Accept"], StoryRotaService.AcceptVerb, data));
        if (colleagues.Count > 0) card.AddAction(CardAction.Execute(t["Story.Swap"], StoryRotaService.SwapVerb, data));
        return card.AddAction(CardAction.ExecuteWithoutInputs(t["Story.Decline"], StoryRotaService.DeclineVerb, data));
    }

    public static AdaptiveCard SwapRequest(Texts t, Guid assignmentId, string from, string meeting, DateTime local)
    {
        var data = new JsonObject { ["assignmentId"] = assignmentId.ToString() };
        return new AdaptiveCard()
            .Add(Element.Heading(t["Story.Heading"]))
            .Add(Element.Text(t.Format("Story.SwapRequest", CardText.User(from, 100), CardText.User(meeting, 200), LocalTime.Describe(local, t))))
            .AddAction(CardAction.Execute(t["Story.SwapTake"], StoryRotaService.SwapAcceptVerb, data))
            .AddAction(CardAction.Execute(t["Story.SwapRefuse"], StoryRotaService.SwapDeclineVerb, data));
    }
}
