using Microsoft.Extensions.Options;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.House;

/// <summary>
/// Every options class checks its values when the service starts: a bad setting stops the start with a sentence naming
/// it, instead of a worker that spins, a link that never opens, or an error at the first turn that needs it.
/// </summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Bot:SigningKeyRefreshInterval", "00:00:00")]
    [InlineData("Bot:SigningKeyRetryInterval", "-00:00:01")]
    [InlineData("Storage:SqliteSynchronous", "SOMETIMES")]
    [InlineData("StudyBot:RosterSyncInterval", "00:00:00")]
    [InlineData("StudyBot:PublicBaseUrl", "studybot.example.gov.vn")]
    [InlineData("Themes:TimeZone", "Mars/Olympus")]
    [InlineData("Themes:PushTime", "25:00")]
    [InlineData("Themes:PushDate", "13-40")]
    [InlineData("Scheduling:PollInterval", "00:00:00")]
    [InlineData("Scheduling:MaxAttempts", "0")]
    [InlineData("Delivery:MaxPerSecond", "0")]
    [InlineData("Delivery:MaxInFlight", "0")]
    [InlineData("Delivery:Workers", "-1")]
    [InlineData("Delivery:Lease", "00:00:00")]
    [InlineData("Quiz:MaxQuestions", "0")]
    [InlineData("Quiz:ResultsLinkLifetime", "00:00:00")]
    [InlineData("Nominations:DuplicateWindowDays", "-1")]
    [InlineData("Nominations:ExportLinkLifetime", "00:00:00")]
    [InlineData("Conduct:ConfidenceThreshold", "1.5")]
    [InlineData("Conduct:Holidays:0", "30/04/2027")]
    public async Task A_bad_setting_stops_the_start_with_a_sentence_naming_it(string setting, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            BotHost.StartAsync(settings: new Dictionary<string, string> { [setting] = value }));

        var named = setting.EndsWith(":0", StringComparison.Ordinal) ? setting[..^2] : setting;
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public async Task The_shipped_settings_and_the_edges_they_allow_start()
    {
        await using var bot = await BotHost.StartAsync(settings: new Dictionary<string, string>
        {
            ["Delivery:Workers"] = "0", ["Bot:SigningKeyRetryInterval"] = "00:00:00", ["Storage:SqliteSynchronous"] = "full",
            ["Conduct:Holidays:0"] = "2027-04-30", ["StudyBot:PublicBaseUrl"] = "https://studybot.example.gov.vn",
        });
        Assert.True((await bot.Http.GetAsync("/healthz")).IsSuccessStatusCode);
    }
}
