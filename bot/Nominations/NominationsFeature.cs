using StudyBot.Agency;
using StudyBot.Conversations;
using StudyBot.Scheduling;
using StudyBot.Storage;

namespace StudyBot.Nominations;

/// <summary>`đề cử` / `nominate`: good deeds named in a minute, decided by the leadership from the card itself.</summary>
public sealed class NominationsFeature : IFeature
{
    public void Register(CommandTable table)
    {
        table.AddCommand("nominate", NominationCommands.HandleAsync, "đề cử", "nominate")
            .Guarded("đề cử chờ duyệt", Access.Leaders).Guarded("đề cử xuất", Access.Admins);
        table.AddVerb(NominationForm.SaveVerb, NominationCommands.SaveAsync);
        // Open to all at the router: the handlers refuse non-leaders themselves, with the leaders-only message.
        table.AddVerb(NominationCards.CommendVerb, NominationDecisions.CommendAsync);
        table.AddVerb(NominationCards.ProposeVerb, NominationDecisions.ProposeAsync);
        table.AddVerb(NominationCards.DeclineVerb, NominationDecisions.DeclineAsync);
        table.GuardedVerb(NominationCards.CommendVerb, Access.Leaders).GuardedVerb(NominationCards.ProposeVerb, Access.Leaders)
            .GuardedVerb(NominationCards.DeclineVerb, Access.Leaders);
    }
}

public static class NominationsExtensions
{
    public static IServiceCollection AddNominations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NominationOptions>().Bind(configuration.GetSection("Nominations"))
            .Validate(o => o.DuplicateWindowDays >= 0, "Nominations:DuplicateWindowDays must not be negative")
            .Validate(o => o.ExportLinkLifetime > TimeSpan.Zero, "Nominations:ExportLinkLifetime must be positive")
            .ValidateOnStart();
        services.AddSingleton<IPersonalDataPart, NominationsPersonalData>();
        services.AddSingleton<IYearPart, NominationsYear>();
        services.AddSingleton<IOverviewPart, NominationsOverview>();
        services.AddJob<NominationSummaryJob>();
        services.AddSingleton<IDatabaseSeed, NominationSummarySeed>();
        services.AddFeature<NominationsFeature>();
        return services;
    }

    /// <summary>The nominations export leaders download from a signed link.</summary>
    public static IEndpointRouteBuilder MapNominations(this IEndpointRouteBuilder app)
    {
        NominationExport.Map(app);
        return app;
    }
}
