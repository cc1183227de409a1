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
        table.AddCommand("cancel", turn => CancelAsync(turn, table), "hủy", "cancel");
    }

    private static Task ShowHelp(Turn turn)
    {
        turn.Reply(HelpCards.Help(turn));
        return Task.CompletedTask;
    }

    /// <summary>A dialog in progress first; else whatever a feature says is open (a quiz); else nothing to cancel.</summary>
    private static async Task CancelAsync(Turn turn, CommandTable table)
    {
        if (turn.Dialog is not null)
        {
            turn.Reply(turn.T["Cancel.Done"]);
            turn.EndDialog();
            return;
        }
        foreach (var handler in table.CancelHandlers)
            if (await handler(turn)) return;
        turn.Reply(turn.T["Cancel.Nothing"]);
    }
}

public static class HelpExtensions
{
    /// <summary>The welcome, the help card, "cancel", and the language switch.</summary>
    public static IServiceCollection AddHelp(this IServiceCollection services) =>
        services.AddFeature<HelpFeature>().AddFeature<LanguageFeature>();
}
