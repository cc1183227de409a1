using StudyBot.Protocol;

namespace StudyBot.Conversations;

/// <summary>
/// A file someone sent in chat. Teams sends a download-info attachment with a pre-authorised URL; the
/// Emulator and Web Chat send the file's own content type with a contentUrl.
/// </summary>
public sealed record FileAttachment(string Name, string Extension, Uri DownloadUrl)
{
    public const string TeamsDownloadInfo = "application/vnd.microsoft.teams.file.download.info";

    public static FileAttachment? Find(Activity activity)
    {
        foreach (var a in activity.Attachments ?? [])
        {
            var url = a.ContentType == TeamsDownloadInfo
                ? Protocol.JsonText.At(a.Content, "downloadUrl")
                : a.ContentUrl;
            if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri)) continue;
            var name = a.Name ?? Path.GetFileName(uri.AbsolutePath);
            var extension = Protocol.JsonText.At(a.Content, "fileType") ?? Path.GetExtension(name).TrimStart('.');
            return new FileAttachment(name, extension.ToLowerInvariant(), uri);
        }
        return null;
    }
}
