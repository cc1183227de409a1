using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;
using StudyBot.Resources;

namespace StudyBot.Conduct;

/// <summary>
/// `hỏi chờ`: the open questions a secretary or an admin may answer, oldest first, with how long each has waited and
/// the asker's unit, each answerable from the list itself. Questions nobody could receive are here for admins too.
/// </summary>
public static class WaitingQuestions
{
    /// <summary>Marks an answer sent from the list, so the list (not a single question card) is shown again.</summary>
    public const string From = "waiting";

    private const int Shown = 10;

    public static async Task ListAsync(Turn turn)
    {
        if (!turn.Roles.IsAdmin && !turn.Roles.HoldsAnywhere(Role.Secretary)) { turn.Refuse("conduct.waiting", Access.SecretariesAndAdmins); return; }
        turn.Reply(await CardAsync(turn, notice: null));
    }

    /// <summary>After an answer from the list: the list again, without it, and a line saying it went.</summary>
    public static async Task RefreshAsync(Turn turn, string notice) => turn.UpdateCard(await CardAsync(turn, notice));

    private static async Task<AdaptiveCard> CardAsync(Turn turn, string? notice)
    {
        var open = await turn.Db.Set<Escalation>().Where(e => e.Status == EscalationStatus.Open)
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.Number).ToListAsync();
        // The just-answered question is still "open" in this turn's reads until it is saved.
        var mine = open.Where(e => e.Status == EscalationStatus.Open && Escalations.MayAnswer(turn.Roles, e)).ToList();
        var shown = mine.Take(Shown).ToList();
        var people = shown.Select(e => e.AskerId).ToList();
        var units = shown.Select(e => e.AskerUnitId ?? e.UnitId).OfType<Guid>().ToList();
        var names = await turn.Db.Set<Member>().Where(m => people.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name);
        var unitNames = await turn.Db.Set<Unit>().Where(u => units.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name);
        var rows = shown.Select(e => new Waiting(e, (e.AskerUnitId ?? e.UnitId) is { } u ? unitNames.GetValueOrDefault(u) : null,
            names.GetValueOrDefault(e.AskerId, ""))).ToList();
        return Card(turn.T, rows, mine.Count, notice, turn.Now);
    }

    /// <summary>A question on the list, with the names it is shown with.</summary>
    public sealed record Waiting(Escalation Question, string? Unit, string Asker);

    /// <summary>The list: a heading with how many wait, an optional line on what just happened, then each question with its form.</summary>
    public static AdaptiveCard Card(Texts t, IReadOnlyList<Waiting> rows, int total, string? notice, DateTime now)
    {
        var card = new AdaptiveCard().Add(Element.Heading(t.Format("Conduct.WaitingHeading", total)));
        if (notice is not null) card.Add(Element.Text(notice));
        if (total == 0) return card.Add(Element.Text(t["Conduct.WaitingNone"]));
        foreach (var (e, unit, asker) in rows)
        {
            var line = t.Format("Conduct.WaitingLine", e.Number, Age(t, now - e.CreatedAt), CardText.User(unit ?? "—", 100), CardText.User(asker, 100));
            card.Add(new JsonObject
            {
                ["type"] = "Container", ["separator"] = true,
                ["items"] = new JsonArray(
                    Element.Text(line, subtle: true),
                    new JsonObject { ["type"] = "TextBlock", ["text"] = CardText.User(e.Question, 1000), ["wrap"] = true, ["weight"] = "Bolder" },
                    new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray(AnswerForm(t, e)) }),
            });
        }
        if (total > rows.Count) card.Add(Element.Text(t.Format("Conduct.WaitingMore", total - rows.Count), subtle: true));
        return card;
    }

    private static JsonObject AnswerForm(Texts t, Escalation e) => CardAction.ShowCard(t.Format("Conduct.WaitingAnswer", e.Number),
        [
            Element.TextInput($"answer-{e.Number}", t["Conduct.AnswerLabel"], null, 2000, multiline: true, required: true),
            new JsonObject
            {
                ["type"] = "Input.Toggle", ["id"] = $"addToKb-{e.Number}", ["title"] = t["Conduct.AddToKb"], ["value"] = "false",
                ["valueOn"] = "true", ["valueOff"] = "false",
            },
        ],
        [CardAction.Execute(t["Conduct.Reply"], ConductCards.AnswerVerb, new JsonObject { ["escalationId"] = e.Id.ToString(), ["from"] = From })]);

    /// <summary>"3 ngày", "5 giờ", "12 phút": how long it has waited, in the largest whole unit.</summary>
    internal static string Age(Texts t, TimeSpan waited) =>
        waited.TotalDays >= 1 ? t.Format("Conduct.AgeDays", (int)waited.TotalDays)
        : waited.TotalHours >= 1 ? t.Format("Conduct.AgeHours", (int)waited.TotalHours)
        : t.Format("Conduct.AgeMinutes", Math.Max(1, (int)waited.TotalMinutes));
}
