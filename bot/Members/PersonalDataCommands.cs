using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;

namespace StudyBot.Members;

/// <summary>
/// `xuất dữ liệu` / `export` and `xóa dữ liệu` / `erase`. Erasing asks first, on a card; the click is
/// authorized again from the stored roles, whatever the card carried.
/// </summary>
public static class PersonalDataCommands
{
    public const string EraseVerb = "member.erase";
    public const string KeepVerb = "member.erase.cancel";

    public static async Task ExportAsync(Turn turn)
    {
        if (await FindAsync(turn) is not { } member) return;
        var json = (await turn.Services.GetRequiredService<PersonalData>().ExportAsync(turn.Db, member, default))
            .ToJsonString(new JsonSerializerOptions(Protocol.WireJson.Options) { WriteIndented = true });
        turn.Audit("member.export", member.Id.ToString());
        // A backtick inside the data could end the code block early; JSON allows it escaped.
        turn.Reply(turn.T.Format("Member.Exported", CardText.User(member.Name, 100)) + "\n\n```json\n"
                   + json.Replace("`", "\\u0060") + "\n```");
    }

    public static async Task AskEraseAsync(Turn turn)
    {
        if (await FindAsync(turn) is not { } member) return;
        var data = new JsonObject { ["memberId"] = member.Id.ToString() };
        turn.Reply(new AdaptiveCard()
            .Add(Element.Heading(turn.T["Erase.Title"]))
            .Add(Element.Text(turn.T.Format("Erase.Question", CardText.User(member.Name, 100), CardText.User(member.Upn ?? "", 100))))
            .Add(Element.Text(turn.T["Erase.Explain"], subtle: true))
            .AddAction(CardAction.Execute(turn.T["Erase.Confirm"], EraseVerb, data))
            .AddAction(CardAction.Execute(turn.T["Erase.Keep"], KeepVerb)));
    }

    public static async Task EraseAsync(Turn turn)
    {
        var id = Guid.TryParse(turn.Field("memberId"), out var g) ? g : Guid.Empty;
        var member = await turn.Db.Set<Member>().FirstOrDefaultAsync(m => m.Id == id && m.ErasedAt == null);
        if (member is null) { turn.UpdateCard(Result(turn, turn.T["Erase.AlreadyGone"])); return; }
        await turn.Services.GetRequiredService<PersonalData>().EraseAsync(turn.Db, member, turn.Member.Id, turn.Now, default);
        turn.UpdateCard(Result(turn, turn.T["Erase.Done"]));
    }

    public static Task KeepAsync(Turn turn)
    {
        turn.UpdateCard(Result(turn, turn.T["Erase.Kept"]));
        return Task.CompletedTask;
    }

    private static AdaptiveCard Result(Turn turn, string text) =>
        new AdaptiveCard().Add(Element.Heading(turn.T["Erase.Title"])).Add(Element.Text(text));

    private static async Task<Member?> FindAsync(Turn turn)
    {
        if (turn.Arguments.Length == 0) { turn.Reply(turn.T["Member.KeyNeeded"]); return null; }
        var member = await MemberDirectory.FindAsync(turn.Db, turn.Arguments, default);
        if (member is null) turn.Reply(turn.T.Format("Member.NotFound", CardText.User(turn.Arguments, 100)));
        return member;
    }
}
