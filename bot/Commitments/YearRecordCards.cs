using System.Text.Json.Nodes;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Resources;

namespace StudyBot.Commitments;

/// <summary>The record of the year as its member and the secretary see it.</summary>
public static class YearRecordCards
{
    public const string ConfirmVerb = "record.confirm";
    public const string ListVerb = "record.list";
    public const string OpenVerb = "record.open";
    public const string CommentVerb = "record.comment";

    /// <summary>Everything the bot knows of the person's year, by heading, then the commitments with their final result.</summary>
    public static AdaptiveCard Record(Texts t, int year, string name, IReadOnlyList<YearLine> lines, YearRecord? record, bool forMember,
        string? typed = null, string? error = null, string? notice = null)
    {
        var card = new AdaptiveCard().Add(Element.Heading(t.Format("Record.Title", year, CardText.User(name, 100))));
        if (notice is not null) card.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = notice, ["wrap"] = true, ["color"] = "Good" });
        if (error is not null) card.Add(Element.Error(error));
        foreach (var group in lines.GroupBy(l => l.Heading))
            card.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = group.Key, ["wrap"] = true, ["weight"] = "Bolder", ["separator"] = true })
                .Add(Element.Text(string.Join("\n", group.Select(l => "- " + CardText.User(l.Text, 600)))));
        if (lines.Count == 0) card.Add(Element.Text(t["Record.Nothing"]));
        card.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = t["Record.Self"], ["wrap"] = true, ["weight"] = "Bolder", ["separator"] = true });
        if (record?.ConfirmedAt is not null) card.Add(Element.Text(CardText.User(record.SelfAssessment ?? "", 2000)));
        else if (forMember && record is not null)
            card.Add(Element.TextInput("self", t["Record.FieldSelf"], typed, 2000, multiline: true, required: true, placeholder: t["Record.FieldSelfHint"]))
                .AddAction(CardAction.Execute(t["Record.Confirm"], ConfirmVerb, new JsonObject { ["year"] = year }));
        else card.Add(Element.Text(t[record is null ? "Record.NotSent" : "Record.NotYet"], subtle: true));
        if (record?.CommentedAt is not null)
            card.Add(Element.Facts([
                (t["Record.Comment"], CardText.User(record.SecretaryComment ?? "", 2000)),
                (t["Record.Assessment"], t[$"Record.Assessment.{record.Assessment}"] + (record.AssessmentWording is { } w ? $" · {CardText.User(w, 500)}" : "")),
            ]));
        return card;
    }

    /// <summary>The secretary's part under the record: a comment, and the residential cell's assessment under Quy định 76.</summary>
    public static AdaptiveCard AddReview(AdaptiveCard card, Texts t, Guid recordId, YearRecord record, bool partyMember,
        (string? Comment, string? Assessment, string? Wording)? typed = null)
    {
        card.Add(Element.TextInput("comment", t["Record.FieldComment"], typed?.Comment ?? record.SecretaryComment, 2000, multiline: true, required: true));
        if (partyMember)
            card.Add(Element.ChoiceInput("assessment", t["Record.FieldAssessment"], Assessment76.Recorded.Select(a => (t[$"Record.Assessment.{a}"], a)),
                    typed?.Assessment ?? (record.Assessment == Assessment76.Pending ? Assessment76.NotReceived : record.Assessment)))
                .Add(Element.TextInput("wording", t["Record.FieldWording"], typed?.Wording ?? record.AssessmentWording, 500, placeholder: t["Record.FieldWordingHint"]));
        return card.AddAction(CardAction.Execute(t["Theme.Save"], CommentVerb, new JsonObject { ["recordId"] = recordId.ToString() }))
            .AddAction(CardAction.ExecuteWithoutInputs(t["Record.BackToList"], ListVerb, new JsonObject { ["year"] = record.Year, ["unit"] = record.UnitId.ToString() }));
    }

    /// <summary>The cell's records: who has confirmed, who the secretary has commented on, and the assessments received.</summary>
    public static AdaptiveCard List(Texts t, string unit, Guid unitId, int year, IReadOnlyList<(string Name, YearRecord? Record, bool CanComment)> rows,
        IReadOnlyList<(string Name, Guid Id)> units, string? notice = null)
    {
        var card = new AdaptiveCard().Add(Element.Heading(t.Format("Record.ListTitle", CardText.User(unit, 100), year)));
        if (notice is not null) card.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = notice, ["wrap"] = true, ["color"] = "Good" });
        if (rows.All(r => r.Record is null)) card.Add(Element.Text(t["Record.NoneSent"]));
        foreach (var (name, record, canComment) in rows)
        {
            var state = record is null ? t["Record.StateNotSent"] : record.CommentedAt is not null ? t["Record.StateCommented"]
                : record.ConfirmedAt is not null ? t["Record.StateConfirmed"] : t["Record.StateWaiting"];
            card.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = $"{CardText.User(name, 100)} · {state}", ["wrap"] = true, ["separator"] = true });
            if (record is not null && !canComment) card.Add(Element.Text(t["Record.OwnGoesUp"], subtle: true));
            else if (record is not null)
                card.Add(new JsonObject
                {
                    ["type"] = "ActionSet",
                    ["actions"] = new JsonArray(CardAction.ExecuteWithoutInputs(t["Record.Open"], OpenVerb, new JsonObject { ["recordId"] = record.Id.ToString() })),
                });
        }
        if (units.Count > 1)
            card.Add(Element.UnitChoice(t["Theme.FieldUnit"], units, unitId.ToString()))
                .AddAction(CardAction.Execute(t["Commit.CellOther"], ListVerb, new JsonObject { ["year"] = year }));
        return card;
    }
}
