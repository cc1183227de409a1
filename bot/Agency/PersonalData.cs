using System.Text.Json.Nodes;
using StudyBot.Storage;

namespace StudyBot.Agency;

/// <summary>
/// One room's share of what is stored about a person. Each room that keeps rows about people implements it, so adding a
/// feature adds its own part of the export without this floor or any other feature knowing its tables.
/// </summary>
public interface IPersonalDataPart
{
    /// <summary>Adds this room's rows about the person to the export, under its own keys.</summary>
    Task ExportAsync(StudyBotDb db, Member member, JsonObject export, CancellationToken ct);

    /// <summary>
    /// Removes what identifies the person from this room's rows, before their own row is anonymised (so ids such as
    /// the Teams user id can still be matched). Not saved here: the erasure saves once, for every part together.
    /// </summary>
    Task EraseAsync(StudyBotDb db, Member member, CancellationToken ct);
}

/// <summary>
/// Nghị định 13/2023: an admin can see everything stored about a person, and can erase it. Erasure removes what identifies
/// them and their conversations, but keeps the anonymous row and unit membership so aggregate counts stay true, and
/// leaves an audit entry that names only ids.
/// </summary>
public sealed class PersonalData(IEnumerable<IPersonalDataPart> parts)
{
    public async Task<JsonObject> ExportAsync(StudyBotDb db, Member member, CancellationToken ct)
    {
        var export = new JsonObject();
        foreach (var part in parts) await part.ExportAsync(db, member, export, ct);
        return export;
    }

    public async Task EraseAsync(StudyBotDb db, Member member, Guid? actorId, DateTime now, CancellationToken ct)
    {
        foreach (var part in parts) await part.EraseAsync(db, member, ct);
        member.ErasedKeys = ErasedText.Tombstone(member.AadObjectId, member.Upn);
        member.Name = Member.ErasedName;
        member.Upn = null;
        member.Email = null;
        member.AadObjectId = null;
        member.ChannelUserId = null;
        member.Unreachable = true;
        member.ErasedAt = now;
        db.Add(new AuditEntry
        {
            Id = Guid.CreateVersion7(), At = now, ActorId = actorId, Action = "member.erase", Target = member.Id.ToString(),
        });
        await db.SaveChangesAsync(ct);
    }
}
