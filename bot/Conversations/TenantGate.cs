using Microsoft.Extensions.Options;
using StudyBot.Agency;
using StudyBot.Protocol;

namespace StudyBot.Conversations;

/// <summary>
/// Whose tenant may use the bot: <c>StudyBot:AllowedTenants</c> plus the bot's own tenant. With neither
/// (anonymous local mode) there is nothing to compare with, and everyone on this machine is let in.
/// </summary>
public sealed class TenantGate
{
    private readonly HashSet<string> _allowed;

    public TenantGate(IOptions<StudyBotOptions> options, IOptions<BotAuthOptions> auth)
    {
        _allowed = new HashSet<string>(options.Value.AllowedTenants.Where(t => !string.IsNullOrWhiteSpace(t)),
            StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(auth.Value.MicrosoftAppTenantId)) _allowed.Add(auth.Value.MicrosoftAppTenantId);
    }

    public bool IsAllowed(string? tenantId) => _allowed.Count == 0 || (tenantId is not null && _allowed.Contains(tenantId));
}
