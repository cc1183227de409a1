using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StudyBot.Agency;
using StudyBot.Protocol;

namespace StudyBot.Downloads;

/// <summary>
/// Charts for cards (the overview, the leaders' monthly summary), drawn by the bot as PNG (ScottPlot 5 on SkiaSharp) in DejaVu Sans, which has every Vietnamese
/// letter. A chart's link carries its own data (the very numbers the card shows in words), signed and short-lived, so any
/// instance can draw it and nothing else can be read through it; a drawn chart is kept by its data, so a second look
/// does not draw it again.
/// </summary>
public static class Charts
{
    public const int Width = 800, Height = 400;
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(30);
    private const int Kept = 256;
    private static readonly ConcurrentDictionary<string, byte[]> Drawn = new();

    /// <summary>A card read at once (an overview) needs the link for half an hour; one kept in a chat (a monthly summary) longer.</summary>
    public static Task<string> LinkAsync(SignedLinks links, ChartSpec spec, DateTime now, CancellationToken ct, TimeSpan? lifetime = null) =>
        links.CreateAsync($"/charts/{Encode(spec)}.png", now, lifetime ?? LinkLifetime, ct);

    /// <summary>The PNG for the data, drawn once per distinct data.</summary>
    public static byte[] Png(ChartSpec spec)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(spec, WireJson.Options))));
        if (Drawn.TryGetValue(key, out var png)) return png;
        if (Drawn.Count >= Kept) Drawn.Clear(); // a plain bound: charts are cheap to draw again
        return Drawn[key] = Draw(spec);
    }

    public static byte[] Draw(ChartSpec spec)
    {
        var plot = new ScottPlot.Plot();
        plot.Font.Set("DejaVu Sans");
        var positions = Enumerable.Range(0, spec.Labels.Count).Select(i => (double)i).ToArray();
        if (spec.Kind == ChartSpec.Line)
        {
            var line = plot.Add.Scatter(positions, spec.Values.ToArray());
            line.LineWidth = 3;
            line.MarkerSize = 9;
        }
        else plot.Add.Bars(spec.Values.ToArray());
        plot.Axes.Bottom.SetTicks(positions, spec.Labels.ToArray());
        plot.Axes.Margins(bottom: 0);
        // Percentages on a 0–100 scale, so two cells' charts read alike; counts from zero.
        if (spec.Percent) plot.Axes.SetLimitsY(0, 105);
        plot.Title(spec.Title);
        // Sized for a card in Teams, which shows the picture at about half its width.
        plot.Axes.Title.Label.FontSize = 24;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 18;
        plot.Axes.Left.TickLabelStyle.FontSize = 18;
        return plot.GetImageBytes(Width, Height, ScottPlot.ImageFormat.Png);
    }

    /// <summary>The words a reader hears instead of the picture: the title and each label with its value.</summary>
    public static string AltText(ChartSpec spec) =>
        $"{spec.Title}: {string.Join("; ", spec.Labels.Zip(spec.Values, (l, v) => $"{l} {v:0.#}"))}";

    private static string Encode(ChartSpec spec) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(spec, WireJson.Options))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static ChartSpec? Decode(string data)
    {
        try
        {
            var padded = data.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            return JsonSerializer.Deserialize<ChartSpec>(Convert.FromBase64String(padded), WireJson.Options);
        }
        catch (Exception ex) when (ex is FormatException or JsonException) { return null; }
    }

    /// <summary>GET /charts/{data}.png?expires=…&amp;sig=…: the chart, or a plain Vietnamese refusal.</summary>
    internal static void Map(IEndpointRouteBuilder app) => app.MapGet("/charts/{data}.png", async (string data, HttpRequest request,
        SignedLinks links, TimeProvider time, CancellationToken ct) =>
    {
        if (!await links.IsValidAsync(request, time.GetUtcNow().UtcDateTime, ct)) return SignedLinks.Refused("Vui lòng mở lại thẻ trong Teams (gõ «tổng quan») để xem biểu đồ mới.");
        return Decode(data) is { Labels.Count: > 0 and <= 60 } spec && spec.Labels.Count == spec.Values.Count
            ? Results.File(Png(spec), "image/png") : Results.NotFound();
    });
}
