namespace StudyBot.Resources;

/// <summary>The languages the bot speaks: every text has a Vietnamese form and an English one.</summary>
public static class Languages
{
    public const string Vietnamese = "vi";
    public const string English = "en";

    public static bool IsSupported(string code) => code is Vietnamese or English;
}
