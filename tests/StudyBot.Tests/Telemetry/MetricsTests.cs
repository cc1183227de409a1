using StudyBot.Conduct;
using StudyBot.Scheduling;
using StudyBot.Storage;
using StudyBot.Tests.Delivery;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Telemetry;

/// <summary>
/// The OpenTelemetry SDK listens to every meter named "StudyBot" in the process, so a bot of another test running at the
/// same time would add its turns and sends to these counts: these suites run alone.
/// </summary>
[CollectionDefinition(nameof(MetricsRunAlone), DisableParallelization = true)]
public sealed class MetricsRunAlone;

[Collection(nameof(MetricsRunAlone))]
public sealed class MetricsTestsOnSqlite() : MetricsTests(StorageProvider.Sqlite);

[Collection(nameof(MetricsRunAlone))]
public sealed class MetricsTestsOnPostgres() : MetricsTests(StorageProvider.Postgres);

/// <summary>What an operator's dashboard would show after real turns and a real broadcast.</summary>
public abstract class MetricsTests(StorageProvider provider) : ProviderSuite(provider)
{
    [SkippableFact]
    public async Task A_broadcast_answered_429_and_503_on_the_way_shows_each_send_by_status_and_the_outbox_drained()
    {
        var metrics = new ExportedMetrics();
        await using var bot = await StartBot(customize: metrics.Attach, settings: ExportedMetrics.On());
        await DeliveryTests.PeopleAsync(bot, 10);
        bot.Channel.FailNext(429, count: 2, retryAfterSeconds: 1);
        bot.Channel.FailNext(503);

        var report = await DeliveryTests.WaitDoneAsync(bot, (await DeliveryTests.BroadcastAsync(bot, "metrics")).Id);
        Assert.Equal(10, report.Sent);
        await Task.Delay(500); // a sample taken after the last row was recorded

        var seen = metrics.Collect(bot);
        Assert.Equal((10L, 2L, 1L), (seen.Sum("studybot.sends", "status_class", "2xx"),
            seen.Sum("studybot.sends", "status_class", "429"), seen.Sum("studybot.sends", "status_class", "5xx")));
        Assert.Equal(["2xx", "429", "5xx"], seen.TagValues("studybot.sends", "status_class").Order());
        Assert.Equal(0, seen.GaugeLong("studybot.outbox.depth"));
        Assert.Equal(0, seen.GaugeDouble("studybot.outbox.oldest_due_age"));
        // 13 permits within the last ten seconds: at most 1.3 a second, and not nothing.
        Assert.InRange(seen.GaugeDouble("studybot.delivery.rate", "tenant", BotHost.TenantId) ?? 0, 0.1, 1.3);
    }

    [SkippableFact]
    public async Task Turns_are_counted_and_timed_by_how_they_ended()
    {
        var metrics = new ExportedMetrics();
        await using var bot = await StartBot(customize: metrics.Attach, settings: ExportedMetrics.On());
        const string upn = "hoa@bhxh.example";

        var first = People.Says(bot, upn, "trợ giúp");
        await bot.SendAsync(first);
        await bot.SendAsync(People.Says(bot, upn, "help"));
        await bot.SendAsync(first); // Teams redelivers: answered from the record
        await bot.SendAsync(Activities.Base("typing", bot.Channel.ServiceUrl));
        var search = Activities.Base("invoke", bot.Channel.ServiceUrl);
        search["name"] = "composeExtension/query";
        await bot.SendAsync(search);
        bot.Channel.FailNext(403, code: "BotNotInConversationRoster"); // the reply is refused: unacknowledged, for a redelivery
        await bot.SendAsync(People.Says(bot, upn, "chủ đề"));

        var seen = metrics.Collect(bot);
        Assert.Equal((2L, 1L, 1L, 1L, 1L), (seen.Sum("studybot.turns", "outcome", "handled"), seen.Sum("studybot.turns", "outcome", "replayed"),
            seen.Sum("studybot.turns", "outcome", "ignored"), seen.Sum("studybot.turns", "outcome", "not_implemented"),
            seen.Sum("studybot.turns", "outcome", "reply_failed")));
        Assert.Equal(["handled", "ignored", "not_implemented", "replayed", "reply_failed"], seen.TagValues("studybot.turns", "outcome").Order());
        Assert.Equal(2, seen.HistogramCount("studybot.turn.duration", "outcome", "handled"));
        Assert.InRange(seen.HistogramSum("studybot.turn.duration", "outcome", "handled"), 0.0001, 10);
        Assert.Equal(1, seen.Sum("studybot.sends", "status_class", "403"));
    }

