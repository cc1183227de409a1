using System.Net;
using System.Net.Sockets;
using System.Text;

/// <summary>The start line and the framing of one HTTP/1.1 message.</summary>
internal sealed record HttpHead(string StartLine, long ContentLength, bool Chunked)
{
    /// <summary>The status of a response ("HTTP/1.1 200 OK" gives 200).</summary>
    public int Status => StartLine.Length >= 12 && int.TryParse(StartLine.AsSpan(9, 3), out var s) ? s : 0;

    public string Method => StartLine[..Math.Max(0, StartLine.IndexOf(' '))];
}

/// <summary>
/// Just enough HTTP/1.1 on one kept-alive connection for the benchmarks' load and reply sink: message heads, and bodies
/// framed by Content-Length or chunked. HttpClient and Kestrel are built for everything else too, and on a 2-core machine
/// the load generator's and the sink's CPU is taken from the bot being measured; wrk and nginx are this lean.
/// </summary>
internal sealed class RawHttpReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start, _end;

    /// <summary>The next message's head, or null when the other side closed the connection.</summary>
    public async Task<HttpHead?> ReadHeadAsync(CancellationToken ct)
    {
        while (true)
        {
            var at = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8);
            if (at >= 0)
            {
                var lines = Encoding.ASCII.GetString(_buffer, _start, at).Split("\r\n");
                _start += at + 4;
                long length = 0;
                var chunked = false;
                foreach (var line in lines.Skip(1))
                {
                    var colon = line.IndexOf(':');
                    if (colon < 0) continue;
                    var name = line[..colon].Trim();
                    var value = line[(colon + 1)..].Trim();
                    if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) length = long.Parse(value);
                    else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)) chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
                }
                return new HttpHead(lines[0], length, chunked);
            }
            if (!await FillAsync(ct)) return null;
        }
    }

    /// <summary>Reads the body that follows <paramref name="head"/>; returns it only when <paramref name="keep"/>.</summary>
    public async Task<byte[]?> ReadBodyAsync(HttpHead head, bool keep, CancellationToken ct)
    {
        var kept = keep ? new MemoryStream() : null;
        if (!head.Chunked)
        {
            await CopyAsync(head.ContentLength, kept, ct);
            return kept?.ToArray();
        }
        while (true)
        {
            var size = Convert.ToInt64((await ReadLineAsync(ct)).Split(';')[0].Trim(), 16);
            if (size == 0)
            {
                while ((await ReadLineAsync(ct)).Length > 0) { } // trailers, then the blank line that ends the message
                return kept?.ToArray();
            }
            await CopyAsync(size, kept, ct);
            await ReadLineAsync(ct); // the CRLF after each chunk
        }
    }

    private async Task CopyAsync(long count, MemoryStream? into, CancellationToken ct)
    {
        while (count > 0)
        {
            if (_start == _end && !await FillAsync(ct)) throw new EndOfStreamException("the connection closed inside a body");
            var take = (int)Math.Min(count, _end - _start);
            into?.Write(_buffer, _start, take);
            _start += take;
            count -= take;
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken ct)
    {
        while (true)
        {
            var at = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (at >= 0)
            {
                var line = Encoding.ASCII.GetString(_buffer, _start, at);
                _start += at + 2;
                return line;
            }
            if (!await FillAsync(ct)) throw new EndOfStreamException("the connection closed inside a chunked body");
        }
    }

    private async Task<bool> FillAsync(CancellationToken ct)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            (_end, _start) = (_end - _start, 0);
        }
        if (_end == _buffer.Length) throw new InvalidDataException("an HTTP head longer than the buffer");
        var read = await stream.ReadAsync(_buffer.AsMemory(_end), ct);
        _end += read;
        return read > 0;
    }
}

/// <summary>One kept-alive connection that POSTs activities to the bot and reads each answer.</summary>
internal sealed class RawHttpClient : IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly RawHttpReader _reader;
    private readonly string _authority;

    private RawHttpClient(Socket socket, string authority)
    {
        (_socket, _authority) = (socket, authority);
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new RawHttpReader(_stream);
    }

    public static async Task<RawHttpClient> ConnectAsync(Uri server)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(server.Host), server.Port));
        return new RawHttpClient(socket, server.Authority);
    }

    /// <summary>The answer's status, and its body when asked for.</summary>
    public async Task<(int Status, string? Body)> PostJsonAsync(string path, string json, bool readBody, CancellationToken ct = default)
    {
        // One write for head and body: two would be two packets on a no-delay socket.
        var head = $"POST {path} HTTP/1.1\r\nHost: {_authority}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(json)}\r\n\r\n";
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(head + json), ct);
        var answer = await _reader.ReadHeadAsync(ct) ?? throw new EndOfStreamException("the bot closed the connection");
        var content = await _reader.ReadBodyAsync(answer, readBody, ct);
        return (answer.Status, content is null ? null : Encoding.UTF8.GetString(content));
    }

    public void Dispose() => _stream.Dispose();
}
