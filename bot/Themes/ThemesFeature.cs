using StudyBot.Agency;
using StudyBot.Content;
using StudyBot.Conversations;
using StudyBot.Scheduling;
using StudyBot.Storage;

namespace StudyBot.Themes;

/// <summary>The yearly study theme: `chủ đề` / `theme`, the admin's form, the cell's plan, and the yearly push.</summary>
public sealed class ThemesFeature : IFeature
{
    public void Register(CommandTable table)
    {
        table.AddCommand("theme", ThemeCommands.HandleAsync, "chủ đề", "theme")
            .Guarded("chủ đề đặt", Access.Admins).Guarded("chủ đề gửi", Access.Admins).Guarded("chủ đề báo cáo", Access.Admins)
            .Guarded("chủ đề kế hoạch", Access.SecretariesAndAdmins);
        table.AddVerb(ThemeCards.FormVerb, ThemeCommands.OpenFormAsync, Access.Admins);
        table.AddVerb(ThemeCards.SaveVerb, ThemeCommands.SaveAsync, Access.Admins);
        table.AddVerb(PlanCards.ListVerb, ThemePlans.ListAsync, Access.SecretariesAndAdmins);
        table.AddVerb(PlanCards.FormVerb, ThemePlans.FormAsync, Access.SecretariesAndAdmins);
        table.AddVerb(PlanCards.SaveVerb, ThemePlans.SaveAsync, Access.SecretariesAndAdmins);
        table.AddVerb(PlanCards.RemoveVerb, ThemePlans.RemoveAsync, Access.SecretariesAndAdmins);
        table.AddVerb(PlanCards.RemoveConfirmedVerb, ThemePlans.RemoveConfirmedAsync, Access.SecretariesAndAdmins);
    }
}

public static class ThemesExtensions
{
    public static IServiceCollection AddThemes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ThemeOptions>().Bind(configuration.GetSection("Themes"))
            .Validate(o => DateTime.TryParseExact("2000-" + o.PushDate, "yyyy-MM-dd", null, System.Globalization.DateTimeStyles.None, out _),
                "Themes:PushDate must be MM-dd, e.g. 01-05")
            .ValidateOnStart();
        services.AddSingleton<IContentSection, ThemeSection>();
        services.AddSingleton<IPersonalDataPart, ThemesPersonalData>();
        services.AddJob<ThemePushJob>();
        services.AddJob<MonthlyTopicJob>();
        services.AddSingleton<IDatabaseSeed, ThemeScheduleSeed>();
        services.AddFeature<ThemesFeature>();
        return services;
    }
}
