using StudyBot.Cards;
using StudyBot.Resources;

namespace StudyBot.Conduct;

public enum SmallTalkKind { Greeting, Thanks, Goodbye, WhoAreYou, WhatCanYouDo, Chatter }

/// <summary>
/// Greetings, thanks, goodbyes, "who are you", "what can you do", and chatter that is not a question. Free text is taken
/// as a conduct question otherwise; these get a short answer and what the bot can do, as buttons, never "chưa hiểu" and
/// never an offer to bother the secretary.
/// </summary>
public static class SmallTalk
{
    /// <summary>Words that only address or soften ("bạn ơi", "ạ", "nhé"); dropped before the phrase is compared.</summary>
    private static readonly HashSet<string> Fillers =
        ["a", "nhe", "nha", "nhieu", "ban", "bot", "studybot", "oi", "em", "anh", "chi", "ad", "admin", "vay", "ha", "rat"];

    private static readonly Dictionary<string, SmallTalkKind> Phrases = new(StringComparer.Ordinal)
    {
        ["xin chao"] = SmallTalkKind.Greeting, ["chao"] = SmallTalkKind.Greeting, ["hello"] = SmallTalkKind.Greeting,
        ["hi"] = SmallTalkKind.Greeting, ["hey"] = SmallTalkKind.Greeting, ["alo"] = SmallTalkKind.Greeting,
        ["chao buoi sang"] = SmallTalkKind.Greeting, ["chao buoi chieu"] = SmallTalkKind.Greeting,
        ["good morning"] = SmallTalkKind.Greeting, ["good afternoon"] = SmallTalkKind.Greeting,
        ["cam on"] = SmallTalkKind.Thanks, ["ok cam on"] = SmallTalkKind.Thanks, ["thanks"] = SmallTalkKind.Thanks,
        ["thank you"] = SmallTalkKind.Thanks, ["thank"] = SmallTalkKind.Thanks, ["tks"] = SmallTalkKind.Thanks,
        ["thanks a lot"] = SmallTalkKind.Thanks, ["xin cam on"] = SmallTalkKind.Thanks,
        ["tam biet"] = SmallTalkKind.Goodbye, ["chao tam biet"] = SmallTalkKind.Goodbye, ["hen gap lai"] = SmallTalkKind.Goodbye,
        ["bye"] = SmallTalkKind.Goodbye, ["bye bye"] = SmallTalkKind.Goodbye, ["goodbye"] = SmallTalkKind.Goodbye,
        ["la ai"] = SmallTalkKind.WhoAreYou, ["la gi"] = SmallTalkKind.WhoAreYou, ["ten gi"] = SmallTalkKind.WhoAreYou,
        ["who are you"] = SmallTalkKind.WhoAreYou, ["what are you"] = SmallTalkKind.WhoAreYou,
        ["lam duoc gi"] = SmallTalkKind.WhatCanYouDo, ["co the lam gi"] = SmallTalkKind.WhatCanYouDo,
        ["giup duoc gi"] = SmallTalkKind.WhatCanYouDo, ["giup gi"] = SmallTalkKind.WhatCanYouDo,
        ["biet lam gi"] = SmallTalkKind.WhatCanYouDo, ["what can you do"] = SmallTalkKind.WhatCanYouDo,
    };

    /// <summary>Words that make a sentence a question, or name the agency's work: such text goes to the knowledge base.</summary>
    private static readonly string[] QuestionWords =
        ["gi", "nao", "sao", "khong", "ko", "ai", "dau", "bao", "nen", "phai", "duoc", "chua", "how", "what", "why", "when", "where", "who", "which", "should", "can"];

    private static readonly string[] WorkWords =
        ["bhxh", "bhyt", "bhtn", "tthc", "cbvc", "nld", "ho so", "thu tuc", "nguoi dan", "dang vien", "chi bo", "ung xu", "4 ro",
         "dan van", "quy dinh", "quy tac", "nghi quyet", "can bo", "vien chuc", "doanh nghiep", "lao dong", "che do", "giay to",
         "mot cua", "cong dan", "tiep dan", "bi thu", "nhan dan", "phuc vu"];

    /// <summary>What kind of small talk a text is, if it is one of the set phrases.</summary>
    public static SmallTalkKind? Classify(string text)
    {
        var all = Words(text);
        var words = all.Where(w => !Fillers.Contains(w)).ToList();
        if (words.Count == 0) return all.Count > 0 ? SmallTalkKind.Greeting : null; // "bạn ơi", "anh ơi"
        return Phrases.TryGetValue(string.Join(' ', words), out var kind) ? kind : null;
    }

    /// <summary>Text that asks nothing and names nothing of the work ("hôm nay trời mưa to quá"), when the base has no match.</summary>
    public static bool IsChatter(string text)
    {
        if (text.Contains('?')) return false;
        var words = Words(text);
        var folded = " " + string.Join(' ', words) + " ";
        return words.Count > 0 && !words.Any(w => QuestionWords.Contains(w)) && !WorkWords.Any(w => folded.Contains($" {w} "));
    }

    public static AdaptiveCard Card(Texts t, SmallTalkKind kind) => new AdaptiveCard()
        .Add(Element.Text(t[$"SmallTalk.{kind}"]))
        .Add(Element.Text(t["SmallTalk.CanDo"], subtle: true))
        .AddAction(CardAction.SendText(t["SmallTalk.Theme"], t["SmallTalk.ThemeCommand"]))
        .AddAction(CardAction.SendText(t["SmallTalk.Quiz"], t["SmallTalk.QuizCommand"]))
        .AddAction(CardAction.SendText(t["SmallTalk.Nominate"], t["SmallTalk.NominateCommand"]))
        .AddAction(CardAction.SendText(t["SmallTalk.Help"], t["SmallTalk.HelpCommand"]));

    private static List<string> Words(string text) => VietnameseText.Tokens(VietnameseText.Fold(text)).ToList();
}
