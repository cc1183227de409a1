using System.Text.Json.Nodes;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Resources;

namespace StudyBot.Commitments;

/// <summary>How a cell stands for the year: sets by state, and commitments by standing.</summary>
public sealed record CellCounts(int Members, int Registered, int Approved, int Waiting, int Returned,
    int OnTrack, int Behind, int Done, int NotReported);

/// <summary>Someone the secretary should look at: a set waiting for review, or a commitment behind or not reported.</summary>
public sealed record CellLine(string Name, Guid SetId, string What);

/// <summary>The secretary's side: the review card that comes with each set, and the cell's year at a glance.</summary>
public static class ReviewCards
{
    public const string ReviewVerb = "commit.review";
    public const string ApproveVerb = "commit.approve";
    public const string ReturnVerb = "commit.return";
    public const string CellVerb = "commit.cell.list";
    public const string RemindVerb = "commit.remind";

    public static AdaptiveCard Review(Texts t, CommitmentSet set, string member, string unit, DateTime submittedLocal,
        IReadOnlyList<CommitmentView> items, string? comment = null, string? error = null)
    {
        var card = new AdaptiveCard().Add(Element.Heading(t.Format("Commit.ReviewTitle", CardText.User(member, 100), set.Year)))
            .Add(Element.Text(t.Format("Commit.ReviewFrom", CardText.User(unit, 100), LocalTime.Describe(submittedLocal, t)), subtle: true));
        if (error is not null) card.Add(Element.Error(error));
        foreach (var (item, i) in items.Select((x, i) => (x, i))) CommitmentCards.AddCommitment(card, t, item, i + 1, set.Year);
        // Which sending of the set this card shows: a set taken back, changed and sent again needs a fresh look.
        var data = new JsonObject { ["setId"] = set.Id.ToString(), ["sent"] = (set.SubmittedAt ?? default).Ticks.ToString() };
        return card.Add(Element.TextInput("comment", t["Commit.FieldComment"], comment, 1000, multiline: true, placeholder: t["Commit.FieldCommentHint"]))
            .AddAction(CardAction.Execute(t["Commit.Approve"], ApproveVerb, data))
            .AddAction(CardAction.Execute(t["Commit.Return"], ReturnVerb, data));
    }

    public static AdaptiveCard Cell(Texts t, string unit, Guid unitId, int year, CellCounts n, IReadOnlyList<CellLine> waiting,
        IReadOnlyList<CellLine> attention, IReadOnlyList<(string Name, Guid Id)> units, string? notice = null)
    {
        var card = new AdaptiveCard().Add(Element.Heading(t.Format("Commit.CellTitle", CardText.User(unit, 100), year)));
        if (notice is not null) card.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = notice, ["wrap"] = true, ["color"] = "Good" });
        card.Add(Element.Facts([
            (t["Commit.CellRegistered"], t.Format("Commit.CellRegisteredValue", n.Registered, n.Members, n.Approved, n.Waiting, n.Returned)),
            (t["Commit.CellStanding"], t.Format("Commit.CellStandingValue", n.OnTrack, n.Behind, n.Done, n.NotReported)),
        ]));
        if (waiting.Count > 0)
        {
            card.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = t["Commit.CellWaiting"], ["wrap"] = true, ["weight"] = "Bolder", ["separator"] = true });
            foreach (var w in waiting.Take(20))
                card.Add(Element.Text(CardText.User(w.Name, 100)))
                    .Add(new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray(CardAction.ExecuteWithoutInputs(t["Commit.OpenReview"], ReviewVerb, new JsonObject { ["setId"] = w.SetId.ToString() })) });
        }
        if (attention.Count > 0)
            card.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = t["Commit.CellAttention"], ["wrap"] = true, ["weight"] = "Bolder", ["separator"] = true })
                .Add(Element.Facts(attention.Take(30).Select(a => (CardText.User(a.Name, 100), a.What))));
        var data = new JsonObject { ["unit"] = unitId.ToString(), ["year"] = year };
        if (attention.Count > 0) card.AddAction(CardAction.ExecuteWithoutInputs(t["Commit.RemindBehind"], RemindVerb, data));
        card.AddAction(CardAction.ExecuteWithoutInputs(t["Commit.Schedule"], CheckInSchedules.FormVerb, new JsonObject { ["unit"] = unitId.ToString() }));
        if (units.Count > 1)
            card.Add(Element.UnitChoice(t["Theme.FieldUnit"], units, unitId.ToString()))
                .AddAction(CardAction.Execute(t["Commit.CellOther"], CellVerb, new JsonObject { ["year"] = year }));
        return card;
    }
}
