using StudyBot.Conversations;

namespace StudyBot.Help;

/// <summary>Welcome on arrival, the help card, "cancel", and the commands later features will own.</summary>
public sealed class HelpFeature : IFeature
{
    public const string ShowHelpVerb = "help.show";
    public const string WelcomeView = "welcome";
    public const string HelpView = "help";

    public void Register(CommandTable table)
    {
        table.OnInstalled(turn => { turn.Reply(HelpCards.Welcome(turn.T)); return Task.CompletedTask; });
        table.AddCommand("help", ShowHelp, "trợ giúp", "help", "giúp");
        table.AddVerb(ShowHelpVerb, turn =>
        {
            turn.Reply(HelpCards.Help(turn));
            if (turn.IsInvoke) turn.Notice(turn.T["Help.Sent"]);
            return Task.CompletedTask;
        });
        table.AddCommand("cancel", Cancel, "hủy", "cancel");
    }

    private static Task ShowHelp(Turn turn)
    {
        turn.Reply(HelpCards.Help(turn));
        return Task.CompletedTask;
    }

    private static Task Cancel(Turn turn)
    {
        turn.Reply(turn.T[turn.Dialog is null ? "Cancel.Nothing" : "Cancel.Done"]);
        turn.EndDialog();
        return Task.CompletedTask;
    }
}

public static class HelpExtensions
{
    /// <summary>The welcome, the help card, "cancel", and the language switch.</summary>
    public static IServiceCollection AddHelp(this IServiceCollection services) =>
        services.AddFeature<HelpFeature>().AddFeature<LanguageFeature>();
}
