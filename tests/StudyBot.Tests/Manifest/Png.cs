using System.Buffers.Binary;
using System.IO.Compression;

namespace StudyBot.Tests.Manifest;

/// <summary>Just enough PNG reading to check an icon: size, alpha, and 8-bit RGBA pixels (no interlacing).</summary>
public sealed record Png(int Width, int Height, int ColorType, byte[] Data)
{
    public bool HasAlpha => ColorType == 6;

    public static Png Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "not a PNG");
        int width = 0, height = 0, colorType = 0;
        var idat = new MemoryStream();
        for (var at = 8; at < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
            var body = bytes.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(body);
                height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                colorType = body[9];
            }
            if (type == "IDAT") idat.Write(body);
            at += 12 + length;
        }
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new MemoryStream();
        z.CopyTo(raw);
        return new Png(width, height, colorType, raw.ToArray());
    }

    /// <summary>RGBA pixels, un-filtering each scanline (filters 0–4).</summary>
    public IEnumerable<(byte R, byte G, byte B, byte A)> Pixels()
    {
        Assert.True(HasAlpha, "expected 8-bit RGBA");
        var stride = Width * 4;
        var previous = new byte[stride];
        for (var y = 0; y < Height; y++)
        {
            var filter = Data[y * (stride + 1)];
            var line = Data.AsSpan(y * (stride + 1) + 1, stride).ToArray();
            for (var i = 0; i < stride; i++)
            {
                int a = i >= 4 ? line[i - 4] : 0, b = previous[i], c = i >= 4 ? previous[i - 4] : 0;
                line[i] += (byte)(filter switch
                {
                    1 => a, 2 => b, 3 => (a + b) / 2,
                    // Paeth: whichever of left, up, up-left is nearest to left + up - up-left.
                    4 => Math.Abs(b - c) <= Math.Abs(a - c) && Math.Abs(b - c) <= Math.Abs(a + b - 2 * c) ? a
                        : Math.Abs(a - c) <= Math.Abs(a + b - 2 * c) ? b : c,
                    _ => 0,
                });
            }
            for (var x = 0; x < Width; x++) yield return (line[x * 4], line[x * 4 + 1], line[x * 4 + 2], line[x * 4 + 3]);
            previous = line;
        }
    }
}
