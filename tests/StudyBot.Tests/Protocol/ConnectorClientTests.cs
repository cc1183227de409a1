using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Protocol;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Protocol;

/// <summary>The connector client against the simulated connector: paths, bodies, retries and failures.</summary>
public sealed class ConnectorClientTestsOnSqlite() : ConnectorClientTests(StorageProvider.Sqlite);

public sealed class ConnectorClientTestsOnPostgres() : ConnectorClientTests(StorageProvider.Postgres);

public abstract class ConnectorClientTests(StorageProvider provider) : ProviderSuite(provider)
{
    private const string Conversation = "19:abc@thread.tacv2;messageid=1";

    private static Activity Hello() => new() { Type = "message", Text = "Xin chào" };

    [SkippableFact]
    public async Task Send_reply_update_and_delete_use_the_v3_paths_with_escaped_ids()
    {
        await using var bot = await StartBot();
        var client = bot.Services.GetRequiredService<ConnectorClient>();
        var url = bot.Channel.ServiceUrl;

        var sent = await client.SendAsync(url, Conversation, Hello(), default);
        await client.ReplyAsync(url, Conversation, "m 1", Hello(), default);
        await client.UpdateAsync(url, Conversation, sent.Id!, Hello(), default);
        await client.DeleteAsync(url, Conversation, sent.Id!, default);

        var escaped = Uri.EscapeDataString(Conversation);
        Assert.Equal(
            [
                $"POST /connector/v3/conversations/{escaped}/activities",
                $"POST /connector/v3/conversations/{escaped}/activities/m%201",
                $"PUT /connector/v3/conversations/{escaped}/activities/{sent.Id}",
                $"DELETE /connector/v3/conversations/{escaped}/activities/{sent.Id}",
            ],
            bot.Channel.Sent().Select(c => $"{c.Method} {c.Path}"));
        Assert.All(bot.Channel.Sent(), c => Assert.Equal("Bearer " + ChannelSimulator.IssuedToken, c.Authorization));
        Assert.Equal("Xin chào", bot.Channel.Sent()[0].Body!["text"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Every_request_with_a_body_declares_its_length_and_none_is_chunked()
    {
        await using var bot = await StartBot();
        var client = bot.Services.GetRequiredService<ConnectorClient>();
        var url = bot.Channel.ServiceUrl;

        // A whole turn's reply (a card, much of it Vietnamese, so bytes and characters differ), then the other writes.
        await bot.SendAsync(Activities.Message(url, "trợ giúp", id: "msg-1"));
        var sent = await client.SendOnceAsync(url, Conversation, Hello(), default);
        await client.UpdateAsync(url, Conversation, sent.Id!, Hello(), default);
        await client.CreateConversationAsync(url, new ConversationParameters
        {
            Bot = new ChannelAccount { Id = "28:" + BotHost.AppId },
            Members = [new ChannelAccount { Id = "29:user-9" }],
            TenantId = BotHost.TenantId,
        }, default);

        var writes = bot.Channel.Sent().Where(c => c.Method is "POST" or "PUT").ToList();
        Assert.Equal(4, writes.Count);
        Assert.All(writes, c =>
        {
            Assert.False(c.Chunked, $"{c.Method} {c.Path} came chunked");
            Assert.True(c.BodyBytes > 0, $"{c.Method} {c.Path} had no body");
            Assert.Equal(c.BodyBytes, c.ContentLength);
        });
    }

    [SkippableFact]
    public async Task A_429_is_retried_after_the_time_the_connector_asks_for()
    {
        await using var bot = await StartBot();
        bot.Channel.FailNext(429, count: 2, retryAfterSeconds: 1);
        var client = bot.Services.GetRequiredService<ConnectorClient>();
        var started = DateTime.UtcNow;

        var result = await client.SendAsync(bot.Channel.ServiceUrl, Conversation, Hello(), default);

        Assert.StartsWith("sent-", result.Id);
        Assert.Equal(3, bot.Channel.Sent().Count);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(1.9), "Retry-After was not honoured");
    }

    [SkippableTheory]
    [InlineData(412)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Transient_failures_are_retried_with_backoff(int status)
    {
        await using var bot = await StartBot();
        bot.Channel.FailNext(status, count: 2);
        var client = bot.Services.GetRequiredService<ConnectorClient>();

        await client.SendAsync(bot.Channel.ServiceUrl, Conversation, Hello(), default);

        Assert.Equal(3, bot.Channel.Sent().Count);
    }

    [SkippableTheory]
    [InlineData(400, "BadSyntax")]
    [InlineData(401, "Unauthorized")]
    [InlineData(403, "ConversationBlockedByUser")]
    [InlineData(404, "ConversationNotFound")]
    [InlineData(413, "MessageSizeTooBig")]
    public async Task Final_failures_are_not_retried_and_carry_the_connector_code(int status, string code)
    {
        await using var bot = await StartBot();
        bot.Channel.FailNext(status, code: code);
        var client = bot.Services.GetRequiredService<ConnectorClient>();

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            client.SendAsync(bot.Channel.ServiceUrl, Conversation, Hello(), default));

        Assert.Equal((HttpStatusCode)status, error.Status);
        Assert.Equal(code, error.Code);
        Assert.Single(bot.Channel.Sent());
    }

    [SkippableFact]
    public async Task Retries_stop_after_four_attempts()
    {
        await using var bot = await StartBot();
        bot.Channel.FailNext(503, count: 10);
        var client = bot.Services.GetRequiredService<ConnectorClient>();

        await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(bot.Channel.ServiceUrl, Conversation, Hello(), default));
        Assert.Equal(4, bot.Channel.Sent().Count);
    }

    [SkippableFact]
    public async Task Create_conversation_starts_a_proactive_personal_chat()
    {
        await using var bot = await StartBot();
        var client = bot.Services.GetRequiredService<ConnectorClient>();

        var created = await client.CreateConversationAsync(bot.Channel.ServiceUrl, new ConversationParameters
        {
            Bot = new ChannelAccount { Id = "28:" + BotHost.AppId },
            Members = [new ChannelAccount { Id = "29:user-9" }],
            TenantId = BotHost.TenantId,
            ChannelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = BotHost.TenantId } },
        }, default);

