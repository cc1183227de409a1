using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Downloads;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Downloads;

public sealed class SignedLinkTestsOnSqlite() : SignedLinkTests(StorageProvider.Sqlite);

public sealed class SignedLinkTestsOnPostgres() : SignedLinkTests(StorageProvider.Postgres);

/// <summary>
/// The download links the bot signs, opened as a browser would: a link opens the one file it was made for until it
/// expires; one altered anywhere, out of date, or carried over to another file is refused with 403 and a sentence.
/// </summary>
public abstract class SignedLinkTests(StorageProvider provider) : ProviderSuite(provider)
{
    private const string ExportPath = "/nominations/export.csv";
    private const string Refusal = "Liên kết đã hết hạn hoặc không hợp lệ. Vui lòng gõ «đề cử xuất» để lấy liên kết mới.";

    private static Task<string> SignAsync(BotHost bot, string path, DateTime? now = null, TimeSpan? lifetime = null) =>
        bot.Services.GetRequiredService<SignedLinks>().CreateAsync(path, now ?? DateTime.UtcNow, lifetime ?? TimeSpan.FromHours(2), CancellationToken.None);

    private static Task<HttpResponseMessage> OpenAsync(BotHost bot, string pathAndQuery) => bot.Http.GetAsync(bot.BaseUrl + pathAndQuery);

    private static string PathAndQuery(string link) => new Uri(link).PathAndQuery;

    private static string Query(string link, string name) =>
        new Uri(link).Query.TrimStart('?').Split('&').Single(p => p.StartsWith(name + "="))[(name.Length + 1)..];

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string refusal = Refusal)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(refusal, await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task A_link_signed_for_the_export_opens_it_on_this_machine_as_a_csv_for_excel()
    {
        await using var bot = await StartBot();
        var link = await SignAsync(bot, ExportPath);
        // No StudyBot:PublicBaseUrl: the link names the address the bot really listens on.
        Assert.StartsWith(bot.BaseUrl + ExportPath + "?expires=", link);

        var response = await bot.Http.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.StartsWith("Số,Ngày đề cử,Người được đề cử,", Encoding.UTF8.GetString(bytes[3..]));
    }

    [SkippableFact]
    public async Task A_link_whose_signature_is_changed_by_one_letter_is_refused()
    {
        await using var bot = await StartBot();
        var link = await SignAsync(bot, ExportPath);
        var signature = Query(link, "sig");
        var altered = (signature[0] == 'A' ? 'B' : 'A') + signature[1..];

        await AssertRefusedAsync(await OpenAsync(bot, PathAndQuery(link).Replace(signature, altered)));
        await AssertRefusedAsync(await OpenAsync(bot, PathAndQuery(link).Replace(signature, signature[..^1])));
    }

    [SkippableFact]
    public async Task A_link_cannot_be_made_to_last_longer_by_changing_its_expiry()
    {
        await using var bot = await StartBot();
        var link = await SignAsync(bot, ExportPath);
        var expires = Query(link, "expires");

        await AssertRefusedAsync(await OpenAsync(bot, PathAndQuery(link).Replace(expires, (long.Parse(expires) + 86_400).ToString())));
        Assert.Equal(HttpStatusCode.OK, (await OpenAsync(bot, PathAndQuery(link))).StatusCode);
    }

    [SkippableFact]
    public async Task A_link_past_its_lifetime_is_refused()
    {
        await using var bot = await StartBot();
        var expired = await SignAsync(bot, ExportPath, now: DateTime.UtcNow.AddHours(-3));
        var stillGood = await SignAsync(bot, ExportPath, now: DateTime.UtcNow.AddHours(-1));

        await AssertRefusedAsync(await OpenAsync(bot, PathAndQuery(expired)));
        Assert.Equal(HttpStatusCode.OK, (await OpenAsync(bot, PathAndQuery(stillGood))).StatusCode);
    }

    [SkippableFact]
    public async Task A_link_signed_for_one_round_opens_neither_another_round_nor_the_export()
    {
        await using var bot = await StartBot();
        var (one, other) = (Guid.NewGuid(), Guid.NewGuid());
        var link = await SignAsync(bot, $"/quiz/results/{one}.csv");
        var query = new Uri(link).Query;

        // The signature holds for its own path: that round is then looked up (and here there is none).
        Assert.Equal(HttpStatusCode.NotFound, (await OpenAsync(bot, $"/quiz/results/{one}.csv{query}")).StatusCode);
        await AssertRefusedAsync(await OpenAsync(bot, $"/quiz/results/{other}.csv{query}"),
            "Liên kết đã hết hạn hoặc không hợp lệ. Vui lòng bấm «Xem kết quả» trên thẻ kết quả để lấy liên kết mới.");
        await AssertRefusedAsync(await OpenAsync(bot, ExportPath + query));
    }

    [SkippableFact]
    public async Task A_link_without_its_expiry_or_signature_or_with_a_malformed_one_is_refused()
    {
        await using var bot = await StartBot();
        var link = await SignAsync(bot, ExportPath);
        var (expires, sig) = (Query(link, "expires"), Query(link, "sig"));

        foreach (var query in new[]
                 {
                     "", $"?sig={sig}", $"?expires={expires}", $"?expires={expires}&sig=", $"?expires=+{expires}&sig={sig}",
                     $"?expires={expires}.0&sig={sig}", $"?expires=-{expires}&sig={sig}",
                 })
            await AssertRefusedAsync(await OpenAsync(bot, ExportPath + query));
    }
}
