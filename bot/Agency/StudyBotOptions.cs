namespace StudyBot.Agency;

/// <summary>Under <c>StudyBot:</c>: who administers the bot from day one, and whose tenant may use it.</summary>
public sealed class StudyBotOptions
{
    /// <summary>UPNs or AAD object ids that are admins agency-wide, before anyone has been given a role.</summary>
    public List<string> Admins { get; set; } = [];

    /// <summary>
    /// Tenant ids whose people may use the bot. Empty means the bot's own tenant (MicrosoftAppTenantId), or
    /// any tenant in anonymous local mode, where there is no tenant to compare with.
    /// </summary>
    public List<string> AllowedTenants { get; set; } = [];

    /// <summary>How often a unit linked to a team is brought in step with the team's roster.</summary>
    public TimeSpan RosterSyncInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The address people reach the bot at (https://studybot.example.gov.vn): download links in cards are built
    /// on it. Unset, the first address the server bound is used, which only works on the same machine.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public bool IsBootstrapAdmin(Member member) => Admins.Any(a =>
        string.Equals(a, member.Upn, StringComparison.OrdinalIgnoreCase)
        || string.Equals(a, member.AadObjectId, StringComparison.OrdinalIgnoreCase));
}
