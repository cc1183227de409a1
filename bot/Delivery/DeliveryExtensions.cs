namespace StudyBot.Delivery;

/// <summary>Registers the outbox: its options, the shared rate gate, the delivery workers and the fan-out job.</summary>
public static class DeliveryExtensions
{
    public static IServiceCollection AddDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection("Delivery"));
        services.AddSingleton<RateGate>();
        services.AddSingleton<DeliveryService>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryService>());
        services.AddSingleton<Scheduling.IJobHandler, FanOutJob>();
        return services;
    }
}
