using StudyBot.Agency;
using StudyBot.Conversations.Speed;
using StudyBot.Protocol;

namespace StudyBot.Conversations;

public static class ConversationsExtensions
{
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.AddSingleton<CommandTable>();
        services.AddSingleton<Router>();
        services.AddSingleton<TurnLoader>();
        services.AddSingleton<TenantGate>();
        services.AddSingleton<ReplySender>();
        services.AddSingleton<SentMarks>();
        services.AddHostedService(sp => sp.GetRequiredService<SentMarks>());
        services.AddSingleton<ProcessedWriter>();
        services.AddSingleton<SqliteTurnReads>();
        services.AddOptions<ConversationOptions>().BindConfiguration("Conversations")
            .Validate(o => o.ProcessedRetention >= TimeSpan.FromHours(1),
                "Conversations:ProcessedRetention must be at least an hour: Teams may still redeliver an activity before that")
            .Validate(o => o.ProcessedSweepInterval > TimeSpan.Zero, "Conversations:ProcessedSweepInterval must be positive")
            .ValidateOnStart();
        services.AddSingleton<ProcessedRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<ProcessedRetention>());
        services.AddHostedService(sp => sp.GetRequiredService<ProcessedWriter>());
        services.AddSingleton<IActivityHandler, TurnProcessor>();
        services.AddSingleton<IPersonalDataPart, ConversationsPersonalData>();
        services.AddHttpClient(nameof(FileDownloader), c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<FileDownloader>();
        return services;
    }

    /// <summary>A feature joins the product with this one line in Program.cs.</summary>
    public static IServiceCollection AddFeature<TFeature>(this IServiceCollection services)
        where TFeature : class, IFeature =>
        services.AddSingleton<IFeature, TFeature>();
}
