namespace StudyBot.Nominations;

/// <summary>Under <c>Nominations:</c>.</summary>
public sealed class NominationOptions
{
    /// <summary>
    /// A Teams channel's conversation id (19:…@thread.tacv2) where the leadership decides together. Empty: each
    /// leader gets the card in their personal chat.
    /// </summary>
    public string? LeadershipConversation { get; set; }

    /// <summary>A nomination of the same colleague by the same person within this many days, with a similar deed, is flagged.</summary>
    public int DuplicateWindowDays { get; set; } = 7;

    /// <summary>How long the admin's export link works.</summary>
    public TimeSpan ExportLinkLifetime { get; set; } = TimeSpan.FromHours(2);
}
