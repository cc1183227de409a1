using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace StudyBot.Agency;

/// <summary>
/// What erasure leaves in place of a person: the words that stand for removed text, their name taken out of what others
/// wrote, and the tombstone that keeps a team roster from adding them back as if nothing had happened.
/// </summary>
public static class ErasedText
{
    /// <summary>Stands for text that was the person's own words, or about them.</summary>
    public const string Removed = "(nội dung đã xóa theo yêu cầu xóa dữ liệu cá nhân)";

    /// <summary>Stands for the person's name inside text someone else wrote.</summary>
    public const string Name = "[người đã xóa dữ liệu]";

    /// <summary>The text with every occurrence of the name (any case) replaced; names shorter than two words are left, too likely to hit other words.</summary>
    public static string? WithoutName(string? text, string name)
    {
        if (text is null || name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 2) return text;
        return Regex.Replace(text, Regex.Escape(name.Trim()), Name, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    /// <summary>
    /// One-way keys of the identities a roster could show (AAD object id, UPN), kept on the erased row: enough to know
    /// the person again, not to say who they were.
    /// </summary>
    public static string Tombstone(string? aadObjectId, string? upn) =>
        string.Join(';', new[] { Key("aad", aadObjectId), Key("upn", upn) }.Where(k => k is not null));

    public static string? Key(string kind, string? value) => string.IsNullOrWhiteSpace(value) ? null
        : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}:{value.Trim().ToLowerInvariant()}")))[..32];
}
