using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Agency;
using StudyBot.Conduct;
using StudyBot.Conversations;
using StudyBot.Members.Import;
using StudyBot.Nominations;
using StudyBot.Quiz;
using StudyBot.Reminders;
using StudyBot.Resources;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;
using StudyBot.Tests.Members;

namespace StudyBot.Tests.Resilience;

public sealed class AuthorizationSweepTestsOnSqlite() : AuthorizationSweepTests(StorageProvider.Sqlite);

public sealed class AuthorizationSweepTestsOnPostgres() : AuthorizationSweepTests(StorageProvider.Postgres);

/// <summary>
/// Every guarded action the code registers (commands, card verbs, dialogs, file types, and the guarded uses declared
/// beside them) is tried by people who may not: a plain member with forged card data, and a secretary of another unit
/// replaying cards of unit A. The list comes from the running bot's <see cref="CommandTable"/>, so an action added
/// later is swept without anyone editing this file.
/// </summary>
public abstract class AuthorizationSweepTests(StorageProvider provider) : ProviderSuite(provider)
{
    private const string Admin = "admin@bhxh.example";
    private const string SecretaryA = "an@bhxh.example";
    private const string Plain = "binh@bhxh.example";
    private const string SecretaryB = "cuong@bhxh.example";
    private const string Leader = "giamdoc@bhxh.example";

    private sealed record World(Guid UnitA, Guid PlainId, Guid Round, Guid ClosedRound, Guid Reminder, Guid Escalation, Guid Nomination, Guid Plan, Guid CommitmentSet, Guid Record);

