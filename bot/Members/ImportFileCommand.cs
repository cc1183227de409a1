using StudyBot.Conversations;
using StudyBot.Members.Import;

namespace StudyBot.Members;

/// <summary>An admin sends the member file (CSV) in chat: it is downloaded, checked and imported, or nothing is.</summary>
public static class ImportFileCommand
{
    public static async Task HandleAsync(Turn turn)
    {
        var file = FileAttachment.Find(turn.Activity)!;
        if (await turn.Services.GetRequiredService<FileDownloader>().DownloadForTurnAsync(turn, file) is not { } text) return;
        var import = turn.Services.GetRequiredService<MemberImport>();
        var (report, errors) = await import.RunAsync(new StringReader(text), turn.T, turn.Member.Id, default);
        turn.Reply(MemberImport.Describe(report, errors, turn.T));
    }
}
