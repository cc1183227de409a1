using System.Text;
using StudyBot.Protocol;

namespace StudyBot.Conversations;

public sealed class FileTooLargeException() : InvalidOperationException("file too large");

/// <summary>
/// Fetches a file someone sent in chat. Teams gives a short-lived, pre-authorised https URL; anything else
/// must be on this machine (the Emulator). The bot's own token is never sent with it.
/// </summary>
public sealed class FileDownloader(IHttpClientFactory factory)
{
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>The text of the file a person sent in this turn, or null after telling them why it could not be read.</summary>
    public async Task<string?> DownloadForTurnAsync(Turn turn, FileAttachment file)
    {
        try { return await DownloadTextAsync(file.DownloadUrl, default); }
        catch (FileTooLargeException) { turn.Reply(turn.T.Format("Import.TooLarge", Cards.CardText.User(file.Name, 100))); }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            turn.Reply(turn.T.Format("Import.DownloadFailed", Cards.CardText.User(file.Name, 100)));
        }
        return null;
    }

    public async Task<string> DownloadTextAsync(Uri url, CancellationToken ct)
    {
        if (!Loopback.IsSecureOrLoopback(url)) throw new InvalidOperationException("file URL must be https");
        using var response = await factory.CreateClient(nameof(FileDownloader))
            .GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > MaxBytes) throw new FileTooLargeException();
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes) throw new FileTooLargeException();
            buffer.Write(chunk, 0, read);
        }
        return new UTF8Encoding(false).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
