using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;

namespace StudyBot.Members;

/// <summary>
/// `xuất dữ liệu` / `export` (one's own, or an admin's for anyone) and `xóa dữ liệu` / `erase`. Erasing asks first, on
/// a card; the click is authorized again from the stored roles, whatever the card carried.
/// </summary>
public static class PersonalDataCommands
{
    public const string EraseVerb = "member.erase";
    public const string KeepVerb = "member.erase.cancel";

    /// <summary>
    /// Anyone's own data with no argument; an admin names whose. The card counts what is held and links to all of it.
    /// </summary>
    public static async Task ExportAsync(Turn turn)
    {
        // The card links to someone's whole data: never into a channel or group chat where others would see it.
        if (turn.Conversation.ConversationType != "personal") { turn.Reply(turn.T["Export.PersonalChatOnly"]); return; }
        Member? member;
        if (turn.Arguments.Length == 0) member = turn.Member;
        else if (!turn.Roles.IsAdmin) { turn.Refuse("command.export", Access.Admins); return; }
        else if ((member = await FindAsync(turn)) is null) return;
        var export = await turn.Services.GetRequiredService<PersonalData>().ExportAsync(turn.Db, member, default);
        var links = await PersonalDataExport.LinksAsync(turn.Services.GetRequiredService<Downloads.SignedLinks>(), member.Id, turn.Now, default);
        var zone = turn.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AgencyOptions>>().Value.Zone;
        turn.Audit("member.export", member.Id.ToString(), detail: member.Id == turn.Member.Id ? "own" : null);
        turn.Reply(PersonalDataExport.Card(turn.T, member.Name, export, links, LocalTime.Of(turn.Now + PersonalDataExport.LinkLifetime, zone)));
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
