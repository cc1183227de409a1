using StudyBot.Conversations;
using StudyBot.Resources;

namespace StudyBot.Help;

/// <summary>
/// "ngôn ngữ en" / "language vi". The choice is stored on the member; the activity's locale never
/// decides it, because the Playground and many staff machines send en-US.
/// </summary>
public sealed class LanguageFeature : IFeature
{
    public const string SetVerb = "language.set";
    private const string ChooseDialog = "language.choose";

    public void Register(CommandTable table)
    {
        table.AddCommand("language", OnCommand, "ngôn ngữ", "language");
        table.AddDialog(ChooseDialog, turn => Apply(turn, turn.Text, view: null));
        table.AddVerb(SetVerb, turn => Apply(turn, turn.Field("language") ?? "",
            turn.Field("view")));
    }

    private static Task OnCommand(Turn turn)
    {
        if (turn.Arguments.Length == 0)
        {
            turn.BeginDialog(ChooseDialog);
            turn.Reply(turn.T["Language.Ask"]);
            return Task.CompletedTask;
        }
        return Apply(turn, turn.Arguments, view: null);
    }

    private static Task Apply(Turn turn, string requested, string? view)
    {
        var code = CommandText.Fold(requested.Trim());
        code = code switch { "tieng viet" or "viet" => Languages.Vietnamese, "english" or "tieng anh" => Languages.English, _ => code };
        if (!Languages.IsSupported(code))
        {
            // Stay in the dialog (if any) so the next message can answer again.
            turn.Reply(turn.T.Format("Language.Unknown", Cards.CardText.User(requested, 20)));
            return Task.CompletedTask;
        }
        turn.Member.Language = code;
        if (turn.Dialog?.Dialog == ChooseDialog) turn.EndDialog();
        switch (view)
        {
            case HelpFeature.WelcomeView: turn.UpdateCard(HelpCards.Welcome(turn.T)); break;
            case HelpFeature.HelpView: turn.UpdateCard(HelpCards.Help(turn)); break;
            default: turn.Notice(turn.T["Language.Set"]); break;
        }
        return Task.CompletedTask;
    }
}
