namespace StudyBot.Agency;

public static class AgencyExtensions
{
    /// <summary>The settings every feature reads: who administers the bot and whose tenant may use it, and the agency's clock.</summary>
    public static IServiceCollection AddAgency(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StudyBotOptions>().Bind(configuration.GetSection("StudyBot"))
            .Validate(o => o.RosterSyncInterval > TimeSpan.Zero, "StudyBot:RosterSyncInterval must be positive")
            .Validate(o => o.PublicBaseUrl is not { Length: > 0 } url
                           || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"),
                "StudyBot:PublicBaseUrl must be an absolute http(s) address, e.g. https://studybot.example.gov.vn")
            .ValidateOnStart();
        services.AddOptions<AgencyOptions>().Bind(configuration.GetSection("Themes"))
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Themes:TimeZone is not a known time zone")
            .Validate(o => TimeSpan.TryParse(o.PushTime, out var t) && t >= TimeSpan.Zero && t < TimeSpan.FromDays(1),
                "Themes:PushTime must be HH:mm, e.g. 08:00")
            .ValidateOnStart();
        services.AddSingleton<PersonalData>();
        services.AddSingleton<IPersonalDataPart, AgencyPersonalData>();
        return services;
    }
}
