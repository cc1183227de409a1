using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Conversations;
using StudyBot.Delivery;
using StudyBot.Resources;
using StudyBot.Scheduling;
using StudyBot.Storage;
using StudyBot.Themes;

namespace StudyBot.Commitments;

/// <summary>
/// The record of the year (hồ sơ năm): on the cell's record date each member gets what the bot knows of their year, adds
/// a self-assessment and confirms; the secretary adds a comment and the residential cell's assessment (Quy định 76).
/// </summary>
public static class YearRecords
{
    public const string Kind = "commitments.record";

    /// <summary>Every line of a member's year: each feature's part, then their commitments with where each ended.</summary>
    public static async Task<List<YearLine>> LinesAsync(StudyBotDb db, IEnumerable<IYearPart> parts, Guid memberId, int year, Texts t, TimeZoneInfo zone, CancellationToken ct)
    {
        var lines = new List<YearLine>();
        foreach (var part in parts.OrderBy(p => p.Order)) lines.AddRange(await part.MemberAsync(db, memberId, year, t, zone, ct));
        var set = await CommitmentQueries.SetAsync(db, memberId, year, ct);
        if (set is null) { lines.Add(new YearLine(t["Year.Commitments"], t["Year.NoCommitments"])); return lines; }
        var today = DateOnly.FromDateTime(LocalTime.Of(DateTime.UtcNow, zone));
        foreach (var v in CommitmentQueries.Views(await CommitmentQueries.CommitmentsAsync(db, set.Id, ct), set, today, null))
            lines.Add(new YearLine(t["Year.Commitments"], v.Standing is { } s
                ? t.Format("Year.CommitmentLine", v.Commitment.Task, v.Commitment.Percent ?? 0, t[$"Year.Standing.{s}"])
                : t.Format("Year.CommitmentNotApproved", v.Commitment.Task)));
        return lines;
    }

    /// <summary>The year a record command or card names: this year, or last year (its records are still being finished in January).</summary>
    private static int YearOf(Turn turn, Arguments? args = null)
    {
        var (thisYear, _) = CommitmentCommands.Today(turn);
        var named = args is not null && int.TryParse(args.Text, out var a) ? a : turn.IntField("year");
        return named is { } y && (y == thisYear || y == thisYear - 1) ? y : thisYear;
    }

    /// <summary>`làm theo hồ sơ [năm]`: the member's record of the year, to confirm once it was sent.</summary>
    public static async Task ShowAsync(Turn turn, Arguments? args = null, string? notice = null)
    {
        var year = YearOf(turn, args);
        var record = await turn.Db.Set<YearRecord>().FirstOrDefaultAsync(r => r.MemberId == turn.Member.Id && r.Year == year);
        turn.Show(await MemberCardAsync(turn, year, record, notice: notice));
    }

    public static async Task ConfirmAsync(Turn turn)
    {
        var year = YearOf(turn);
        var record = await turn.Db.Set<YearRecord>().FirstOrDefaultAsync(r => r.MemberId == turn.Member.Id && r.Year == year);
        if (record is null || record.ConfirmedAt is not null) { await ShowAsync(turn); return; }
        var self = turn.Field("self")?.Trim();
        var error = string.IsNullOrEmpty(self) ? turn.T["Record.SelfRequired"] : self.Length > 2000 ? turn.T.Format("Commit.TooLong", turn.T["Record.FieldSelf"], 2000) : null;
        if (error is not null) { turn.UpdateCard(await MemberCardAsync(turn, year, record, self, error)); return; }
        (record.SelfAssessment, record.ConfirmedAt) = (self, turn.Now);
        turn.Audit(YearRecordCards.ConfirmVerb, record.Id.ToString());
        turn.UpdateCard(await MemberCardAsync(turn, year, record, notice: turn.T["Record.Confirmed"]));
    }

    private static async Task<AdaptiveCard> MemberCardAsync(Turn turn, int year, YearRecord? record, string? typed = null, string? error = null, string? notice = null)
    {
        var lines = await LinesAsync(turn.Db, turn.Services.GetServices<IYearPart>(), turn.Member.Id, year, turn.T, CommitmentCommands.Zone(turn), default);
        return YearRecordCards.Record(turn.T, year, turn.Member.Name, lines, record, forMember: true, typed, error, notice);
    }

