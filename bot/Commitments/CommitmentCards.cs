using System.Text.Json.Nodes;
using StudyBot.Cards;
using StudyBot.Resources;

namespace StudyBot.Commitments;

/// <summary>One commitment as a card shows it, with where it stands when progress is asked for.</summary>
public sealed record CommitmentView(Commitment Commitment, IReadOnlyList<Milestone> Milestones, Standing? Standing, int Expected);

/// <summary>What the commitment form holds, as typed (strings, as cards send them).</summary>
public sealed record CommitmentForm(string? Task, string? Partners, string? Responsibility, string? Result, string? Milestones,
    string? Deadline, string Post);

/// <summary>The member's side of "làm theo": their set for the year, the form for one commitment, and the progress form.</summary>
public static class CommitmentCards
{
    public const string FormVerb = "commit.form";
    public const string SaveVerb = "commit.save";
    public const string RemoveVerb = "commit.remove";
    public const string SubmitVerb = "commit.submit";
    public const string ReopenVerb = "commit.reopen";
    public const string ShowVerb = "commit.show";
    public const string ProgressFormVerb = "commit.progress.form";
    public const string ProgressSaveVerb = "commit.progress.save";
    public const int MaxPerSet = 10;

    public static AdaptiveCard Mine(Texts t, int year, CommitmentSet? set, IReadOnlyList<CommitmentView> items, string post,
        string? stateLine, string? notice = null, bool current = true)
    {
        var status = set?.Status;
        // Another year's set is read only: its buttons would act on this year's.
        var editable = current && status is null or CommitmentStatus.Draft or CommitmentStatus.Returned;
        var card = new AdaptiveCard().Add(Element.Heading(t.Format("Commit.Title", year)));
        if (notice is not null) card.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = notice, ["wrap"] = true, ["color"] = "Good" });
        card.Add(Element.Text(stateLine ?? t["Commit.StateNone"]));
        if (status == CommitmentStatus.Returned && set!.ReviewComment is { } comment)
            card.Add(Element.Error(t.Format("Commit.ReturnedWith", CardText.User(comment, 1000))));
        foreach (var (item, i) in items.Select((x, i) => (x, i)))
        {
            AddCommitment(card, t, item, i + 1, year);
            if (editable)
            {
                var data = new JsonObject { ["commitmentId"] = item.Commitment.Id.ToString() };
                card.Add(new JsonObject
                {
                    ["type"] = "ActionSet",
                    ["actions"] = new JsonArray(CardAction.Execute(t["Plan.Change"], FormVerb, data), CardAction.Execute(t["Plan.Remove"], RemoveVerb, data)),
                });
            }
        }
        if (editable)
        {
            card.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = t.Format("Commit.ExampleFor", t[$"Commit.Post.{post}"]), ["wrap"] = true, ["weight"] = "Bolder", ["separator"] = true })
                .Add(Element.Text(t[$"Commit.Example.{post}"], subtle: true))
                .Add(Element.Text(t[$"Commit.ExampleSource.{post}"], subtle: true));
            if (items.Count < MaxPerSet) card.AddAction(CardAction.Execute(t["Commit.Add"], FormVerb));
            if (items.Count > 0) card.AddAction(CardAction.Execute(t["Commit.Submit"], SubmitVerb, new JsonObject { ["year"] = year }));
        }
        else if (!current) { }
        else if (status == CommitmentStatus.Submitted) card.AddAction(CardAction.Execute(t["Commit.Reopen"], ReopenVerb, new JsonObject { ["year"] = year }));
        else if (status == CommitmentStatus.Approved)
            card.AddAction(CardAction.Execute(t["Commit.UpdateProgress"], ProgressFormVerb, new JsonObject { ["year"] = year }))
                .AddAction(CardAction.Execute(t["Commit.Reopen"], ReopenVerb, new JsonObject { ["year"] = year }));
        return card;
    }

    /// <summary>A commitment by the 4 Rõ and its Rõ tiến độ; with where it stands once progress counts.</summary>
    public static void AddCommitment(AdaptiveCard card, Texts t, CommitmentView item, int number, int year)
    {
        var c = item.Commitment;
        // A fact's value is one line in Teams: milestones go side by side, and the deadline is a fact of its own.
        var progress = string.Join("; ", item.Milestones.Select(m => $"{m.Name(t)}: {m.Percent}%{(m.Note is { } n ? " (" + CardText.User(n, 200) + ")" : "")}"));
        var facts = new List<(string, string)>
        {
            (t["Commit.Who"], c.Partners is { } p ? t.Format("Commit.WhoWith", CardText.User(p, 300)) : t["Commit.WhoSelf"]),
            (t["Commit.Responsibility"], CardText.User(c.Responsibility, 500)),
            (t["Commit.Result"], CardText.User(c.Result, 500)),
            (t["Commit.Progress"], progress),
            (t["Commit.DeadlineLabel"], c.Deadline.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (item.Standing is { } standing)
            facts.Add((t["Commit.Now"], t.Format($"Commit.Standing.{standing}", c.Percent ?? 0, item.Expected)
                + (c.Note is { } note ? " · " + CardText.User(note, 500) : "")));
        // "Việc 1:", not "1.": a line starting "1." is a numbered list to the card's markdown, indented and renumbered.
        card.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = t.Format("Commit.Number", number, CardText.User(c.Task, 500)), ["wrap"] = true, ["weight"] = "Bolder", ["separator"] = true })
            .Add(Element.Facts(facts));
    }

    public static AdaptiveCard Form(Texts t, int year, CommitmentForm values, Guid? commitmentId, string? error = null)
    {
        var card = new AdaptiveCard().Add(Element.Heading(t[commitmentId is null ? "Commit.AddTitle" : "Commit.ChangeTitle"]));
        if (error is not null) card.Add(Element.Error(error));
        var data = new JsonObject { ["year"] = year };
        if (commitmentId is { } id) data["commitmentId"] = id.ToString();
        return card
            .Add(Element.ChoiceInput("post", t["Commit.FieldPost"], Posts.All.Select(p => (t[$"Commit.Post.{p}"], p)), values.Post))
            .Add(Element.TextInput("task", t["Commit.FieldTask"], values.Task, 500, multiline: true, required: true))
            .Add(Element.TextInput("partners", t["Commit.FieldPartners"], values.Partners, 300, placeholder: t["Commit.FieldPartnersHint"]))
            .Add(Element.TextInput("responsibility", t["Commit.FieldResponsibility"], values.Responsibility, 500, multiline: true, required: true))
            .Add(Element.TextInput("result", t["Commit.FieldResult"], values.Result, 500, multiline: true, required: true,
                placeholder: t["Commit.FieldResultHint"]))
            .Add(Element.TextInput("milestones", t["Commit.FieldMilestones"], values.Milestones, 2000, multiline: true, required: true,
                placeholder: t["Commit.FieldMilestonesHint"]))
            .Add(new JsonObject
            {
                ["type"] = "Input.Date", ["id"] = "deadline", ["label"] = t["Commit.FieldDeadline"], ["value"] = values.Deadline,
                ["min"] = $"{year}-01-01", ["max"] = $"{year}-12-31", ["isRequired"] = true, ["errorMessage"] = t["Commit.FieldDeadline"],
            })
            .AddAction(CardAction.Execute(t["Theme.Save"], SaveVerb, data))
            .AddAction(CardAction.ExecuteWithoutInputs(t["Commit.Back"], ShowVerb, new JsonObject { ["year"] = year }));
    }

    /// <summary>Per commitment: how far along it is now (a percentage) and a note. Asked on the cell's schedule, or opened at any time.</summary>
    public static AdaptiveCard Progress(Texts t, int year, IReadOnlyList<CommitmentView> items, string? intro = null, string? error = null,
        Func<string, string?>? typed = null)
    {
        var card = new AdaptiveCard().Add(Element.Heading(t.Format("Commit.ProgressTitle", year)));
        if (intro is not null) card.Add(Element.Text(intro));
        if (error is not null) card.Add(Element.Error(error));
        foreach (var (item, i) in items.Select((x, i) => (x, i)))
        {
            var c = item.Commitment;
            card.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = t.Format("Commit.Number", i + 1, CardText.User(c.Task, 500)), ["wrap"] = true, ["weight"] = "Bolder", ["separator"] = true })
                .Add(Element.Text(t.Format("Commit.ProgressSoFar", c.Percent ?? 0, item.Expected), subtle: true))
                .Add(new JsonObject
                {
                    ["type"] = "Input.Number", ["id"] = $"percent-{c.Id}", ["label"] = t["Commit.FieldPercent"], ["min"] = 0, ["max"] = 100,
                    ["value"] = typed?.Invoke($"percent-{c.Id}") is { } p && double.TryParse(p, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : c.Percent ?? 0,
                })
                .Add(Element.TextInput($"note-{c.Id}", t["Commit.FieldNote"], typed?.Invoke($"note-{c.Id}"), 500, placeholder: t["Commit.FieldNoteHint"]));
        }
        return card.AddAction(CardAction.Execute(t["Commit.ProgressSave"], ProgressSaveVerb, new JsonObject { ["year"] = year }));
    }
}
