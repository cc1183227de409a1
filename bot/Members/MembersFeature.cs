using StudyBot.Agency;
using StudyBot.Conversations;
using StudyBot.Members.Import;

namespace StudyBot.Members;

/// <summary>Who is who: the admin commands over units, roles and members, and the member file sent in chat.</summary>
public sealed class MembersFeature : IFeature
{
    public void Register(CommandTable table)
    {
        table.AddCommand("unit", Access.SecretariesAndAdmins, UnitCommands.HandleAsync, "đơn vị", "unit")
            .Guarded("đơn vị thêm", Access.Admins).Guarded("đơn vị liên kết", Access.Admins).Guarded("đơn vị đồng bộ", Access.Admins);
        table.AddCommand("role", Access.Admins, RoleCommands.HandleAsync, "vai trò", "role");
        table.AddCommand("members", Access.SecretariesAndAdmins, MemberListCommand.HandleAsync, "thành viên", "members");
        // Everyone may export their own data; naming someone else is for admins, checked in the handler.
        table.AddCommand("export", PersonalDataCommands.ExportAsync, "xuất dữ liệu", "export");
        table.AddCommand("erase", Access.Admins, PersonalDataCommands.AskEraseAsync, "xóa dữ liệu", "erase");
        table.AddVerb(PersonalDataCommands.EraseVerb, PersonalDataCommands.EraseAsync, Access.Admins);
        table.AddVerb(PersonalDataCommands.KeepVerb, PersonalDataCommands.KeepAsync, Access.Admins);
        table.AddFile("csv", ImportFileCommand.HandleAsync, Access.Admins);
    }
}

public static class MembersExtensions
{
    public static IServiceCollection AddMembers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<MemberImporter>();
        services.AddScoped<MemberImport>();
        services.AddSingleton<RosterSync>();
        services.AddSingleton<RosterSyncService>();
        services.AddHostedService(sp => sp.GetRequiredService<RosterSyncService>());
        services.AddFeature<MembersFeature>();
        return services;
    }

    /// <summary>The personal-data files behind the export card's signed links.</summary>
    public static IEndpointRouteBuilder MapMembers(this IEndpointRouteBuilder app)
    {
        PersonalDataExport.Map(app);
        return app;
    }
}
