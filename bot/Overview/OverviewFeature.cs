using StudyBot.Conversations;

namespace StudyBot.Overview;

/// <summary>`tổng quan` / `overview`: the cell or the agency at a glance, from each feature's `IOverviewPart`.</summary>
public sealed class OverviewFeature : IFeature
{
    public void Register(CommandTable table)
    {
        table.AddCommand("overview", OverviewCommands.HandleAsync, "tổng quan", "overview");
        // Open at the router: the handler decides from the stored roles which cells this person may open.
        table.AddVerb(OverviewCommands.CellVerb, OverviewCommands.CellVerbAsync);
    }
}

public static class OverviewExtensions
{
    public static IServiceCollection AddOverview(this IServiceCollection services)
    {
        services.AddFeature<OverviewFeature>();
        return services;
    }
}
