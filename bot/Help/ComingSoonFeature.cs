using StudyBot.Conversations;

namespace StudyBot.Help;

/// <summary>
/// The product's command words answer from day one, so nobody meets "not understood" for a real command.
/// Each later feature takes its words out of this list when it registers them itself.
/// </summary>
public sealed class ComingSoonFeature : IFeature
{
    public void Register(CommandTable table)
    {
        foreach (var (vietnamese, english, _) in HelpCards.Commands.Where(c => c.English is "ask"))
            table.AddCommand(english, ComingSoon, vietnamese, english);
    }

    private static Task ComingSoon(Turn turn)
    {
        turn.Reply(turn.T["ComingSoon"]);
        return Task.CompletedTask;
    }
}