    /// <summary>`làm theo hồ sơ chi bộ [năm]`: a cell's records for the secretary, own cell first, any cell they manage from the card.</summary>
    public static async Task ListAsync(Turn turn, Arguments? args = null, string? notice = null, Guid? unitId = null)
    {
        var units = await ManagedUnits.ListAsync(turn.Db, turn.Roles, turn.Member.Id);
        if (units.Count == 0) { turn.Refuse("record.list", Access.SecretariesAndAdmins); return; }
        var year = YearOf(turn, args);
        var wanted = unitId ?? (Guid.TryParse(turn.Field("unit"), out var u) ? u : Guid.Empty);
        var unit = units.FirstOrDefault(x => x.Id == wanted) is { Name: not null } named ? named : units[0];
        var members = await turn.Db.Set<UnitMembership>().Where(m => m.UnitId == unit.Id)
            .Join(turn.Db.Set<Member>().Where(m => m.ErasedAt == null), m => m.MemberId, p => p.Id, (_, p) => p).Distinct().ToListAsync();
        var records = await turn.Db.Set<YearRecord>().Where(r => r.UnitId == unit.Id && r.Year == year).ToDictionaryAsync(r => r.MemberId);
        // Nobody comments on their own record: a secretary's goes to the secretary above, who opens this cell from the list.
        var rows = members.OrderBy(m => m.Name, StringComparer.Ordinal)
            .Select(m => (m.Name, records.GetValueOrDefault(m.Id), m.Id != turn.Member.Id)).ToList();
        turn.Show(YearRecordCards.List(turn.T, unit.Name, unit.Id, year, rows, units, notice));
    }

    public static Task ListVerbAsync(Turn turn) => ListAsync(turn);

    public static async Task OpenAsync(Turn turn)
    {
        if (await ReviewableAsync(turn, YearRecordCards.OpenVerb) is not var (record, member)) return;
        turn.Show(await ReviewCardAsync(turn, record, member));
    }

    public static async Task CommentAsync(Turn turn)
    {
        if (await ReviewableAsync(turn, YearRecordCards.CommentVerb) is not var (record, member)) return;
        var comment = turn.Field("comment")?.Trim();
        var assessment = member.IsPartyMember ? turn.Field("assessment") : null;
        var wording = turn.Field("wording")?.Trim() is { Length: > 0 } w ? w : null;
        var t = turn.T;
        var errors = new FormErrors()
            .When(string.IsNullOrEmpty(comment), t["Record.CommentRequired"])
            .When(comment is { Length: > 2000 }, t.Format("Commit.TooLong", t["Record.FieldComment"], 2000))
            .When(member.IsPartyMember && !Assessment76.Recorded.Contains(assessment), t["Record.AssessmentRequired"])
            .When(wording is { Length: > 500 }, t.Format("Commit.TooLong", t["Record.FieldWording"], 500))
            .When(assessment is Assessment76.Good or Assessment76.NotGood && wording is null, t["Record.WordingRequired"]);
        if (errors.Text is { } error)
        {
            turn.UpdateCard(await ReviewCardAsync(turn, record, member, (comment, assessment, wording), error));
            return;
        }
        (record.SecretaryComment, record.CommentedBy, record.CommentedAt) = (comment, turn.Member.Id, turn.Now);
        (record.Assessment, record.AssessmentWording) = (assessment ?? Assessment76.NotReceived, assessment == Assessment76.NotReceived ? null : wording);
        turn.Audit(YearRecordCards.CommentVerb, record.Id.ToString(), detail: record.Assessment);
        await ListAsync(turn, new Arguments(record.Year.ToString()), t.Format("Record.Commented", CardText.User(member.Name, 100)), record.UnitId);
    }

    private static async Task<(YearRecord, Member)?> ReviewableAsync(Turn turn, string action)
    {
        var id = Guid.TryParse(turn.Field("recordId"), out var g) ? g : Guid.Empty;
        var record = await turn.Db.Set<YearRecord>().FirstOrDefaultAsync(r => r.Id == id);
        if (record is null || !turn.Roles.Holds(Role.Secretary, record.UnitId) || record.MemberId == turn.Member.Id)
        {
            turn.Refuse(action, Access.SecretariesAndAdmins, id.ToString());
            return null;
        }
        return (record, await turn.Db.Set<Member>().FirstAsync(m => m.Id == record.MemberId));
    }

