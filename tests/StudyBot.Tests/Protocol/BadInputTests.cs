using System.Net;
using System.Text.Json.Nodes;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Protocol;

/// <summary>Whatever arrives, the answer is a 4xx or a quiet 200, never a 5xx, and junk is not stored.</summary>
public sealed class BadInputTestsOnSqlite() : BadInputTests(StorageProvider.Sqlite);

public sealed class BadInputTestsOnPostgres() : BadInputTests(StorageProvider.Postgres);

public abstract class BadInputTests(StorageProvider provider) : ProviderSuite(provider)
{
    public static TheoryData<string> Junk() =>
    [
        "{not json", "", "null", "[]", "\"a string\"", "{}", "{\"type\":\"message\"}",
        "{\"type\":123,\"id\":{}}", "{\"type\":\"message\",\"conversation\":[]}",
    ];

    [SkippableTheory]
    [MemberData(nameof(Junk))]
    public async Task Malformed_or_incomplete_bodies_get_a_4xx_and_nothing_is_stored(string body)
    {
        await using var bot = await StartBot();
        var token = bot.Channel.Keys.ChannelToken(BotHost.AppId, bot.Channel.ServiceUrl);

        var response = await bot.PostRawAsync(body, "Bearer " + token);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal(0, await bot.StoredRowsAsync());
    }

    [SkippableTheory]
    [InlineData("serviceUrl")]
    [InlineData("conversation")]
    [InlineData("from")]
    [InlineData("channelId")]
    [InlineData("type")]
    public async Task An_activity_missing_a_required_field_gets_400(string field)
    {
        await using var bot = await StartBot();
        var message = Activities.Message(bot.Channel.ServiceUrl, "help");
        var token = bot.Channel.Keys.ChannelToken(BotHost.AppId, bot.Channel.ServiceUrl);
        message.Remove(field);

        var response = await bot.PostRawAsync(message.ToJsonString(), "Bearer " + token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await bot.StoredRowsAsync());
    }

    [SkippableFact]
    public async Task A_one_megabyte_text_is_refused_with_413()
    {
        await using var bot = await StartBot();
        var response = await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, new string('a', 1024 * 1024)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await bot.StoredRowsAsync());
    }

    [SkippableFact]
    public async Task A_long_text_under_the_body_limit_is_answered_politely()
    {
        await using var bot = await StartBot();
        var response = await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, new string('b', 50_000)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Tin nhắn quá dài. Vui lòng gửi tối đa 4000 ký tự.",
            Assert.Single(bot.Channel.Sent()).Body!["text"]!.GetValue<string>());
    }

    [SkippableTheory]
    [InlineData("typing")]
    [InlineData("messageReaction")]
    [InlineData("endOfConversation")]
    [InlineData("somethingNew")]
    public async Task Other_activity_types_are_ignored_with_200_and_nothing_is_stored(string type)
    {
        await using var bot = await StartBot();
        var response = await bot.SendAsync(Activities.Base(type, bot.Channel.ServiceUrl));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await bot.StoredRowsAsync());
        Assert.Empty(bot.Channel.Sent());
    }

    [SkippableFact]
    public async Task An_invoke_with_another_name_gets_501()
    {
        await using var bot = await StartBot();
        var invoke = Activities.Base("invoke", bot.Channel.ServiceUrl);
        invoke["name"] = "composeExtension/query";
        var response = await bot.SendAsync(invoke);
        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Equal(0, await bot.StoredRowsAsync());
    }

    [SkippableFact]
    public async Task A_message_with_only_an_attachment_is_told_what_the_bot_reads()
    {
        await using var bot = await StartBot();
        var message = Activities.Base("message", bot.Channel.ServiceUrl);
        message["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "image/png", ["contentUrl"] = "https://x/y.png" });
        await bot.SendAsync(message);
        Assert.Equal("StudyBot chỉ đọc được tin nhắn chữ. Gõ «trợ giúp» để xem các lệnh.",
            Assert.Single(bot.Channel.Sent()).Body!["text"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Ids_are_strings_and_a_tenant_id_that_is_not_a_guid_is_fine()
    {
        await using var bot = await StartBot();
        var message = Activities.Message(bot.Channel.ServiceUrl, "help");
        message["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "00000000-0000-0000-0000-0000000000001" } };
        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(message)).StatusCode);
    }
}
