using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace StudyBot.Conversations;

/// <summary>How typed text is made comparable: people type with or without diacritics, in any case.</summary>
public static partial class CommandText
{
    /// <summary>NFC, without the bot's @mention (group chats and channels add it), single-spaced.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var withoutMentions = Mention().Replace(text.Normalize(NormalizationForm.FormC), " ");
        return Spaces().Replace(withoutMentions, " ").Trim();
    }

    /// <summary>"Trợ giúp", "tro giup" and "TRỢ GIÚP" all fold to "tro giup".</summary>
    public static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c));
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    [GeneratedRegex(@"<at[^>]*>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Mention();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
