using StudyBot.Agency;
using StudyBot.Commitments;
using StudyBot.Conduct;
using StudyBot.Content;
using StudyBot.Conversations;
using StudyBot.Delivery;
using StudyBot.Downloads;
using StudyBot.Help;
using StudyBot.Members;
using StudyBot.Nominations;
using StudyBot.Overview;
using StudyBot.Protocol;
using StudyBot.Quiz;
using StudyBot.Reminders;
using StudyBot.Scheduling;
using StudyBot.Storage;
using StudyBot.Telemetry;
using StudyBot.Themes;

namespace StudyBot;

/// <summary>
/// Builds the service. Program.cs runs it; tests build the same app with their own settings and extra
/// services (a test feature, a token endpoint), on a real Kestrel port.
/// </summary>
public static class StudyBotApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = Hosting.ContentRoot(args) });
        Hosting.UseDefaultAddress(builder);
        Hosting.AnchorSqliteFile(builder);
        Hosting.QuietFailedStart(builder);
        builder.Services.AddSingleton(TimeProvider.System);

        // The ground floor: the store, the wire, the meter.
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddBotProtocol(builder.Configuration);
        builder.Services.AddTelemetry(builder.Configuration);
        // What every feature shares: the agency, the turn, jobs, the outbox, downloads, content packs.
        builder.Services.AddAgency(builder.Configuration);
        builder.Services.AddConversations();
        builder.Services.AddScheduling(builder.Configuration);
        builder.Services.AddDelivery(builder.Configuration);
        builder.Services.AddDownloads();
        builder.Services.AddContent();
        // The features, one line each.
        builder.Services.AddHelp();
        builder.Services.AddMembers(builder.Configuration);
        builder.Services.AddThemes(builder.Configuration);
        builder.Services.AddReminders();
        builder.Services.AddQuiz(builder.Configuration);
        builder.Services.AddNominations(builder.Configuration);
        builder.Services.AddConduct(builder.Configuration);
        builder.Services.AddCommitments();
        builder.Services.AddOverview();

        customize?.Invoke(builder);

        var app = builder.Build();
        var started = app.Services.GetRequiredService<StartState>();
        app.Lifetime.ApplicationStarted.Register(() => started.Started = true);
        app.MapBotMessages();
        app.MapHealth();
        app.MapQuiz();
        app.MapNominations();
        app.MapCommitments();
        app.MapCharts();
        app.MapMembers();
        return app;
    }
}
