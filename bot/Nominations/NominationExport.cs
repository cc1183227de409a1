using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;
using StudyBot.Downloads;
using StudyBot.Storage;

namespace StudyBot.Nominations;

/// <summary>`đề cử xuất` / `nominate export`: an admin gets a signed, short-lived link to every nomination as CSV.</summary>
public static class NominationExport
{
    private const string Path = "/nominations/export.csv";

    public static async Task OfferAsync(Turn turn)
    {
        if (!turn.Roles.IsAdmin) { turn.Refuse("nomination.export", Access.Admins); return; }
        var lifetime = turn.Services.GetRequiredService<IOptions<NominationOptions>>().Value.ExportLinkLifetime;
        var link = await turn.Services.GetRequiredService<SignedLinks>().CreateAsync(Path, turn.Now, lifetime, default);
        turn.Audit("nomination.export", null);
        turn.Reply(new AdaptiveCard()
            .Add(Element.Heading(turn.T["Nomination.ExportTitle"]))
            .Add(Element.Text(turn.T.Format("Nomination.ExportLifetime", (int)lifetime.TotalMinutes)))
            .AddAction(CardAction.OpenUrl(turn.T["Results.Download"], link)));
    }

    internal static void Map(IEndpointRouteBuilder app) => app.MapGet(Path, async (HttpRequest request, SignedLinks links, TimeProvider time,
        StudyBotDb db, IOptions<AgencyOptions> agency, CancellationToken ct) =>
    {
        if (!await links.IsValidAsync(request, time.GetUtcNow().UtcDateTime, ct))
            return SignedLinks.Refused("Vui lòng gõ «đề cử xuất» để lấy liên kết mới.");
        var nominations = await db.Set<Nomination>().AsNoTracking().OrderBy(n => n.Year).ThenBy(n => n.Sequence).ToListAsync(ct);
        var people = await db.Set<Member>().AsNoTracking().ToDictionaryAsync(m => m.Id, ct);
        var units = await db.Set<Unit>().AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var t = Resources.Texts.Vietnamese;
        string Time(DateTime? utc) => utc is { } u ? agency.Value.Local(u).ToString("dd/MM/yyyy HH:mm") : "";
        string Name(Guid? id) => id is { } i && people.TryGetValue(i, out var m) ? m.Name : "";
        var rows = new List<IEnumerable<string>>
        {
            new[] { "Số", "Ngày đề cử", "Người được đề cử", "Email", "Đơn vị", "Ngày diễn ra", "Loại việc", "Việc tốt", "Ghi chú",
                "Người đề cử", "Kết quả", "Người quyết định", "Thời điểm quyết định", "Lý do" },
        };
        rows.AddRange(nominations.Select(n => new[]
        {
            n.Reference, Time(n.CreatedAt), Name(n.NomineeId), people.GetValueOrDefault(n.NomineeId)?.Upn ?? "",
            n.NomineeUnitId is { } u ? units.GetValueOrDefault(u, "") : "", n.DeedDate, t[$"Nomination.Category.{n.Category}"], n.Deed,
            n.Note ?? "", Name(n.NominatorId), t[$"Nomination.Status.{n.Status}"], Name(n.DecidedBy), Time(n.DecidedAt), n.DecisionReason ?? "",
        }));
        return SignedLinks.Csv(rows, $"de-cu-{agency.Value.Local(time.GetUtcNow().UtcDateTime):yyyy-MM-dd}.csv");
    });
}