    private static async Task<AdaptiveCard> ReviewCardAsync(Turn turn, YearRecord record, Member member,
        (string?, string?, string?)? typed = null, string? error = null)
    {
        var lines = await LinesAsync(turn.Db, turn.Services.GetServices<IYearPart>(), member.Id, record.Year, turn.T, CommitmentCommands.Zone(turn), default);
        var card = YearRecordCards.Record(turn.T, record.Year, member.Name, lines, record, forMember: false, error: error);
        return YearRecordCards.AddReview(card, turn.T, record.Id, record, member.IsPartyMember, typed);
    }

    /// <summary>The cell's record of <paramref name="year"/> is scheduled for its record date, if that is still ahead.</summary>
    public static async Task EnsureScheduledAsync(StudyBotDb db, Guid unitId, int year, DateTime now, TimeZoneInfo zone, CancellationToken ct)
    {
        var schedule = await CheckInSchedules.CurrentAsync(db, unitId, ct);
        if (!DateOnly.TryParseExact($"{schedule.RecordDate}/{year}", "dd/MM/yyyy", out var day)) return;
        var time = TimeOnly.TryParseExact(schedule.Time, "HH:mm", out var t) ? t : new TimeOnly(9, 0);
        var due = LocalTime.ToUtc(day.ToDateTime(time), zone);
        if (due <= now) return;
        await Jobs.ScheduleAsync(db, Kind, due, new RecordPayload(unitId, year, schedule.Version), $"{Kind}:{unitId:N}:{year}:v{schedule.Version}", now, ct);
    }
}

public sealed record RecordPayload(Guid UnitId, int Year, int Version);

/// <summary>On the record date: each member of the cell gets their record of the year to confirm. Once per member and year.</summary>
public sealed class YearRecordJob(TimeProvider time, IOptions<ThemeOptions> themes) : IJobHandler
{
    public string Kind => YearRecords.Kind;
    public CatchUp CatchUp => CatchUp.Always;

    public async Task RunAsync(Job job, IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<StudyBotDb>();
        var payload = Jobs.Read<RecordPayload>(job);
        var schedule = await db.Set<CheckInSchedule>().FirstOrDefaultAsync(s => s.UnitId == payload.UnitId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        if ((schedule?.Version ?? 1) != payload.Version)
        {
            // Settings changed since: the record is (made) sure under the new ones instead.
            await YearRecords.EnsureScheduledAsync(db, payload.UnitId, payload.Year, now, themes.Value.Zone, ct);
            await db.SaveChangesAsync(ct);
            return;
        }
        var parts = services.GetServices<IYearPart>().ToList();
        var members = await db.Set<UnitMembership>().Where(m => m.UnitId == payload.UnitId)
            .Join(db.Set<Member>().Where(m => m.ErasedAt == null), m => m.MemberId, p => p.Id, (_, p) => p).Distinct().ToListAsync(ct);
        var sent = (await db.Set<YearRecord>().Where(r => r.Year == payload.Year).Select(r => r.MemberId).ToListAsync(ct)).ToHashSet();
        foreach (var member in members.Where(m => !sent.Contains(m.Id)))
        {
            var record = new YearRecord { Id = Guid.NewGuid(), MemberId = member.Id, UnitId = payload.UnitId, Year = payload.Year, SentAt = now };
            db.Add(record);
            var t = new Texts(member.Language);
            var lines = await YearRecords.LinesAsync(db, parts, member.Id, payload.Year, t, themes.Value.Zone, ct);
            Outbox.SendTo(db, member.Id, CardMessages.Message(YearRecordCards.Record(t, payload.Year, member.Name, lines, record, forMember: true)), now);
        }
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>At every start, each unit's record of this year is scheduled (the job's key keeps it to one).</summary>
public sealed class YearRecordSeed : IDatabaseSeed
{
    public async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<StudyBotDb>();
        var themes = services.GetRequiredService<IOptions<ThemeOptions>>().Value;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        foreach (var unit in await db.Set<Unit>().Select(u => u.Id).ToListAsync(ct))
            await YearRecords.EnsureScheduledAsync(db, unit, themes.Local(now).Year, now, themes.Zone, ct);
        await db.SaveChangesAsync(ct);
    }
}
