using Microsoft.AspNetCore.Builder;
using StudyBot.Storage;

namespace StudyBot.Tests.Infrastructure;

/// <summary>
/// A suite that runs once per storage provider: each suite is an abstract class with a one-line subclass
/// per provider, so every test of it runs on SQLite and on PostgreSQL.
/// </summary>
public abstract class ProviderSuite(StorageProvider provider)
{
    protected StorageProvider Provider { get; } = provider;

    protected Task<BotHost> StartBot(bool anonymous = false, Action<WebApplicationBuilder>? customize = null,
        IDictionary<string, string>? settings = null, ChannelSimulator? channel = null, bool migrate = true) =>
        BotHost.StartAsync(anonymous, customize, settings, channel, migrate, Provider);
}
