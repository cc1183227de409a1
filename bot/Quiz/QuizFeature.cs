using StudyBot.Agency;
using StudyBot.Content;
using StudyBot.Conversations;
using StudyBot.Scheduling;

namespace StudyBot.Quiz;

/// <summary>`kiểm tra` / `quiz`: practice on "Dân vận", rounds that secretaries schedule, and their results.</summary>
public sealed class QuizFeature : IFeature
{
    public void Register(CommandTable table)
    {
        table.AddCommand("quiz", HandleAsync, "kiểm tra", "quiz");
        table.AddVerb(QuizCards.PracticeVerb, Practice.StartAsync);
        table.OnCancel(QuizCancel.CancelAsync);
        table.AddVerb(QuizCards.AnswerVerb, QuizPlay.AnswerAsync);
        table.AddVerb(QuizCards.NextVerb, QuizPlay.NextAsync);
        table.AddVerb(RoundCards.StartVerb, RoundStart.StartAsync);
        table.AddVerb(RoundManageCards.FormVerb, RoundCommands.FormAsync, Access.SecretariesAndAdmins);
        table.AddVerb(RoundManageCards.SaveVerb, RoundCommands.SaveAsync, Access.SecretariesAndAdmins);
        table.AddVerb(RoundManageCards.CancelVerb, RoundCommands.CancelAsync, Access.SecretariesAndAdmins);
        table.AddVerb(RoundManageCards.ResultsVerb, RoundCommands.ResultsAsync, Access.SecretariesAndAdmins);
        table.AddVerb(RoundProgress.RemindVerb, RoundCommands.RemindNowAsync, Access.SecretariesAndAdmins);
    }

    private static Task HandleAsync(Turn turn)
    {
        var args = new Arguments(turn.Arguments);
        if (args.IsEmpty) return Practice.StartAsync(turn);
        if (args.After("đợt", "rounds", "round") is not null) return RoundCommands.ListAsync(turn);
        if (args.After("lịch sử", "history") is not null) return QuizHistory.ShowAsync(turn);
        turn.Reply(turn.T["Quiz.Usage"]);
        return Task.CompletedTask;
    }
}

public static class QuizExtensions
{
    public static IServiceCollection AddQuiz(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QuizOptions>().Bind(configuration.GetSection("Quiz"))
            .Validate(o => o.RemindBefore >= TimeSpan.Zero, "Quiz:RemindBefore must not be negative")
            .Validate(o => o.ResultsLinkLifetime > TimeSpan.Zero, "Quiz:ResultsLinkLifetime must be positive")
            .Validate(o => o.MaxQuestions >= 1, "Quiz:MaxQuestions must be at least 1")
            .ValidateOnStart();
        services.AddSingleton<IContentSection, QuizSection>();
        services.AddSingleton<IPersonalDataPart, QuizPersonalData>();
        services.AddSingleton<IYearPart, QuizYear>();
        services.AddSingleton<IOverviewPart, QuizOverview>();
        services.AddSingleton<ResultsLinks>();
        services.AddJob<RoundOpenJob>();
        services.AddJob<RoundRemindJob>();
        services.AddJob<RoundCloseJob>();
        services.AddFeature<QuizFeature>();
        return services;
    }

    /// <summary>The round results a secretary downloads from a signed link.</summary>
    public static IEndpointRouteBuilder MapQuiz(this IEndpointRouteBuilder app)
    {
        ResultsLinks.Map(app);
        return app;
    }
}
