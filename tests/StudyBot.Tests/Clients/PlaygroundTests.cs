using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Agency;
using StudyBot.Conversations;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Clients;

/// <summary>
/// The bot against Microsoft's own local Teams client: the M365 Agents Playground, driven by headless
/// Chromium the way a person would use it. The screenshot is kept in tests/artifacts.
/// </summary>
public sealed class PlaygroundTests
{
    [BrowserFact]
    public async Task In_the_playground_the_bot_welcomes_answers_help_a_practice_question_a_nomination_and_its_card_buttons_work()
    {
        await using var bot = await BotHost.StartAsync(anonymous: true);
        // One true/false question left in the bank, so the browser knows what the practice card asks.
        await using (var bank = bot.NewDb())
            await bank.Set<StudyBot.Quiz.QuizQuestion>().Where(q => q.Id != "dv-21").ExecuteUpdateAsync(u => u.SetProperty(q => q.Active, false));
        // A colleague to nominate.
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var (_, errors) = await scope.ServiceProvider.GetRequiredService<StudyBot.Members.Import.MemberImport>().RunAsync(
                new StringReader($"{StudyBot.Tests.Members.MemberFiles.Header}\nan@bhxh.example,Nguyễn Văn An,,,Chi bộ Thu,có,\n"),
                StudyBot.Resources.Texts.Vietnamese, null, default);
            Assert.Empty(errors);
        }
        var screenshot = Path.Combine(RepoPaths.Artifacts, "playground-welcome-help.png");
        var port = Ports.Free();
        var result = await RunInPlaygroundAsync(bot, "playground-chat.js", screenshot, [], port);
        Assert.True(result["welcome"]!.GetValue<bool>(), $"no welcome card: {result["error"]}");
        Assert.True(result["help"]!.GetValue<bool>(), $"no help card: {result["error"]}");
        Assert.True(result["quiz"]!.GetValue<bool>(), $"the practice card did not update in place: {result["error"]}");
        Assert.True(result["nominate"]!.GetValue<bool>(), $"the nomination was not submitted: {result["error"]}");
        Assert.True(result["execute"]!.GetValue<bool>(), $"the English button did not update the card: {result["error"]}");
        Assert.True(new FileInfo(screenshot).Length > 10_000, "screenshot missing");