    private async Task<(BotHost Bot, World World)> StartWorldAsync()
    {
        var bot = await StartBot(settings: new Dictionary<string, string> { ["StudyBot:Admins:0"] = Admin });
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var (_, errors) = await scope.ServiceProvider.GetRequiredService<MemberImport>().RunAsync(new StringReader($"""
                {MemberFiles.Header}
                {SecretaryA},Nguyễn Văn An,,,Phòng Thu > Chi bộ Thu,có,bí thư@Chi bộ Thu
                {Plain},Trần Thị Bình,,,Chi bộ Thu,có,
                {SecretaryB},Lê Văn Cường,,,Phòng Chế độ > Chi bộ Chế độ,có,bí thư@Chi bộ Chế độ
                {Leader},Phạm Giám Đốc,,,Ban Giám đốc,có,lãnh đạo
                {Admin},Quản Trị Viên,,,Văn phòng,có,
                """), Texts.Vietnamese, null, default);
            Assert.Empty(errors);
        }
        await using var db = bot.NewDb();
        var unitA = (await db.Set<Unit>().SingleAsync(u => u.Name == "Chi bộ Thu")).Id;
        var plain = (await db.Set<Member>().SingleAsync(m => m.Upn == Plain)).Id;
        var secretary = (await db.Set<Member>().SingleAsync(m => m.Upn == SecretaryA)).Id;
        var now = DateTime.UtcNow;
        QuizRound Round(string status, DateTime closes) => new()
        {
            Id = Guid.NewGuid(), UnitId = unitA, Title = "Đợt " + status, OpensAt = now.AddDays(-2), ClosesAt = closes, Items = "[]",
            Status = status, CreatedBy = secretary, CreatedAt = now.AddDays(-3),
        };
        var round = Round(RoundStatus.Open, now.AddDays(1));
        var closed = Round(RoundStatus.Closed, now.AddDays(-1));
        var reminder = new Reminder
        {
            Id = Guid.NewGuid(), UnitId = unitA, Text = "Sinh hoạt chi bộ", Rule = RepeatRule.Once, FirstLocal = now.AddDays(3),
            CreatedBy = secretary, CreatedAt = now,
        };
        var escalation = new Escalation
        {
            Id = Guid.NewGuid(), Number = 1, AskerId = plain, UnitId = unitA, Question = "Câu hỏi của chi bộ Thu", CreatedAt = now,
        };
        var nomination = new Nomination
        {
            Id = Guid.NewGuid(), Year = now.Year, Sequence = 1, NominatorId = secretary, NomineeId = plain, NomineeUnitId = unitA,
            Deed = "Giúp người dân làm thủ tục", DeedDate = "2026-11-01", CreatedAt = now,
        };
        var plan = new StudyBot.Themes.PlanItem { Id = Guid.NewGuid(), UnitId = unitA, Year = now.Year, Month = 12, Text = "Kế hoạch chi bộ Thu", CreatedBy = secretary, CreatedAt = now };
        // A plain member's set waiting in unit A, and their record of the year there.
        var set = new StudyBot.Commitments.CommitmentSet { Id = Guid.NewGuid(), MemberId = plain, UnitId = unitA, Year = now.Year, Status = StudyBot.Commitments.CommitmentStatus.Submitted, SubmittedAt = now, CreatedAt = now, UpdatedAt = now };
        var record = new StudyBot.Commitments.YearRecord { Id = Guid.NewGuid(), MemberId = plain, UnitId = unitA, Year = now.Year, SentAt = now, SelfAssessment = "Tự đánh giá", ConfirmedAt = now };
        db.AddRange(round, closed, reminder, escalation, nomination, plan, set, record);
        db.Add(new ConductEntry { Id = "cho-duyet-1", Questions = "[\"Hỏi gì?\"]", Answer = "Đáp.", Status = ConductStatus.Pending, Origin = "escalation", UpdatedAt = now });
        await db.SaveChangesAsync();
        return (bot, new World(unitA, plain, round.Id, closed.Id, reminder.Id, escalation.Id, nomination.Id, plan.Id, set.Id, record.Id));
    }

    /// <summary>Card data naming unit A's real things, with claims of rank a card could carry.</summary>
    private static JsonObject Forged(World w, Guid? round = null) => new()
    {
        ["unitId"] = w.UnitA.ToString(), ["unit"] = w.UnitA.ToString(), ["units"] = w.UnitA.ToString(),
        ["roundId"] = (round ?? w.Round).ToString(), ["reminderId"] = w.Reminder.ToString(), ["escalationId"] = w.Escalation.ToString(),
        ["nominationId"] = w.Nomination.ToString(), ["planId"] = w.Plan.ToString(), ["setId"] = w.CommitmentSet.ToString(), ["recordId"] = w.Record.ToString(), ["comment"] = "Giả mạo",
        ["assessment"] = "good", ["wording"] = "Giả mạo", ["cadence"] = "monthly", ["day"] = "5", ["record"] = $"{DateTime.UtcNow.Year}-12-01", ["entryId"] = "cho-duyet-1", ["memberId"] = w.PlainId.ToString(),
        ["version"] = 1, ["year"] = "2026", ["title"] = "Giả mạo", ["text"] = "Giả mạo", ["answer"] = "Giả mạo",
        ["reason"] = "Giả mạo", ["openDate"] = "2030-01-01", ["openTime"] = "08:00", ["closeDate"] = "2030-01-02",
        ["closeTime"] = "08:00", ["date"] = "2030-01-01", ["time"] = "08:00", ["rule"] = "Once", ["questions"] = "5",
        ["name"] = "Giả mạo", ["description"] = "Giả mạo",
        ["role"] = "admin", ["roles"] = "admin", ["isAdmin"] = true, ["isLeader"] = true, ["isSecretary"] = true,
    };

    [SkippableFact]
    public async Task A_plain_member_is_refused_every_guarded_action_and_each_refusal_is_audited()
    {
        var (bot, world) = await StartWorldAsync();
        await using var _ = bot;
        var table = bot.Services.GetRequiredService<CommandTable>();
        var before = await FingerprintAsync(bot);
        var attempts = new List<(string What, string Answer)>();

        foreach (var command in table.Commands.Where(c => !c.Access.IsOpen))
            attempts.Add(($"command {command.Name}", await SayAsync(bot, Plain, command.Keywords[0] + " Chi bộ Thu")));
        foreach (var (phrase, _) in table.GuardedPhrases)
            attempts.Add(($"phrase {phrase}", await SayAsync(bot, Plain, phrase)));
        foreach (var verb in table.VerbHandlers.Where(v => !v.Access.IsOpen).Select(v => v.Name)
                     .Concat(table.GuardedVerbs.Select(g => g.Verb)).Distinct())
            attempts.Add(($"verb {verb}", Answer(await People.ClicksAsync(bot, Plain, verb, Forged(world)))));
        foreach (var dialog in table.Dialogs.Where(d => !d.Access.IsOpen))
        {
            // A dialog begun while the person still held the role, which has since been taken away.
            await SayAsync(bot, Plain, "trợ giúp");
            await using (var db = bot.NewDb())
            {
                db.Add(new DialogState { ConversationId = "a:" + Plain, UserId = "29:" + Plain, Dialog = dialog.Name, Data = "{}", Version = 1, UpdatedAt = DateTime.UtcNow });
                await db.SaveChangesAsync();
            }
            attempts.Add(($"dialog {dialog.Name}", await SayAsync(bot, Plain, "tiếp tục")));
        }
        foreach (var file in table.Files.Where(f => !f.Access.IsOpen))
        {
            var message = People.Says(bot, Plain, "");
            message["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.teams.file.download.info", ["name"] = "danh-sach." + file.Name,
                ["content"] = new JsonObject { ["downloadUrl"] = bot.Channel.BaseUrl + "/files/x." + file.Name, ["fileType"] = file.Name },
            });
            await bot.SendAsync(message);
            attempts.Add(($"file .{file.Name}", People.LastTextTo(bot, Plain)));
        }

        Assert.True(attempts.Count >= 25, $"the registry gave only {attempts.Count} guarded actions");
        var notRefused = attempts.Where(a => !IsRefusal(a.Answer)).Select(a => $"{a.What}: {a.Answer}").ToList();
        Assert.True(notRefused.Count == 0, "Not refused:\n" + string.Join("\n", notRefused));
        await using (var db = bot.NewDb())
        {
            var refusals = await db.Set<AuditEntry>().CountAsync(a => a.ActorId == world.PlainId && a.Outcome == AuditOutcome.Refused);
            Assert.Equal(attempts.Count, refusals);
        }
        Assert.Equal(before, await FingerprintAsync(bot));
    }

    [SkippableFact]
    public async Task A_secretary_replaying_another_units_cards_changes_nothing_there()
    {
        var (bot, world) = await StartWorldAsync();
        await using var _ = bot;
        var table = bot.Services.GetRequiredService<CommandTable>();
        var before = await FingerprintAsync(bot);
        var secretaryVerbs = table.VerbHandlers.Where(v => v.Access.AnyOf.Contains(Role.Secretary)).Select(v => v.Name)
            .Concat(table.GuardedVerbs.Where(g => g.Access.AnyOf.Contains(Role.Secretary)).Select(g => g.Verb)).Distinct().ToList();
        Assert.NotEmpty(secretaryVerbs);

        var allowed = new List<string>();
        foreach (var verb in secretaryVerbs)
        {
            var answer = Answer(await People.ClicksAsync(bot, SecretaryB, verb, Forged(world)));
            // Opening a blank form or a list of one's own units is no attack; everything that names unit A's things is refused.
            if (!IsRefusal(answer)) allowed.Add(verb);
        }

        Assert.All(allowed, verb => Assert.True(verb.EndsWith(".form") || verb.EndsWith(".list"), verb));
        await using (var db = bot.NewDb())
        {
            var cuong = await db.Set<Member>().SingleAsync(m => m.Upn == SecretaryB);
            Assert.Equal(secretaryVerbs.Count - allowed.Count,
                await db.Set<AuditEntry>().CountAsync(a => a.ActorId == cuong.Id && a.Outcome == AuditOutcome.Refused));
        }
        Assert.Equal(before, await FingerprintAsync(bot));
    }

    [SkippableFact]
    public async Task Verbs_of_a_closed_round_are_refused_and_audited()
    {
        var (bot, world) = await StartWorldAsync();
        await using var _ = bot;
        var before = await FingerprintAsync(bot);

        var start = Answer(await People.ClicksAsync(bot, Plain, RoundCards.StartVerb, Forged(world, world.ClosedRound)));
        var cancel = Answer(await People.ClicksAsync(bot, SecretaryA, RoundManageCards.CancelVerb, Forged(world, world.ClosedRound)));

        Assert.Contains("đã đóng", start);
        Assert.DoesNotContain("Đã hủy", cancel);
        await using (var db = bot.NewDb())
        {
            Assert.Equal(1, await db.Set<AuditEntry>().CountAsync(a => a.Action == "quiz.start" && a.Outcome == AuditOutcome.Refused));
            Assert.Equal(1, await db.Set<AuditEntry>().CountAsync(a => a.Action == "round.cancel" && a.Outcome == AuditOutcome.Refused));
        }
        Assert.Equal(before, await FingerprintAsync(bot));
    }

    private static bool IsRefusal(string answer) =>
        answer.StartsWith("Anh/chị chưa có quyền", StringComparison.Ordinal) || answer.StartsWith("Chỉ Ban Giám đốc", StringComparison.Ordinal);

    private static string Answer(JsonNode invokeBody) =>
        invokeBody["value"] is JsonValue v ? v.GetValue<string>() : CardReader.Visible(invokeBody["value"]!);

    private static async Task<string> SayAsync(BotHost bot, string upn, string text)
    {
        await bot.SendAsync(People.Says(bot, upn, text));
        return People.LastTextTo(bot, upn);
    }

    /// <summary>
    /// Every stored row that says what someone may see or has decided, as one hash. Rows a refusal itself writes (its
    /// audit entry, the handled activity, who was last seen, the conversation reference, a dialog) are left out.
    /// </summary>
    private static async Task<string> FingerprintAsync(BotHost bot)
    {
        var skip = new HashSet<string> { "audit_log", "processed_activities", "members", "conversations", "dialog_states", "outbox_messages" };
        await using var db = bot.NewDb();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Where(t => !skip.Contains(t)).Order();
        var all = new StringBuilder();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            var rows = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            var content = string.Join('\n', rows.Order(StringComparer.Ordinal));
            all.Append(table).Append(' ').Append(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..12]).Append('\n');
        }
        return all.ToString(); // per table, so a failure names what changed
    }
}