    [SkippableFact]
    public async Task The_gauges_report_the_waiting_messages_the_late_job_and_the_open_question_the_store_holds()
    {
        var metrics = new ExportedMetrics();
        // No job runs here, so the late one stays late.
        await using var bot = await StartBot(customize: metrics.Attach,
            settings: ExportedMetrics.On(new() { ["Scheduling:Enabled"] = "false" }));
        var member = (await DeliveryTests.PeopleAsync(bot, 1))[0];
        var now = DateTime.UtcNow;
        await using (var db = bot.NewDb())
        {
            await StuckDelivery.HoldUpAsync(db, member.Id, now, TimeSpan.FromMinutes(5));
            await Jobs.ScheduleAsync(db, "test.late", now.AddMinutes(-2), new { }, "late", now, default);
            db.Add(new Escalation { Id = Guid.NewGuid(), Number = 1, AskerId = member.Id, Question = "Đảng viên có được kinh doanh không?", CreatedAt = now });
            await db.SaveChangesAsync();
        }

        // A sample that began before the rows were in may have counted some of them and not others, and one collection may
        // read some gauges before the next sample and some after: wait until every gauge shows a later one.
        var seen = await metrics.CollectWhenAsync(bot, s => s.GaugeLong("studybot.escalations.open") == 1
            && s.GaugeLong("studybot.outbox.depth") == 2 && s.GaugeLong("studybot.jobs.due") == 1
            && s.GaugeLong("studybot.jobs.late") == 1 && s.GaugeDouble("studybot.outbox.oldest_due_age") > 0);

        Assert.Equal(2, seen.GaugeLong("studybot.outbox.depth")); // the one held by the other instance and the one behind it
        Assert.InRange(seen.GaugeDouble("studybot.outbox.oldest_due_age") ?? 0, 295, 330);
        Assert.Equal((1L, 1L, 1L), (seen.GaugeLong("studybot.jobs.due") ?? 0, seen.GaugeLong("studybot.jobs.late") ?? 0,
            seen.GaugeLong("studybot.escalations.open") ?? 0));
    }

    [SkippableFact]
    public async Task The_Prometheus_endpoint_serves_the_StudyBot_metrics_as_text_on_its_own_port()
    {
        var settings = ExportedMetrics.On();
        await using var bot = await StartBot(settings: settings);
        await bot.SendAsync(People.Says(bot, "lan@bhxh.example", "trợ giúp"));
        using var scraper = new HttpClient { BaseAddress = new Uri(settings["Telemetry:PrometheusUrl"]) };

        string text = "";
        for (var i = 0; i < 50 && !text.Contains("studybot_outbox_depth"); i++, await Task.Delay(100))
        {
            using var response = await scraper.GetAsync("metrics");
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            text = await response.Content.ReadAsStringAsync();
        }

        Assert.Contains("# TYPE studybot_turns_total counter", text);
        Assert.Matches("studybot_turns_total\\{[^}]*outcome=\"handled\"[^}]*\\} 1", text);
        Assert.Contains("# TYPE studybot_turn_duration_seconds histogram", text);
        Assert.Contains("studybot_sends_total{", text);
        Assert.Contains("# TYPE studybot_outbox_depth gauge", text);
        // Only there: the port Teams reaches does not serve the figures.
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await bot.Http.GetAsync("/metrics")).StatusCode);
    }
}
