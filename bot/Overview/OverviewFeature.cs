using StudyBot.Agency;
using StudyBot.Conversations;

namespace StudyBot.Overview;

/// <summary>`tổng quan` / `overview`: the cell or the agency at a glance, from each feature's `IOverviewPart`.</summary>
public sealed class OverviewFeature : IFeature
{
    public void Register(CommandTable table)
    {
        table.AddCommand("overview", OverviewCommands.HandleAsync, "tổng quan", "overview");
        // Members never get the cell list; which cells a supervisor may open the handler reads from the stored roles.
        table.AddVerb(OverviewCommands.CellVerb, OverviewCommands.CellVerbAsync, Access.Supervisors);
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
