using System.Text;
using StudyBot.Protocol;

namespace StudyBot.Members;

public sealed class FileTooLargeException() : InvalidOperationException("file too large");

/// <summary>
/// Fetches a file someone sent in chat. Teams gives a short-lived, pre-authorised https URL; anything else
/// must be on this machine (the Emulator). The bot's own token is never sent with it.
/// </summary>
public sealed class FileDownloader(IHttpClientFactory factory)
{
    public const int MaxBytes = 5 * 1024 * 1024;

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
