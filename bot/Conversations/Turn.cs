using System.Text.Json;
using System.Text.Json.Nodes;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Protocol;
using StudyBot.Resources;
using StudyBot.Storage;

namespace StudyBot.Conversations;

/// <summary>A reply waiting to be sent: a new message, or a new version of a card already in the chat.</summary>
public sealed record Outgoing(Activity Activity, string? UpdateActivityId = null);

/// <summary>
/// One inbound activity being handled: who sent it, what they said, where they are in a dialog, and the
/// replies collected so far. Features read and change it; they never see HTTP or the connector.
/// </summary>
public sealed class Turn
{
    private readonly List<Outgoing> _outgoing = [];

    internal Turn(Activity activity, StudyBotDb db, Member member, ConversationRecord conversation,
        DialogState? dialog, IServiceProvider services, DateTime now, RoleSet roles)
    {
        Roles = roles;
        Activity = activity;
        Db = db;
        Member = member;
        Conversation = conversation;
        Dialog = dialog;
        Services = services;
        Now = now;
        Text = CommandText.Normalize(activity.Text);
    }

    public Activity Activity { get; }
    public StudyBotDb Db { get; }
    public Member Member { get; }
    public ConversationRecord Conversation { get; }
    public IServiceProvider Services { get; }
    public DateTime Now { get; }

    /// <summary>The speaker's stored roles; every authorization decision reads these.</summary>
    public RoleSet Roles { get; }

    /// <summary>The text as typed, normalised (NFC, no @mention).</summary>
    public string Text { get; }

    /// <summary>What followed the command word, when a command matched.</summary>
    public string Arguments { get; internal set; } = "";

    /// <summary>The data of the card action that started this turn, if any.</summary>
    public JsonObject Data { get; internal set; } = [];

    public bool IsInvoke => Activity.Type == ActivityTypes.Invoke;

    /// <summary>A field of the card's data as text; a forged value of another shape reads as absent.</summary>
    public string? Field(string key) => JsonText.Field(Data, key);

    /// <summary>A whole-number field of the card's data, written as a number or as text.</summary>
    public int? IntField(string key) => int.TryParse(Field(key), System.Globalization.NumberStyles.AllowLeadingSign,
        System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>Texts in the member's language; read it again after the language changes.</summary>
    public Texts T => Texts.For(Member.Language);

    public DialogState? Dialog { get; private set; }

    internal IReadOnlyList<Outgoing> Outgoing => _outgoing;

    internal InvokeResponse? InvokeResult { get; private set; }

    public void Reply(string text) => _outgoing.Add(new(NewMessage(text)));

    public void Reply(AdaptiveCard card)
    {
        var message = NewMessage(null);
        message.Attachments = [card.ToAttachment()];
        _outgoing.Add(new(message));
    }

    /// <summary>
    /// Replaces the card the person acted on: inline for Action.Execute, or by updating the message for
    /// the Action.Submit fallback.
    /// </summary>
    public void UpdateCard(AdaptiveCard card)
    {
        if (IsInvoke) { InvokeResult = InvokeResponse.Card(card.ToJson()); return; }
        var message = NewMessage(null);
        message.Attachments = [card.ToAttachment()];
        if (Activity.ReplyToId is { } cardMessageId) _outgoing.Add(new(message, cardMessageId));
        else _outgoing.Add(new(message));
    }

    /// <summary>A card pressed is answered in its place; a typed command gets the card as a new message.</summary>
    public void Show(AdaptiveCard card)
    {
        if (IsInvoke) UpdateCard(card);
        else Reply(card);
    }

    /// <summary>A short status line: shown on the card for Action.Execute, as a message otherwise.</summary>
    public void Notice(string text)
    {
        if (IsInvoke) InvokeResult = InvokeResponse.Message(text);
        else Reply(text);
    }

    /// <summary>Records an action in the audit log, in the same transaction as the turn's changes.</summary>
    public void Audit(string action, string? target, string outcome = AuditOutcome.Done, string? detail = null) =>
        Db.Add(new AuditEntry
        {
            Id = Guid.CreateVersion7(), At = Now, ActorId = Member.Id, Action = action, Target = target,
            Outcome = outcome, Detail = detail,
        });

    /// <summary>Tells the person plainly that they may not, and audits the refusal.</summary>
    public void Refuse(string action, Access access, string? target = null)
    {
        Audit(action, target, AuditOutcome.Refused);
        var who = access.AnyOf.Contains(Role.Secretary) ? T["Access.SecretaryOrAdmin"]
            : access.AnyOf.Contains(Role.Leader) ? T["Access.LeaderOrAdmin"]
            : T["Access.Admin"];
        Notice(T.Format("Access.Refused", who));
    }

    /// <summary>An invoke always gets a body: when the handler only replied in the chat, a short status line.</summary>
    internal void EnsureInvokeAnswer()
    {
        if (IsInvoke && InvokeResult is null) InvokeResult = InvokeResponse.Message(T["Action.Done"]);
    }

    public void BeginDialog(string name, object? data = null)
    {
        var json = JsonSerializer.Serialize(data ?? new { }, WireJson.Options);
        if (Dialog is null)
        {
            Dialog = new DialogState
            {
                ConversationId = Conversation.Id, UserId = Activity.From!.Id!, Dialog = name, Data = json,
                Version = 1, UpdatedAt = Now,
            };
            Db.Add(Dialog);
            return;
        }
        Dialog.Dialog = name;
        Dialog.Data = json;
        Dialog.Version++;
        Dialog.UpdatedAt = Now;
    }

    public T? DialogData<T>() => Dialog is null ? default : JsonSerializer.Deserialize<T>(Dialog.Data, WireJson.Options);

    public void EndDialog()
    {
        if (Dialog is null) return;
        Db.Remove(Dialog);
        Dialog = null;
    }

    private Activity NewMessage(string? text) => ReplySender.Message(Activity, text, Member.Language);
}