        Assert.Equal("a:created-1", created.Id);
        var call = Assert.Single(bot.Channel.Sent());
        Assert.Equal("/connector/v3/conversations", call.Path);
        Assert.False(call.Body!["isGroup"]!.GetValue<bool>());
        Assert.Equal("29:user-9", call.Body["members"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(BotHost.TenantId, call.Body["channelData"]!["tenant"]!["id"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task All_members_are_read_page_by_page_until_there_is_no_token()
    {
        await using var bot = await StartBot();
        for (var i = 1; i <= 5; i++)
            bot.Channel.Roster.Add(new JsonObject
            {
                ["id"] = $"29:u{i}", ["name"] = $"Cán bộ {i}", ["aadObjectId"] = $"aad-{i}",
                ["userPrincipalName"] = $"u{i}@bhxh.example", ["tenantId"] = "t",
            });
        var client = bot.Services.GetRequiredService<ConnectorClient>();

        var members = new List<TeamsMember>();
        await foreach (var m in client.GetAllMembersAsync(bot.Channel.ServiceUrl, "19:team", default)) members.Add(m);

        Assert.Equal(["aad-1", "aad-2", "aad-3", "aad-4", "aad-5"], members.Select(m => m.AadObjectId));
        Assert.Equal("u3@bhxh.example", members[2].UserPrincipalName);
        Assert.Equal(3, bot.Channel.ConnectorCalls().Count);
        Assert.Contains("continuationToken=2", bot.Channel.ConnectorCalls()[1].Path);
    }

    [SkippableFact]
    public async Task The_token_is_never_sent_to_a_plain_http_host_that_is_not_this_machine()
    {
        await using var bot = await StartBot();
        var client = bot.Services.GetRequiredService<ConnectorClient>();

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            client.SendAsync("http://attacker.example/", Conversation, Hello(), default));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.Equal(0, bot.Channel.TokenRequests);
    }
}
