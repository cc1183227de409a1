using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Downloads;
using StudyBot.Resources;
using StudyBot.Storage;

namespace StudyBot.Members;

/// <summary>
/// `xuất dữ liệu`: what StudyBot holds about a person, as a card that counts it and two signed, short-lived links to the
/// whole of it: JSON for a machine, and a text file a person can read (times in the agency's zone, fields and codes named
/// in their language). The chat never carries the data itself: it overflowed the bubble and cut text mid-word.
/// </summary>
public static class PersonalDataExport
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(30);

    private static string PathOf(Guid memberId, string extension) => $"/personal-data/{memberId}.{extension}";

    public static async Task<(string Json, string Text)> LinksAsync(SignedLinks links, Guid memberId, DateTime now, CancellationToken ct) =>
        (await links.CreateAsync(PathOf(memberId, "json"), now, LinkLifetime, ct), await links.CreateAsync(PathOf(memberId, "txt"), now, LinkLifetime, ct));

    public static AdaptiveCard Card(Texts t, string name, JsonObject export, (string Json, string Text) links, DateTime expiresLocal)
    {
        var facts = export.Where(s => s.Key != "member").Select(s => (t.Has($"Export.Section.{s.Key}") ? t[$"Export.Section.{s.Key}"] : s.Key,
            t.Format("Export.Items", Count(s.Value)))).ToList();
        return new AdaptiveCard()
            .Add(Element.Heading(t.Format("Export.Title", CardText.User(name, 100))))
            .Add(Element.Text(t["Export.Holds"]))
            .Add(Element.Facts(facts))
            .Add(Element.Text(t.Format("Export.LinksUntil", LocalTime.Describe(expiresLocal, t)), subtle: true))
            .AddAction(CardAction.OpenUrl(t["Export.Text"], links.Text))
            .AddAction(CardAction.OpenUrl(t["Export.Json"], links.Json));
    }

    /// <summary>How many records a section holds: the items of its lists, or one for a single record.</summary>
    private static int Count(JsonNode? node) => node switch
    {
        JsonArray a => a.Count,
        JsonObject o when o.Any(p => p.Value is JsonArray) => o.Sum(p => p.Value is JsonArray a ? a.Count : 0),
        null => 0,
        _ => 1,
    };

    /// <summary>The export as a person reads it: a heading per section, one record per paragraph, times in the zone.</summary>
    public static string Readable(Texts t, string name, JsonObject export, TimeZoneInfo zone)
    {
        var text = new StringBuilder(t.Format("Export.Title", name)).Append("\r\n");
        foreach (var (key, value) in export)
        {
            text.Append("\r\n== ").Append(t.Has($"Export.Section.{key}") ? t[$"Export.Section.{key}"] : key).Append(" ==\r\n");
            Write(text, t, value, zone, "");
        }
        return text.ToString();
    }

    private static void Write(StringBuilder text, Texts t, JsonNode? node, TimeZoneInfo zone, string indent)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    var label = t.Has($"Export.Field.{key}") ? t[$"Export.Field.{key}"] : key;
                    if (value is JsonObject or JsonArray)
                    {
                        text.Append(indent).Append(label).Append(":\r\n");
                        Write(text, t, value, zone, indent + "  ");
                    }
                    else text.Append(indent).Append(label).Append(": ").Append(Coded(t, key, value) ?? Value(t, value, zone)).Append("\r\n");
                }
                break;
            case JsonArray a:
                if (a.Count == 0) text.Append(indent).Append(t["Export.None"]).Append("\r\n");
                foreach (var (item, i) in a.Select((item, i) => (item, i)))
                {
                    text.Append(indent).Append(i + 1).Append(".\r\n");
                    Write(text, t, item, zone, indent + "   ");
                }
                break;
            default:
                text.Append(indent).Append(Value(t, node, zone)).Append("\r\n");
                break;
        }
    }

    /// <summary>Fields that hold a code (a role, a state), not words: the readable copy names the code in the reader's language.</summary>
    private static readonly HashSet<string> CodedFields = ["role", "source", "outcome", "conversationType", "language", "status", "category"];

    private static string? Coded(Texts t, string key, JsonNode? value) =>
        CodedFields.Contains(key) && value is JsonValue v && v.TryGetValue<string>(out var code) && t.Has($"Export.Value.{code}")
            ? t[$"Export.Value.{code}"] : null;

    private static string Value(Texts t, JsonNode? value, TimeZoneInfo zone)
    {
        if (value is not JsonValue v) return value?.ToJsonString() ?? "—";
        if (v.TryGetValue<bool>(out var yes)) return t[yes ? "Export.Yes" : "Export.No"];
        // Stored times are UTC; a person reads them in the agency's time, like every card. A bare date stays a date.
        if (v.TryGetValue<DateTime>(out var at))
            return at.TimeOfDay == TimeSpan.Zero && at.Kind != DateTimeKind.Utc ? at.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)
                : LocalTime.Describe(LocalTime.Of(at.Kind == DateTimeKind.Local ? at.ToUniversalTime() : at, zone), t);
        if (v.TryGetValue<DateTimeOffset>(out var offset)) return LocalTime.Describe(LocalTime.Of(offset.UtcDateTime, zone), t);
        return v.TryGetValue<string>(out var text) ? text : v.ToJsonString();
    }

    /// <summary>GET /personal-data/{memberId}.json|.txt?expires=…&amp;sig=…: the whole export, or a plain Vietnamese refusal.</summary>
    internal static void Map(IEndpointRouteBuilder app) => app.MapGet("/personal-data/{memberId:guid}.{extension}", async (Guid memberId,
        string extension, HttpRequest request, SignedLinks links, TimeProvider time, StudyBotDb db, PersonalData data,
        IOptions<AgencyOptions> agency, CancellationToken ct) =>
    {
        if (extension is not ("json" or "txt")) return Results.NotFound();
        if (!await links.IsValidAsync(request, time.GetUtcNow().UtcDateTime, ct))
            return SignedLinks.Refused("Vui lòng gõ «xuất dữ liệu» để lấy liên kết mới.");
        var member = await db.Set<Member>().FirstOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null) return Results.NotFound();
        var export = await data.ExportAsync(db, member, ct);
        var file = $"du-lieu-studybot-{memberId.ToString()[..8]}";
        if (extension == "json")
            return Results.File(Encoding.UTF8.GetBytes(export.ToJsonString(new JsonSerializerOptions(Protocol.WireJson.Options) { WriteIndented = true })),
                "application/json; charset=utf-8", file + ".json");
        var text = Readable(Texts.For(member.Language), member.Name, export, agency.Value.Zone);
        return Results.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)], "text/plain; charset=utf-8", file + ".txt");
    });
}
