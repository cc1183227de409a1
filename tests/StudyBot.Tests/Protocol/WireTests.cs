using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using StudyBot.Protocol;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Protocol;

public sealed class WireTestsOnSqlite() : WireTests(StorageProvider.Sqlite);

public sealed class WireTestsOnPostgres() : WireTests(StorageProvider.Postgres);

public abstract class WireTests(StorageProvider provider) : ProviderSuite(provider)
{
    [SkippableFact]
    public void Unknown_fields_survive_a_round_trip_at_every_level()
    {
        const string json = """
        {"type":"message","id":"1","serviceUrl":"https://smba.example/","channelId":"msteams",
         "from":{"id":"29:x","name":"A","aadObjectId":"o","futureUserField":{"a":1}},
         "conversation":{"id":"a:1","tenantId":"00000000-0000-0000-0000-0000000000001","conversationType":"personal","newFlag":true},
         "recipient":{"id":"28:b"},
         "attachments":[{"contentType":"x","content":{"k":"v"},"extraAttachmentField":2}],
         "channelData":{"tenant":{"id":"00000000-0000-0000-0000-0000000000001"},"eventType":"teamRenamed"},
         "entities":[{"type":"clientInfo","locale":"en-US","platform":"Web"}],
         "brandNewTopLevel":{"nested":[1,2,3]}}
        """;
        var activity = JsonSerializer.Deserialize<Activity>(json, WireJson.Options)!;
        var back = JsonNode.Parse(JsonSerializer.Serialize(activity, WireJson.Options))!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), back), back.ToJsonString());
        Assert.Equal("00000000-0000-0000-0000-0000000000001", activity.TenantId);
    }

    [SkippableFact]
    public async Task Head_on_the_endpoint_answers_so_clients_know_the_bot_is_there()
    {
        await using var bot = await StartBot();
        var response = await bot.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/messages"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [SkippableFact]
    public void Every_setting_in_the_sample_is_explained_in_a_readme()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "appsettings.sample.json")))!.AsObject();
        // The main settings are in the top README, each feature's own beside its code.
        var readme = string.Join("\n", Directory.GetFiles(Path.Combine(RepoPaths.Root, "bot"), "README.md", SearchOption.AllDirectories)
            .Append(Path.Combine(RepoPaths.Root, "README.md")).Select(File.ReadAllText));
        var missing = Leaves(sample, "")
            .Where(key => !readme.Contains($"`{key}`") && !(key.StartsWith("Logging:LogLevel:") && readme.Contains("`Logging:LogLevel:*`")))
            .ToList();
        Assert.Empty(missing);
    }

    private static IEnumerable<string> Leaves(JsonObject node, string prefix) =>
        node.SelectMany(kv => kv.Value is JsonObject child ? Leaves(child, prefix + kv.Key + ":") : [prefix + kv.Key]);
}
