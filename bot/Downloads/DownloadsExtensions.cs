namespace StudyBot.Downloads;

public static class DownloadsExtensions
{
    /// <summary>Signed links to the files people fetch from a card (results, exports); each feature maps its own path.</summary>
    public static IServiceCollection AddDownloads(this IServiceCollection services) => services.AddSingleton<SignedLinks>();

    /// <summary>The charts cards show, behind signed links.</summary>
    public static IEndpointRouteBuilder MapCharts(this IEndpointRouteBuilder app)
    {
        Charts.Map(app);
        return app;
    }
}
