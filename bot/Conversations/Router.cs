using System.Text.Json.Nodes;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Protocol;

namespace StudyBot.Conversations;

/// <summary>
/// Sends each turn to the command, card verb, file handler or dialog that owns it, after checking the
/// speaker's stored roles, and never leaves a person without an answer.
/// </summary>
public sealed class Router(CommandTable table)
{
    /// <summary>Longer messages are not commands or answers StudyBot asks for.</summary>
    public const int MaxTextLength = 4000;

    public Task RouteAsync(Turn turn) => turn.Activity.Type switch
    {
        ActivityTypes.Message => OnMessageAsync(turn),
        ActivityTypes.Invoke => OnCardActionAsync(turn, (turn.Activity.Value as JsonObject)?["action"]),
        ActivityTypes.ConversationUpdate => OnConversationUpdateAsync(turn),
        ActivityTypes.InstallationUpdate => OnInstallationUpdateAsync(turn),
        _ => Task.CompletedTask,
    };

    private async Task OnMessageAsync(Turn turn)
    {
        // An Action.Submit click arrives as a message whose value carries the verb.
        if (turn.Activity.Value is JsonObject submitted && submitted["verb"] is not null)
        {
            await OnCardActionAsync(turn, submitted);
            return;
        }
        if (turn.Text.Length == 0)
        {
            if (FileAttachment.Find(turn.Activity) is { } file && table.File(file.Extension) is { } onFile)
                await RunAsync(turn, onFile, $"file.{file.Extension}");
            else turn.Reply(turn.T["TextOnly"]);
            return;
        }
        if (turn.Text.Length > MaxTextLength) { turn.Reply(turn.T.Format("TooLong", MaxTextLength)); return; }

        var match = table.Match(turn.Text);
        var dialog = table.Dialog(turn.Dialog?.Dialog);
        // In a dialog, free text belongs to it (a deed may start with a command word); only a bare
        // command word interrupts.
        if (match is { } m && (dialog is null || m.Arguments.Length == 0))
        {
            turn.Arguments = m.Arguments;
            await RunAsync(turn, new Handler(m.Command.Name, m.Command.Handler, m.Command.Access), $"command.{m.Command.Name}",
                table.GuardFor(turn.Text));
            return;
        }
        if (dialog is not null) { await RunAsync(turn, dialog, $"dialog.{dialog.Name}"); return; }
        if (turn.Dialog is not null) turn.EndDialog(); // a dialog this version no longer knows
        if (table.FreeText is { } freeText)
        {
            turn.Arguments = turn.Text;
            await RunAsync(turn, new Handler("free-text", freeText, Access.Anyone), "text");
            return;
        }
        turn.Reply(turn.T.Format("NotUnderstood", CardText.User(turn.Text, 60)));
    }

    private async Task OnCardActionAsync(Turn turn, JsonNode? action)
    {
        var verb = JsonText.At(action, "verb");
        turn.Data = (action?["data"] as JsonObject ?? action as JsonObject)?.DeepClone().AsObject() ?? [];
        var handler = table.Verb(verb);
        if (handler is null) { turn.Notice(turn.T["Action.Unknown"]); return; }
        await RunAsync(turn, handler, $"verb.{verb}");
        turn.EnsureInvokeAnswer();
    }

    /// <summary>
    /// The one place where roles are checked before a handler runs; refusals are audited. A refused command that names
    /// a stricter part of itself ("đơn vị thêm") says who that part is for.
    /// </summary>
    private static async Task RunAsync(Turn turn, Handler handler, string action, Access? guard = null)
    {
        if (!turn.Roles.Allows(handler.Access))
        {
            turn.Refuse(action, guard ?? handler.Access);
            return;
        }
        await handler.Run(turn);
    }

    private async Task OnConversationUpdateAsync(Turn turn)
    {
        var botId = turn.Activity.Recipient?.Id;
        if (turn.Activity.MembersRemoved?.Any(m => m.Id == botId) == true) await RemovedAsync(turn);
        else if (turn.Activity.MembersAdded?.Count > 0) await WelcomeOnceAsync(turn);
    }

    private async Task OnInstallationUpdateAsync(Turn turn)
    {
        if (turn.Activity.Action?.StartsWith("remove", StringComparison.Ordinal) == true) await RemovedAsync(turn);
        else if (turn.Activity.Action == "add") await WelcomeOnceAsync(turn);
    }

    /// <summary>
    /// Teams (and the Playground) send both an installationUpdate and a conversationUpdate when the app is
    /// added; a person should be welcomed once per conversation.
    /// </summary>
    private async Task WelcomeOnceAsync(Turn turn)
    {
        if (turn.Conversation.WelcomedAt is not null) return;
        turn.Conversation.WelcomedAt = turn.Now;
        foreach (var handler in table.InstalledHandlers) await handler(turn);
    }

    /// <summary>In a personal chat, removing the app means proactive sends will fail until they write again.</summary>
    private async Task RemovedAsync(Turn turn)
    {
        if (turn.Conversation.MemberId == turn.Member.Id) turn.Member.Unreachable = true;
        turn.Conversation.WelcomedAt = null;
        turn.EndDialog();
        foreach (var handler in table.RemovedHandlers) await handler(turn);
    }
}
