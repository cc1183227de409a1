using StudyBot.Conversations;

namespace StudyBot.Commitments;

/// <summary>
/// The kinds of post a commitment card gives an example for (seed 000: each builds a plan "phù hợp với vị trí công tác").
/// Each example is drawn from what a seed says of that kind of work, and names it (Commitments.Example.*).
/// </summary>
public static class Posts
{
    public const string FrontDesk = "frontdesk";
    public const string Collection = "collection";
    public const string Benefits = "benefits";
    public const string Leader = "leader";
    public const string Other = "other";
    public static readonly string[] All = [FrontDesk, Collection, Benefits, Leader, Other];

    /// <summary>A first guess from the cell's name ("Chi bộ Khai thác &amp; thu nợ"), which the member may change.</summary>
    public static string Guess(string? unitName, bool isLeader)
    {
        if (isLeader) return Leader;
        var name = CommandText.Fold(unitName ?? "");
        if (name.Contains("thu no") || name.Contains("khai thac") || name.Contains(" thu")) return Collection;
        if (name.Contains("che do") || name.Contains("chi tra")) return Benefits;
        if (name.Contains("mot cua") || name.Contains("tiep nhan") || name.Contains("ho so")) return FrontDesk;
        return Other;
    }

    public static string Known(string? post) => All.Contains(post) ? post! : Other;
}
