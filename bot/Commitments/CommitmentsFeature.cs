using StudyBot.Agency;
using StudyBot.Conversations;
using StudyBot.Scheduling;
using StudyBot.Storage;

namespace StudyBot.Commitments;

/// <summary>`làm theo` / `follow`: each member's commitments by the 4 Rõ, their progress, and the cell's year.</summary>
public sealed class CommitmentsFeature : IFeature
{
    public void Register(CommandTable table)
    {
        table.AddCommand("follow", CommitmentCommands.HandleAsync, "làm theo", "follow")
            .Guarded("làm theo chi bộ", Access.SecretariesAndAdmins).Guarded("làm theo lịch", Access.SecretariesAndAdmins)
            .Guarded("làm theo hồ sơ chi bộ", Access.SecretariesAndAdmins);
        // The member's own verbs are open at the router: each handler works on the speaker's own stored set only.
        table.AddVerb(CommitmentCards.ShowVerb, CommitmentCommands.ShowVerbAsync);
        table.AddVerb(CommitmentCards.FormVerb, CommitmentCommands.FormAsync);
        table.AddVerb(CommitmentCards.SaveVerb, CommitmentCommands.SaveAsync);
        table.AddVerb(CommitmentCards.RemoveVerb, CommitmentCommands.RemoveAsync);
        table.AddVerb(CommitmentCards.SubmitVerb, CommitmentSubmission.SubmitAsync);
        table.AddVerb(CommitmentCards.ReopenVerb, CommitmentSubmission.ReopenAsync);
        table.AddVerb(CommitmentCards.ProgressFormVerb, CheckIns.FormAsync);
        table.AddVerb(CommitmentCards.ProgressSaveVerb, CheckIns.SaveAsync);
        table.AddVerb(ReviewCards.ReviewVerb, CellReview.ReviewAsync, Access.SecretariesAndAdmins);
        table.AddVerb(ReviewCards.ApproveVerb, CellReview.ApproveAsync, Access.SecretariesAndAdmins);
        table.AddVerb(ReviewCards.ReturnVerb, CellReview.ReturnAsync, Access.SecretariesAndAdmins);
        table.AddVerb(ReviewCards.CellVerb, CellReview.OverviewAsync, Access.SecretariesAndAdmins);
        table.AddVerb(ReviewCards.RemindVerb, CellReview.RemindAsync, Access.SecretariesAndAdmins);
        table.AddVerb(YearRecordCards.ConfirmVerb, YearRecords.ConfirmAsync);
        table.AddVerb(YearRecordCards.ListVerb, YearRecords.ListVerbAsync, Access.SecretariesAndAdmins);
        table.AddVerb(YearRecordCards.OpenVerb, YearRecords.OpenAsync, Access.SecretariesAndAdmins);
        table.AddVerb(YearRecordCards.CommentVerb, YearRecords.CommentAsync, Access.SecretariesAndAdmins);
        table.AddVerb(CheckInSchedules.FormVerb, CheckInSchedules.FormAsync, Access.SecretariesAndAdmins);
        table.AddVerb(CheckInSchedules.SaveVerb, CheckInSchedules.SaveAsync, Access.SecretariesAndAdmins);
    }
}

public static class CommitmentsExtensions
{
    public static IServiceCollection AddCommitments(this IServiceCollection services)
    {
        services.AddSingleton<IPersonalDataPart, CommitmentsPersonalData>();
        services.AddSingleton<IOverviewPart, CommitmentsOverview>();
        services.AddJob<CheckInJob>();
        services.AddJob<RegistrationNudgeJob>();
        services.AddJob<YearRecordJob>();
        services.AddSingleton<IDatabaseSeed, YearRecordSeed>();
        services.AddSingleton<IDatabaseSeed, RegistrationNudgeSeed>();
        services.AddFeature<CommitmentsFeature>();
        return services;
    }

    /// <summary>The year reports secretaries, admins and leaders download from a signed link.</summary>
    public static IEndpointRouteBuilder MapCommitments(this IEndpointRouteBuilder app)
    {
        CellReports.Map(app);
        return app;
    }
}
