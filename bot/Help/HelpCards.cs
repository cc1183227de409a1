using System.Text.Json.Nodes;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Resources;

namespace StudyBot.Help;

/// <summary>The welcome and help cards, from plain values, so they can be checked without a bot.</summary>
public static class HelpCards
{
    /// <summary>The product's command words, Vietnamese first, with the text that explains each.</summary>
    public static readonly IReadOnlyList<(string Vietnamese, string English, string TextKey)> Commands =
    [
        ("chủ đề", "theme", "Help.Theme"),
        ("kiểm tra", "quiz", "Help.Quiz"),
        ("hỏi", "ask", "Help.Ask"),
        ("đề cử", "nominate", "Help.Nominate"),
        ("nhắc", "remind", "Help.Remind"),
        ("ngôn ngữ", "language", "Help.Language"),
        ("hủy", "cancel", "Help.Cancel"),
        ("trợ giúp", "help", "Help.Help"),
    ];

    public static AdaptiveCard Welcome(Texts t) => new AdaptiveCard()
        .Add(Element.Heading(t["Welcome.Title"]))
        .Add(Element.Text(t["Welcome.Campaign"], subtle: true))
        .Add(Element.Text(t["Welcome.Body"]))
        .AddAction(CardAction.Execute(t["Action.ShowHelp"], HelpFeature.ShowHelpVerb))
        .AddAction(LanguageSwitch(t, HelpFeature.WelcomeView));

    /// <summary>The commands of secretaries and admins, shown only to those who may use them.</summary>
    public static readonly IReadOnlyList<(string Vietnamese, string English, string TextKey, bool SecretaryToo)> AdminCommands =
    [
        ("thành viên ‹đơn vị›", "members ‹unit›", "Help.Members", true),
        ("kiểm tra đợt", "quiz rounds", "Help.QuizRounds", true),
        ("đơn vị", "unit", "Help.Unit", false),
        ("vai trò", "role", "Help.Role", false),
        ("xuất dữ liệu · xóa dữ liệu", "export · erase", "Help.PersonalData", false),
        ("đề cử xuất", "nominate export", "Help.NominationExport", false),
        ("hỏi chờ", "ask waiting", "Help.ConductWaiting", true),
        ("hỏi duyệt", "ask review", "Help.ConductReview", false),
    ];

    public static AdaptiveCard Help(Texts t, bool admin = false, bool secretary = false)
    {
        var card = new AdaptiveCard()
            .Add(Element.Heading(t["Help.Title"]))
            .Add(Element.Text(t["Help.Intro"], subtle: true))
            .Add(Element.Facts(Commands.Select(c => ($"{c.Vietnamese} · {c.English}", t[c.TextKey]))));
        var extra = AdminCommands.Where(c => admin || (secretary && c.SecretaryToo)).ToList();
        if (extra.Count > 0)
            card.Add(Element.Text(t[admin ? "Help.AdminTitle" : "Help.SecretaryTitle"], subtle: true))
                .Add(Element.Facts(extra.Select(c => ($"{c.Vietnamese} · {c.English}", t[c.TextKey]))));
        return card.AddAction(LanguageSwitch(t, HelpFeature.HelpView));
    }

    public static AdaptiveCard Help(Conversations.Turn turn) =>
        Help(turn.T, turn.Roles.IsAdmin, turn.Roles.HoldsAnywhere(Role.Secretary));

    /// <summary>A button that switches to the other language and shows the same card again in it.</summary>
    private static JsonObject LanguageSwitch(Texts t, string view) =>
        CardAction.Execute(t["Action.OtherLanguage"], LanguageFeature.SetVerb, new JsonObject
        {
            ["language"] = t.Language == Languages.English ? Languages.Vietnamese : Languages.English,
            ["view"] = view,
        });
}
