using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using StudyBot;
using StudyBot.Storage;

/// <summary>
/// The bot as the benchmarks run it: Release, anonymous local mode (no token work on either side), a free loopback
/// port, replies allowed only to the loopback sink, the store created or migrated before traffic.
/// </summary>
internal static class BenchBot
{
    public static async Task<(WebApplication App, string Url)> StartAsync(StorageProvider provider, string connection, params string[] extra)
    {
        var app = StudyBotApp.Build([
            "--environment=Production", "--Bot:AllowAnonymous=true", "--MicrosoftAppId=", $"--Storage:Provider={provider}",
            $"--ConnectionStrings:StudyBot={connection}", "--Urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
            "--Bot:AllowedServiceUrlHosts:0=127.0.0.1", .. extra, // later settings win
        ]);
        await app.Services.PrepareDatabaseAsync();
        await app.StartAsync();
        return (app, AddressOf(app));
    }

    public static string AddressOf(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
