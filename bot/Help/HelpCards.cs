using System.Text.Json.Nodes;
using StudyBot.Agency;
using StudyBot.Cards;
using StudyBot.Resources;

namespace StudyBot.Help;

/// <summary>
/// A command as help shows it: its words in both languages, what it does, and whether it is complete as it stands (then
/// it is also a button that sends it, as if typed).
/// </summary>
public sealed record HelpCommand(string Vietnamese, string English, string TextKey, bool Button = false);

/// <summary>Which part of the agency a help section is for; each person sees the sections their stored roles allow.</summary>
public enum HelpSection { Everyone, Secretary, Leader, Admin }

/// <summary>The welcome and help cards, from plain values, so they can be checked without a bot.</summary>
public static class HelpCards
{
    /// <summary>Everyone's commands, Vietnamese first.</summary>
    public static readonly IReadOnlyList<HelpCommand> Commands =
    [
        new("chủ đề", "theme", "Help.Theme", Button: true),
        new("kiểm tra", "quiz", "Help.Quiz", Button: true),
        new("kiểm tra lịch sử", "quiz history", "Help.QuizHistory", Button: true),
        new("hỏi ‹câu hỏi›", "ask ‹question›", "Help.Ask"),
        new("đề cử", "nominate", "Help.Nominate", Button: true),
        new("nhắc", "remind", "Help.Remind", Button: true),
        new("tổng quan", "overview", "Help.Overview", Button: true),
        new("làm theo", "follow", "Help.Follow", Button: true),
        new("làm theo hồ sơ", "follow record", "Help.FollowRecord", Button: true),
        new("xuất dữ liệu", "export", "Help.ExportOwn", Button: true),
        new("ngôn ngữ", "language", "Help.Language"),
        new("hủy", "cancel", "Help.Cancel"),
        new("trợ giúp", "help", "Help.Help"),
    ];

    /// <summary>The commands of each role, shown only to those whose stored roles allow them.</summary>
    public static readonly IReadOnlyDictionary<HelpSection, IReadOnlyList<HelpCommand>> RoleCommands = new Dictionary<HelpSection, IReadOnlyList<HelpCommand>>
    {
        [HelpSection.Secretary] =
        [
            new("đơn vị", "unit", "Help.UnitOwn", Button: true),
            new("thành viên ‹đơn vị›", "members ‹unit›", "Help.Members"),
            new("kiểm tra đợt", "quiz rounds", "Help.QuizRounds", Button: true),
            new("hỏi chờ", "ask waiting", "Help.ConductWaiting", Button: true),
            new("chủ đề kế hoạch", "theme plan", "Help.ThemePlan", Button: true),
            new("làm theo chi bộ", "follow cell", "Help.FollowCell", Button: true),
            new("làm theo lịch", "follow schedule", "Help.FollowSchedule", Button: true),
            new("làm theo hồ sơ chi bộ", "follow record cell", "Help.FollowRecords", Button: true),
            new("làm theo báo cáo ‹năm›", "follow report ‹year›", "Help.FollowReport"),
        ],
        [HelpSection.Leader] =
        [
            new("đề cử chờ duyệt", "nominate pending", "Help.NominationPending", Button: true),
            new("làm theo báo cáo", "follow report", "Help.FollowReportAgency", Button: true),
        ],
        [HelpSection.Admin] =
        [
            new("đơn vị thêm · liên kết · đồng bộ ‹tên›", "unit add · link · sync ‹name›", "Help.Unit"),
            new("vai trò", "role", "Help.Role", Button: true),
            new("chủ đề đặt", "theme set", "Help.ThemeSet", Button: true),
            // A broadcast to the whole agency: typed on purpose, never one stray tap on the help card.
            new("chủ đề gửi", "theme send", "Help.ThemeSend"),
            new("chủ đề báo cáo", "theme report", "Help.ThemeReport", Button: true),
            new("xuất dữ liệu · xóa dữ liệu ‹email›", "export · erase ‹email›", "Help.PersonalData"),
            new("đề cử xuất", "nominate export", "Help.NominationExport", Button: true),
            new("hỏi duyệt", "ask review", "Help.ConductReview", Button: true),
        ],
    };

    /// <summary>Teams shows a handful of buttons in a row; more go in the next row.</summary>
    private const int ButtonsPerRow = 4;

    public static AdaptiveCard Welcome(Texts t) => new AdaptiveCard()
        .Add(Element.Heading(t["Welcome.Title"]))
        .Add(Element.Text(t["Welcome.Campaign"], subtle: true))
        .Add(Element.Text(t["Welcome.Body"]))
        .AddAction(CardAction.Execute(t["Action.ShowHelp"], HelpFeature.ShowHelpVerb))
        .AddAction(LanguageSwitch(t, HelpFeature.WelcomeView));

    public static AdaptiveCard Help(Texts t, params HelpSection[] sections)
    {
        var card = new AdaptiveCard()
            .Add(Element.Heading(t["Help.Title"]))
            .Add(Element.Text(t["Help.Intro"], subtle: true));
        AddSection(card, t, HelpSection.Everyone, Commands);
        foreach (var section in new[] { HelpSection.Secretary, HelpSection.Leader, HelpSection.Admin }.Where(sections.Contains))
            AddSection(card, t, section, RoleCommands[section]);
        return card.AddAction(LanguageSwitch(t, HelpFeature.HelpView));
    }

    /// <summary>The sections this person's stored roles allow; an admin may use every command, so sees them all.</summary>
    public static AdaptiveCard Help(Conversations.Turn turn) => Help(turn.T, SectionsFor(turn.Roles));

    public static HelpSection[] SectionsFor(RoleSet roles) =>
    [
        .. roles.HoldsAnywhere(Role.Secretary) ? [HelpSection.Secretary] : Array.Empty<HelpSection>(),
        .. roles.HoldsAnywhere(Role.Leader) ? [HelpSection.Leader] : Array.Empty<HelpSection>(),
        .. roles.IsAdmin ? [HelpSection.Admin] : Array.Empty<HelpSection>(),
    ];

    private static void AddSection(AdaptiveCard card, Texts t, HelpSection section, IReadOnlyList<HelpCommand> commands)
    {
        card.Add(new JsonObject
        {
            ["type"] = "TextBlock", ["text"] = t[$"Help.Section.{section}"], ["wrap"] = true, ["weight"] = "Bolder", ["separator"] = true,
        });
        card.Add(Element.Facts(commands.Select(c => ($"{c.Vietnamese} · {c.English}", t[c.TextKey]))));
        var buttons = commands.Where(c => c.Button).ToList();
        for (var i = 0; i < buttons.Count; i += ButtonsPerRow)
            card.Add(new JsonObject
            {
                ["type"] = "ActionSet",
                ["actions"] = new JsonArray(buttons.Skip(i).Take(ButtonsPerRow).Select(c =>
                {
                    var words = t.Language == Languages.English ? c.English : c.Vietnamese;
                    return (JsonNode)CardAction.SendText(words, words);
                }).ToArray()),
            });
    }

    /// <summary>A button that switches to the other language and shows the same card again in it.</summary>
    private static JsonObject LanguageSwitch(Texts t, string view) =>
        CardAction.Execute(t["Action.OtherLanguage"], LanguageFeature.SetVerb, new JsonObject
        {
            ["language"] = t.Language == Languages.English ? Languages.Vietnamese : Languages.English,
            ["view"] = view,
        });
}
