using System.Globalization;
using System.Text.Json.Nodes;
using StudyBot.Cards;
using StudyBot.Resources;

namespace StudyBot.Nominations;

/// <summary>What the nomination form holds, as typed.</summary>
public sealed record NominationFormValues(string? Nominee, string? NomineeText, string? Deed, string? Date, string? Category, string? Note);

/// <summary>
/// The nomination form. In a personal chat it offers Teams' people picker (the whole organisation); everywhere
/// it also takes an email or a name typed in, for clients and scopes where the picker does not work.
/// </summary>
public static class NominationForm
{
    public const string SaveVerb = "nomination.save";
    public const int MinDeed = 20;
    public const int MaxDeed = 2000;

    public static AdaptiveCard Card(Texts t, NominationFormValues v, bool picker, string today, string? error = null, bool confirmDuplicate = false)
    {
        var card = new AdaptiveCard().Add(Element.Heading(t["Nomination.FormTitle"]));
        if (error is not null) card.Add(Element.Error(error));
        if (picker)
        {
            var people = Element.ChoiceInput("nominee", t["Nomination.Picker"], [], v.Nominee);
            (people["isRequired"], people["choices.data"]) = (false, new JsonObject { ["type"] = "Data.Query", ["dataset"] = "graph.microsoft.com/users" });
            people.Remove("errorMessage");
            card.Add(people);
        }
        card.Add(Element.TextInput("nomineeText", t[picker ? "Nomination.NomineeOr" : "Nomination.NomineeText"], v.NomineeText, 200,
                placeholder: "ten.nguoi@bhxh.gov.vn"))
            .Add(Element.TextInput("deed", t.Format("Nomination.DeedLabel", MinDeed, MaxDeed), v.Deed, MaxDeed, multiline: true, required: true))
            .Add(new JsonObject
            {
                ["type"] = "Input.Date", ["id"] = "date", ["label"] = t["Nomination.Date"], ["value"] = v.Date ?? today, ["max"] = today,
                ["isRequired"] = true, ["errorMessage"] = t["Nomination.Date"],
            })
            .Add(Element.ChoiceInput("category", t["Nomination.Category"],
                NominationCategories.All.Select(c => (t[$"Nomination.Category.{c}"], c)), v.Category ?? NominationCategories.Files))
            .Add(Element.TextInput("note", t["Nomination.NoteLabel"], v.Note, 1000, multiline: true));
        if (confirmDuplicate)
            card.AddAction(CardAction.Execute(t["Nomination.SendAnyway"], SaveVerb, new JsonObject { ["confirmDuplicate"] = "true" }));
        else card.AddAction(CardAction.Execute(t["Nomination.Send"], SaveVerb));
        return card;
    }

    /// <summary>Checks what does not need the store; the nominee is looked up by the caller.</summary>
    public static string? Check(Texts t, NominationFormValues v, DateOnly today)
    {
        if (v.Nominee is null && v.NomineeText is null) return t["Nomination.NomineeRequired"];
        var deed = v.Deed ?? "";
        if (deed.Length < MinDeed) return t.Format("Nomination.DeedTooShort", MinDeed);
        if (deed.Length > MaxDeed) return t.Format("Content.TooLong", MaxDeed);
        if (!DateOnly.TryParseExact(v.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date.Year < 2000)
            return t["Nomination.BadDate"];
        if (date > today) return t["Nomination.FutureDate"];
        if (!NominationCategories.All.Contains(v.Category)) return t["Nomination.BadCategory"];
        if (v.Note is { Length: > 1000 }) return t.Format("Content.TooLong", 1000);
        return null;
    }

    /// <summary>Two deeds are alike when most of the words of the shorter one are in the other.</summary>
    public static bool Similar(string a, string b)
    {
        static HashSet<string> Words(string s) => Conversations.CommandText.Fold(s)
            .Split([' ', ',', '.', ';', ':', '\n', '\r', '\t', '-', '(', ')'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 1).ToHashSet();
        var (x, y) = (Words(a), Words(b));
        if (x.Count == 0 || y.Count == 0) return false;
        return (double)x.Intersect(y).Count() / Math.Min(x.Count, y.Count) >= 0.6;
    }
}