        // What the Playground's Teams-like connector made the bot store.
        await using var db = bot.NewDb();
        var member = await db.Set<Member>().SingleAsync(m => m.Name == "Alex Wilber");
        var nomination = await db.Set<StudyBot.Nominations.Nomination>().SingleAsync();
        Assert.Equal(member.Id, nomination.NominatorId);
        Assert.Equal("Alex Wilber", member.Name);
        var conversation = await db.Set<ConversationRecord>().SingleAsync(c => c.MemberId == member.Id);
        Assert.Equal($"http://localhost:{port}/_connector", conversation.ServiceUrl.TrimEnd('/'));
        Assert.Equal("msteams", conversation.ChannelId);
        Assert.NotNull(conversation.WelcomedAt);
    }

    [BrowserFact]
    public async Task In_the_playground_a_greeting_the_front_desk_question_and_4_ro_unaccented_get_the_right_replies()
    {
        const string frontDesk = "Khi người dân đến nộp hồ sơ thiếu giấy tờ thì tôi nên làm gì?";
        await using var bot = await BotHost.StartAsync(anonymous: true);
        var result = await RunInPlaygroundAsync(bot, "playground-conduct.js", Path.Combine(RepoPaths.Artifacts, "playground-conduct.png"), [frontDesk]);
        Assert.True(result["error"] is null, $"{result["error"]}");

        Assert.True(result["greeting"]!.GetValue<bool>(), "«xin chào» got no greeting");
        var desk = result["frontDesk"]!.GetValue<string>();
        Assert.Contains("Hướng dẫn hồ sơ tận tình, chu đáo", desk);
        Assert.Contains("Nguồn: «Những kinh nghiệm được rút ra", desk);
        Assert.DoesNotContain("chưa tìm được câu trả lời", desk);
        // What papers a procedure needs is the unit's rule: the secretary is one press away.
        Assert.True(result["askSecretary"]!.GetValue<bool>(), desk);
        var fourClear = result["fourClear"]!.GetValue<string>();
        Assert.Contains("Rõ người – Rõ việc – Rõ trách nhiệm – Rõ kết quả", fourClear);
        Assert.Contains("Nguồn: «Phân công, phân nhiệm đảm bảo nguyên tắc “4 Rõ”»", fourClear);
    }

    [BrowserFact]
    public async Task In_the_playground_a_member_reads_the_theme_cancels_a_practice_midway_and_exports_their_data()
    {
        await using var bot = await BotHost.StartAsync(anonymous: true);
        // Only true/false questions, so the browser can always answer the first one (an ordering question's lists are
        // Fluent drop-downs the script does not fill); the practice draw is random.
        await using (var bank = bot.NewDb())
            await bank.Set<StudyBot.Quiz.QuizQuestion>().Where(q => q.Kind != StudyBot.Quiz.QuestionKinds.TrueFalse).ExecuteUpdateAsync(u => u.SetProperty(q => q.Active, false));
        var result = await RunInPlaygroundAsync(bot, "playground-member.js", Path.Combine(RepoPaths.Artifacts, "playground-member.png"), []);
        Assert.True(result["error"] is null, $"{result["error"]}");

        var theme = result["theme"]!.GetValue<string>();
        Assert.Contains("Chuyên đề học tập năm", theme);
        Assert.True(result["practice"]!.GetValue<bool>(), "the practice card did not come");
        Assert.Contains("Đã hủy lượt luyện tập đang làm (đã trả lời 1/", result["cancel"]!.GetValue<string>());
        var export = result["export"]!.GetValue<string>();
        Assert.Contains("Dữ liệu StudyBot lưu về", export);
        Assert.Contains("Kiểm tra và luyện tập", export);
        Assert.True(result["exportLinks"]!.GetValue<int>() >= 2, export);

        // The cancelled practice is gone; the person the Playground plays exported their own data, and it was audited.
        await using var db = bot.NewDb();
        Assert.False(await db.Set<StudyBot.Quiz.QuizAttempt>().AnyAsync());
        Assert.Equal(1, await db.Set<AuditEntry>().CountAsync(a => a.Action == "member.export" && a.Detail == "own"));
    }

    [BrowserFact]
    public async Task In_the_playground_a_member_registers_a_commitment_and_reports_progress_on_it()
    {
        await using var bot = await BotHost.StartAsync(anonymous: true);
        // The person the Playground plays, in a cell with a secretary who approves what they send.
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var (_, errors) = await scope.ServiceProvider.GetRequiredService<StudyBot.Members.Import.MemberImport>().RunAsync(new StringReader(
                $"{StudyBot.Tests.Members.MemberFiles.Header}\nalexw@example.com,Alex Wilber,,,Chi bộ Một cửa,có,\n"
                + "bithu@bhxh.example,Bí Thư Một Cửa,,,Chi bộ Một cửa,có,bí thư@Chi bộ Một cửa\n"),
                StudyBot.Resources.Texts.Vietnamese, null, default);
            Assert.Empty(errors);
        }
        async Task ApproveWhenSentAsync()
        {
            for (var i = 0; i < 240; i++)
            {
                await using var db = bot.NewDb();
                if (await db.Set<StudyBot.Commitments.CommitmentSet>().FirstOrDefaultAsync(s => s.Status == StudyBot.Commitments.CommitmentStatus.Submitted) is { } set)
                {
                    // The secretary presses «Duyệt» in their own chat; in anonymous mode the bot takes it without a token.
                    var invoke = Activities.Invoke(bot.Channel.ServiceUrl, StudyBot.Commitments.ReviewCards.ApproveVerb, new JsonObject { ["setId"] = set.Id.ToString(), ["sent"] = set.SubmittedAt!.Value.Ticks.ToString() });
                    invoke["from"] = People.Says(bot, "bithu@bhxh.example", "")["from"]!.DeepClone();
                    invoke["conversation"] = new JsonObject { ["id"] = "a:bithu@bhxh.example", ["conversationType"] = "personal" };
                    var answer = await (await bot.PostAsync(invoke)).Content.ReadAsStringAsync();
                    Assert.Contains("Đã duyệt đăng ký của Alex Wilber", answer);
                    return;
                }
                await Task.Delay(500);
            }
        }

        var result = await RunInPlaygroundAsync(bot, "playground-commitment.js", Path.Combine(RepoPaths.Artifacts, "playground-commitment.png"), [],
            during: ApproveWhenSentAsync);
        Assert.True(result["error"] is null, $"{result["error"]}");

        Assert.Contains("Hướng dẫn hồ sơ tận tình cho người dân", result["saved"]!.GetValue<string>());
        Assert.Contains("Ví dụ cho vị trí «Tiếp nhận, trả kết quả hồ sơ»", result["saved"]!.GetValue<string>());
        Assert.Contains("Đã gửi bí thư (Bí Thư Một Cửa)", result["sent"]!.GetValue<string>());
        Assert.True(result["approved"]!.GetValue<bool>(), "the approval never showed");
        Assert.Contains("40% · đúng tiến độ", result["progress"]!.GetValue<string>());

        // What the Playground's clicks stored: the commitment as typed, approved, and one report of 40% with its note.
        await using var check = bot.NewDb();
        var commitment = await check.Set<StudyBot.Commitments.Commitment>().SingleAsync();
        Assert.Equal(("Mọi hồ sơ trả đúng ngày hẹn", 40), (commitment.Result, commitment.Percent));
        var report = await check.Set<StudyBot.Commitments.ProgressReport>().SingleAsync();
        Assert.Equal((40, "Xong đợt đầu"), (report.Percent, report.Note));
        var member = await check.Set<Member>().SingleAsync(m => m.Id == report.MemberId);
        Assert.Equal("alexw@example.com", member.Upn);
    }

    [BrowserFact]
    public async Task In_the_playground_a_secretary_opens_the_overview_and_its_chart_loads()
    {
        await using var bot = await BotHost.StartAsync(anonymous: true);
        // The person the Playground plays is the secretary of a cell with two closed rounds this year.
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var (_, errors) = await scope.ServiceProvider.GetRequiredService<StudyBot.Members.Import.MemberImport>().RunAsync(new StringReader(
                $"{StudyBot.Tests.Members.MemberFiles.Header}\nalexw@example.com,Alex Wilber,,,Chi bộ Một cửa,có,bí thư@Chi bộ Một cửa\n"
                + "an@bhxh.example,Nguyễn Văn An,,,Chi bộ Một cửa,có,\n"),
                StudyBot.Resources.Texts.Vietnamese, null, default);
            Assert.Empty(errors);
        }
        await using (var db = bot.NewDb())
        {
            var unit = await db.Set<Unit>().SingleAsync(u => u.Name == "Chi bộ Một cửa");
            var an = await db.Set<Member>().SingleAsync(m => m.Upn == "an@bhxh.example");
            var now = DateTime.UtcNow;
            foreach (var (title, days, score) in new[] { ("Dân vận đợt 1", 60, 3), ("Dân vận đợt 2", 20, 5) })
            {
                var round = new StudyBot.Quiz.QuizRound { Id = Guid.NewGuid(), UnitId = unit.Id, Title = title, OpensAt = now.AddDays(-days - 2), ClosesAt = now.AddDays(-days),
                    Items = "[]", Status = StudyBot.Quiz.RoundStatus.Closed, CreatedBy = an.Id, CreatedAt = now.AddDays(-days - 3) };
                db.AddRange(round, new StudyBot.Quiz.QuizAttempt { Id = Guid.NewGuid(), MemberId = an.Id, RoundId = round.Id, Count = 5, Score = score, Position = 5,
                    StartedAt = round.OpensAt, ShownAt = round.OpensAt, FinishedAt = round.OpensAt.AddHours(1) });
            }
            await db.SaveChangesAsync();
        }
        var result = await RunInPlaygroundAsync(bot, "playground-overview.js", Path.Combine(RepoPaths.Artifacts, "playground-overview.png"), []);
        Assert.True(result["error"] is null, $"{result["error"]}");

        Assert.Contains("Các đợt năm nay, điểm trung bình: «Dân vận đợt 1» 60%, «Dân vận đợt 2» 100%", result["card"]!.GetValue<string>());
        Assert.Equal(1, result["images"]!.GetValue<int>());
        Assert.Equal(1, result["loaded"]!.GetValue<int>());
        Assert.StartsWith("Điểm trung bình các đợt kiểm tra năm nay (%)", result["alt"]!.GetValue<string>());
    }

    /// <summary>
    /// Starts the Playground against the bot, runs a browser script in it (with <paramref name="during"/> alongside, for
    /// what others do meanwhile), and returns the script's one JSON line.
    /// </summary>
    private static async Task<JsonNode> RunInPlaygroundAsync(BotHost bot, string script, string screenshot, string[] args, int? onPort = null,
        Func<Task>? during = null)
    {
        var port = onPort ?? Ports.Free();
        var workDir = Directory.CreateTempSubdirectory("studybot-playground-").FullName;
        using var playground = StartPlayground(bot.BaseUrl + "/api/messages", port, workDir);
        try
        {
            await WaitForPingAsync(port);
            var run = ClientTools.RunNodeAsync(script, [$"http://localhost:{port}/", screenshot, .. args], TimeSpan.FromMinutes(4));
            if (during is not null) await during();
            var (exit, stdout, stderr) = await run;
            Assert.True(exit == 0, stderr);
            return JsonNode.Parse(stdout.Split('\n').Last(l => l.StartsWith('{')))!;
        }
        finally
        {
            playground.Kill(entireProcessTree: true);
            await playground.WaitForExitAsync();
            Directory.Delete(workDir, recursive: true);
        }
    }

    private static Process StartPlayground(string endpoint, int port, string workDir)
    {
        var start = new ProcessStartInfo(ClientTools.Node!)
        {
            WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(ClientTools.Dir, "node_modules", "@microsoft", "m365agentsplayground", "cli.js"));
        foreach (var arg in new[] { "-e", endpoint, "-c", "msteams", "-p", port.ToString(), "--conversation-id", "personal-conv-1", "--disable-telemetry" })
            start.ArgumentList.Add(arg);
        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForPingAsync(int port)
    {
        using var http = new HttpClient();
        for (var i = 0; i < 120; i++)
        {
            try
            {
                if (await http.GetStringAsync($"http://localhost:{port}/_debug/ping") == "pong") return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException("The Agents Playground did not start within 60 s");
    }
}
