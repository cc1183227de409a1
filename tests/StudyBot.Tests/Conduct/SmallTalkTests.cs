using StudyBot.Conduct;
using StudyBot.Protocol;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Conduct;

/// <summary>
/// Greetings, thanks, "who are you" and chatter get a short answer with what the bot can do as buttons: never "chưa
/// hiểu", never an offer to send the words to the secretary. Real questions still reach the knowledge base.
/// </summary>
public sealed class SmallTalkTestsOnSqlite() : SmallTalkTests(StorageProvider.Sqlite);

public sealed class SmallTalkTestsOnPostgres() : SmallTalkTests(StorageProvider.Postgres);

public abstract class SmallTalkTests(StorageProvider provider) : ProviderSuite(provider)
{
    [SkippableTheory]
    [InlineData("xin chào", "Chào anh/chị.")]
    [InlineData("Chào bạn!", "Chào anh/chị.")]
    [InlineData("xin chao", "Chào anh/chị.")]
    [InlineData("bạn ơi", "Chào anh/chị.")]
    [InlineData("cảm ơn bạn nhiều ạ", "Không có gì ạ.")]
    [InlineData("cam on", "Không có gì ạ.")]
    [InlineData("tạm biệt", "chúc anh/chị một ngày làm việc tốt")]
    [InlineData("bạn là ai?", "StudyBot là trợ lý của chi bộ trên Teams")]
    [InlineData("ban lam duoc gi", "StudyBot gửi chuyên đề năm và lời nhắc")]
    [InlineData("hôm nay trời mưa to quá", "StudyBot đã nghe anh/chị.")]
    public async Task Small_talk_gets_a_short_answer_and_what_the_bot_can_do_not_a_question_for_the_secretary(string text, string expected)
    {
        await using var bot = await StartBot();
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, text));

        var card = Assert.Single(bot.Channel.Sent()).Body!["attachments"]![0]!["content"]!;
        var visible = CardReader.Visible(card);
        Assert.Contains(expected, visible);
        Assert.DoesNotContain("chưa hiểu", visible);
        Assert.DoesNotContain("bí thư", visible);
        // Each button sends a command the bot knows, as if typed.
        Assert.Equal(["chủ đề", "kiểm tra", "đề cử", "trợ giúp"],
            CardReader.Actions(card).Select(a => a["data"]!["msteams"]!["value"]!.GetValue<string>()).ToArray());
        Assert.DoesNotContain(CardReader.Actions(card), a => a["verb"]?.GetValue<string>() == ConductCards.EscalateVerb);
    }

    [SkippableFact]
    public async Task A_button_sends_its_command_and_the_command_answers()
    {
        await using var bot = await StartBot();
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "xin chào"));
        var help = CardReader.Actions(Assert.Single(bot.Channel.Sent()).Body!["attachments"]![0]!["content"]!).Last();

        // Teams sends an imBack button's value as the person's own message.
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, help["data"]!["msteams"]!["value"]!.GetValue<string>(), id: "pressed"));

        var reply = bot.Channel.Sent().Last().Body!["attachments"]![0]!["content"]!;
        Assert.Contains("Các lệnh của StudyBot", CardReader.Visible(reply));
    }

    [SkippableFact]
    public async Task A_member_who_chose_english_is_answered_in_english()
    {
        await using var bot = await StartBot();
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "ngôn ngữ en", id: "lang"));
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, "thanks", id: "thanks"));

        var card = bot.Channel.Sent().Last().Body!["attachments"]![0]!["content"]!;
        Assert.Contains("You are welcome.", CardReader.Visible(card));
        Assert.Equal(["theme", "quiz", "nominate", "help"],
            CardReader.Actions(card).Select(a => a["data"]!["msteams"]!["value"]!.GetValue<string>()).ToArray());
    }

    [SkippableTheory]
    [InlineData("4 ro la gi")]
    [InlineData("4 Rõ là gì?")]
    public async Task A_question_is_still_answered_from_the_knowledge_base(string text)
    {
        await using var bot = await StartBot();
        await bot.SendAsync(Activities.Message(bot.Channel.ServiceUrl, text));
        var card = Assert.Single(bot.Channel.Sent()).Body!["attachments"]![0]!["content"]!;
        Assert.Contains("Rõ người – Rõ việc – Rõ trách nhiệm – Rõ kết quả", CardReader.Visible(card));
    }

    [Theory]
    [InlineData("xin chào", SmallTalkKind.Greeting)]
    [InlineData("Cảm ơn StudyBot!", SmallTalkKind.Thanks)]
    [InlineData("bye", SmallTalkKind.Goodbye)]
    [InlineData("who are you", SmallTalkKind.WhoAreYou)]
    [InlineData("bạn có thể làm gì", SmallTalkKind.WhatCanYouDo)]
    [InlineData("chào buổi sáng", SmallTalkKind.Greeting)]
    [InlineData("xin chào, tôi muốn hỏi về hồ sơ thiếu giấy tờ", null)]
    [InlineData("tôi nên làm gì", null)]
    [InlineData("cảm ơn người dân thế nào cho đúng", null)]
    public void Only_the_set_phrases_are_small_talk(string text, SmallTalkKind? kind) => Assert.Equal(kind, SmallTalk.Classify(text));

    [Theory]
    [InlineData("hôm nay trời mưa to quá", true)]
    [InlineData("ok", true)]
    [InlineData("người dân nộp hồ sơ thiếu giấy tờ", false)]
    [InlineData("thủ tục BHXH một lần", false)]
    [InlineData("có nên nhận quà của người dân không", false)]
    [InlineData("trời mưa thì có được nghỉ không?", false)]
    public void Chatter_is_text_that_asks_nothing_and_names_nothing_of_the_work(string text, bool chatter) =>
        Assert.Equal(chatter, SmallTalk.IsChatter(text));
}

/// <summary>Suggested questions are buttons; a long one is shortened at a word, never mid-word.</summary>
public sealed class SuggestionTitleTests
{
    private const string Long = "Hồ sơ của một người lao động còn nhiều vướng mắc về thời gian đóng trước năm 1995 thì cán bộ một cửa nên hướng dẫn thế nào";

    [Fact]
    public void A_long_suggestion_is_cut_at_a_word_and_marked_and_a_short_one_is_whole()
    {
        var card = ConductCards.Unsure(StudyBot.Resources.Texts.Vietnamese, "hồ sơ vướng mắc",
            [new KnowledgeItem("long", [Long], "…", "seed", []), new KnowledgeItem("short", ["4 Rõ là gì?"], "…", "seed", [])]);
        var titles = CardReader.Actions(card.ToJson()).Select(a => a["title"]!.GetValue<string>()).ToList();

        var cut = Assert.Single(titles, t => t.EndsWith('…'));
        var head = cut[..^1];
        Assert.True(head.Length <= 79, cut);
        Assert.StartsWith(head, Long);
        Assert.Equal(' ', Long[head.Length]); // the next letter in the question starts a new word
        Assert.Contains("4 Rõ là gì?", titles);
    }
}
