using System.Text.Json.Nodes;
using StudyBot.Cards;
using StudyBot.Help;
using StudyBot.Resources;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Cards;

public sealed class CardTests
{
    [Fact]
    public void Cards_are_adaptive_card_1_5()
    {
        var card = HelpCards.Help(Texts.Vietnamese).ToJson();
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
    }

    [Fact]
    public void Every_execute_action_has_a_submit_fallback_with_the_same_verb_and_data()
    {
        var card = HelpCards.Welcome(Texts.Vietnamese).ToJson();
        var actions = CardReader.Actions(card).ToList();

        Assert.NotEmpty(actions);
        Assert.All(actions, action =>
        {
            Assert.Equal("Action.Execute", action["type"]!.GetValue<string>());
            var fallback = action["fallback"]!.AsObject();
            Assert.Equal("Action.Submit", fallback["type"]!.GetValue<string>());
            Assert.Equal(action["verb"]!.GetValue<string>(), fallback["data"]!["verb"]!.GetValue<string>());
            foreach (var (key, value) in action["data"]!.AsObject())
                Assert.Equal(value!.ToJsonString(), fallback["data"]![key]!.ToJsonString());
        });
    }

    [Fact]
    public void The_help_card_lists_every_product_command_in_both_languages()
    {
        var visible = CardReader.Visible(HelpCards.Help(Texts.Vietnamese).ToJson());
        foreach (var words in new[] { "chủ đề · theme", "kiểm tra · quiz", "hỏi ‹câu hỏi› · ask ‹question›", "đề cử · nominate", "nhắc · remind", "trợ giúp · help" })
            Assert.Contains(words, visible);
    }

    [Theory]
    [InlineData("vi")]
    [InlineData("en")]
    public void Every_help_command_that_takes_no_argument_is_also_a_button_that_sends_it(string language)
    {
        var t = new Texts(language);
        var card = HelpCards.Help(t, HelpSection.Secretary, HelpSection.Leader, HelpSection.Admin).ToJson();
        var sent = CardReader.AllActions(card).Select(a => a["data"]?["msteams"]?["value"]?.GetValue<string>()).OfType<string>().ToList();
        var all = HelpCards.Commands.Concat(HelpCards.RoleCommands.Values.SelectMany(c => c)).ToList();
        foreach (var command in all.Where(c => c.Button))
            Assert.Contains(language == "en" ? command.English : command.Vietnamese, sent);
        Assert.Equal(all.Count(c => c.Button), sent.Count);
        Assert.Contains(language == "en" ? "nominate pending" : "đề cử chờ duyệt", sent);
        Assert.DoesNotContain(language == "en" ? "theme send" : "chủ đề gửi", sent); // a broadcast to everyone is never one tap
        // A command that needs an argument is never a button: pressed alone it could only answer with its usage.
        Assert.DoesNotContain(sent, s => s.Contains('‹'));
    }

    [Theory]
    [InlineData("Dân vận ___ là gốc", "Dân vận ___ là gốc")]
    [InlineData("Chi bộ *Thu*", "Chi bộ *Thu*")]
    [InlineData("<b>Thu</b>", "＜b＞Thu＜/b＞")]
    public void Choice_titles_are_plain_text_so_a_blank_shows_as_a_blank_not_as_backslashes(string typed, string shown)
    {
        Assert.Equal(shown, CardText.Choice(typed));
    }

    [Fact]
    public void A_long_choice_is_cut_at_a_word()
    {
        var cut = CardText.Choice("Hồ sơ của một người lao động còn nhiều vướng mắc cần giải quyết sớm", 40);
        Assert.EndsWith("…", cut);
        Assert.True(cut.Length <= 41);
        Assert.Equal("Hồ sơ của một người lao động còn nhiều…", cut);
    }

    [Theory]
    [InlineData("**đậm**", "\\*\\*đậm\\*\\*")]
    [InlineData("_nghiêng_", "\\_nghiêng\\_")]
    [InlineData("[bấm vào](https://evil.example)", "\\[bấm vào\\](https:\u2060//evil.example)")]
    [InlineData("<b>in đậm</b>", "＜b＞in đậm＜/b＞")]
    [InlineData("<at>Giám đốc</at>", "＜at＞Giám đốc＜/at＞")]
    [InlineData("xem www.evil.example", "xem www\u2060.evil.example")]
    [InlineData("# Tiêu đề", "\\# Tiêu đề")]
    [InlineData("- mục một\n1. mục hai", "\\- mục một\n1\\. mục hai")]
    [InlineData("Nguyễn Văn A, 3.5 năm", "Nguyễn Văn A, 3.5 năm")]
    public void Text_people_typed_shows_as_text_never_as_markup_or_a_live_link(string typed, string shown)
    {
        Assert.Equal(shown, CardText.User(typed));
    }

    [Fact]
    public void Typed_text_is_cut_to_its_limit_so_a_card_stays_small()
    {
        var text = CardText.User(new string('x', 5000), maxChars: 2000);
        Assert.Equal(2001, text.Length);
        Assert.EndsWith("…", text);
    }

    [Fact]
    public void A_card_over_28_kilobytes_is_refused_before_it_is_sent()
    {
        var card = new AdaptiveCard();
        for (var i = 0; i < 20; i++) card.Add(Element.Text(new string('y', 1500)));
        Assert.Throws<CardTooLargeException>(() => card.ToJson());
    }

    [Fact]
    public void Card_json_keeps_vietnamese_readable()
    {
        var attachment = HelpCards.Welcome(Texts.Vietnamese).ToAttachment();
        var json = System.Text.Json.JsonSerializer.Serialize(attachment, StudyBot.Protocol.WireJson.Options);
        Assert.Contains("Chào mừng đến với StudyBot", json);
        Assert.IsType<JsonObject>(attachment.Content);
    }
}
