using StudyBot.Agency;
using StudyBot.Conversations;
using StudyBot.Storage;

namespace StudyBot.Content;

/// <summary>An admin sends a content pack (.json) in chat: it is checked, then imported whole, or not at all.</summary>
public sealed class ContentFeature : IFeature
{
    public void Register(CommandTable table) => table.AddFile("json", ImportAsync, Access.Admins);

    private static async Task ImportAsync(Turn turn)
    {
        var file = FileAttachment.Find(turn.Activity)!;
        if (await turn.Services.GetRequiredService<FileDownloader>().DownloadForTurnAsync(turn, file) is not { } text) return;
        // Its own context: the import commits (or not) as one transaction, apart from this turn's bookkeeping.
        await using var scope = turn.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyBotDb>();
        var (report, errors) = await turn.Services.GetRequiredService<ContentPacks>().ImportAsync(db, text, turn.T, turn.Member.Id, default);
        turn.Reply(report is null
            ? ContentPacks.Describe(errors, turn.T)
            : turn.T.Format("Content.Imported", Cards.CardText.User(file.Name, 100)) + "\n\n" + string.Join("\n\n", report));
    }
}

public static class ContentExtensions
{
    public static IServiceCollection AddContent(this IServiceCollection services)
    {
        services.AddSingleton<ContentPacks>();
        services.AddSingleton<IDatabaseSeed, DefaultContentSeed>();
        services.AddFeature<ContentFeature>();
        return services;
    }
}
