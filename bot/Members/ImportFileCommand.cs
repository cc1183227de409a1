using StudyBot.Conversations;
using StudyBot.Members.Import;

namespace StudyBot.Members;

/// <summary>An admin sends the member file (CSV) in chat: it is downloaded, checked and imported, or nothing is.</summary>
public static class ImportFileCommand
{
    public static async Task HandleAsync(Turn turn)
    {
        var file = FileAttachment.Find(turn.Activity)!;
        string text;
        try
        {
            text = await turn.Services.GetRequiredService<FileDownloader>().DownloadTextAsync(file.DownloadUrl, default);
        }
        catch (FileTooLargeException)
        {
            turn.Reply(turn.T.Format("Import.TooLarge", Cards.CardText.User(file.Name, 100)));
            return;
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            turn.Reply(turn.T.Format("Import.DownloadFailed", Cards.CardText.User(file.Name, 100)));
            return;
        }
        var import = turn.Services.GetRequiredService<MemberImport>();
        var (report, errors) = await import.RunAsync(new StringReader(text), turn.T, turn.Member.Id, default);
        turn.Reply(MemberImport.Describe(report, errors, turn.T));
    }
}
