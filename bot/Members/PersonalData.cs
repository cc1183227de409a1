using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Conversations;
using StudyBot.Protocol;
using StudyBot.Storage;

namespace StudyBot.Members;

/// <summary>
/// Nghị định 13/2023: an admin can see everything stored about a person, and can erase it. Erasure
/// removes what identifies them and their conversations, but keeps the anonymous row and unit membership
/// so aggregate counts stay true, and leaves an audit entry that names only ids.
/// </summary>
public static class PersonalData
{
    public const string ErasedName = "(đã xóa)";

    public static async Task<JsonObject> ExportAsync(StudyBotDb db, Member member, CancellationToken ct)
    {
        var unitNames = await db.Set<Unit>().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var memberships = await db.Set<UnitMembership>().Where(m => m.MemberId == member.Id).ToListAsync(ct);
        var roles = await db.Set<RoleAssignment>().Where(r => r.MemberId == member.Id).ToListAsync(ct);
        var conversations = await db.Set<ConversationRecord>().Where(c => c.MemberId == member.Id).ToListAsync(ct);
        var userIds = new[] { member.ChannelUserId }.Where(id => id is not null).ToList();
        var dialogs = await db.Set<DialogState>().Where(d => userIds.Contains(d.UserId)).ToListAsync(ct);
        var target = member.Id.ToString();
        var audit = await db.Set<AuditEntry>().Where(a => a.ActorId == member.Id || a.Target == target)
            .OrderBy(a => a.At).ToListAsync(ct);

        // Quiz attempts stay after an erasure, tied to the anonymised member, so a round's counts do not change.
        var quiz = await db.Set<Quiz.QuizAttempt>().Where(a => a.MemberId == member.Id)
            .GroupJoin(db.Set<Quiz.QuizRound>(), a => a.RoundId, r => r.Id, (a, r) => new { a, r })
            .SelectMany(x => x.r.DefaultIfEmpty(), (x, r) => new { Round = r == null ? null : r.Title, x.a.Score, x.a.Count, x.a.StartedAt, x.a.FinishedAt })
            .OrderBy(x => x.StartedAt).ToListAsync(ct);
        var nominations = await db.Set<Nominations.Nomination>()
            .Where(n => n.NominatorId == member.Id || n.NomineeId == member.Id).OrderBy(n => n.CreatedAt).ToListAsync(ct);
        // What the person typed to the conduct feature is theirs, and so is their part in reminders and story rotas.
        var questions = await db.Set<Conduct.Escalation>().Where(e => e.AskerId == member.Id).OrderBy(e => e.Number).ToListAsync(ct);
        var feedback = await db.Set<Conduct.AnswerFeedback>().Where(f => f.MemberId == member.Id).OrderBy(f => f.At).ToListAsync(ct);
        var acknowledgements = await db.Set<Reminders.Acknowledgement>().Where(a => a.MemberId == member.Id)
            .OrderBy(a => a.At).ToListAsync(ct);
        var storyTurns = await db.Set<Reminders.StoryAssignment>().Where(s => s.MemberId == member.Id)
            .OrderBy(s => s.AskedAt).ToListAsync(ct);
        return new JsonObject
        {
            ["member"] = JsonSerializer.SerializeToNode(member, WireJson.Options),
            ["units"] = new JsonArray(memberships.Select(m => (JsonNode)new JsonObject
            {
                ["unit"] = unitNames.GetValueOrDefault(m.UnitId), ["source"] = m.Source,
            }).ToArray()),
            ["roles"] = new JsonArray(roles.Select(r => (JsonNode)new JsonObject
            {
                ["role"] = r.Role.ToString(), ["unit"] = r.UnitId is { } u ? unitNames.GetValueOrDefault(u) : null,
                ["source"] = r.Source, ["since"] = r.CreatedAt,
            }).ToArray()),
            ["conversations"] = JsonSerializer.SerializeToNode(conversations.Select(c => new
            {
                c.Id, c.ChannelId, c.ConversationType, c.TenantId, c.UpdatedAt, c.WelcomedAt,
            }), WireJson.Options),
            ["dialogs"] = JsonSerializer.SerializeToNode(dialogs.Select(d => new { d.Dialog, d.Data, d.UpdatedAt }), WireJson.Options),
            ["audit"] = JsonSerializer.SerializeToNode(audit.Select(a => new { a.At, a.Action, a.Outcome, a.Detail }), WireJson.Options),
            ["quiz"] = JsonSerializer.SerializeToNode(quiz, WireJson.Options),
            ["nominations"] = JsonSerializer.SerializeToNode(nominations.Select(n => new
            {
                n.Reference, Role = n.NominatorId == member.Id ? "nominator" : "nominee",
                n.Deed, n.DeedDate, n.Category, n.Note, n.Status, n.DecidedAt, n.DecisionReason, n.CreatedAt,
            }), WireJson.Options),
            ["conduct"] = new JsonObject
            {
                ["questions"] = JsonSerializer.SerializeToNode(questions.Select(e => new
                {
                    e.Number, e.Question, e.Status, e.Answer, e.CreatedAt, e.AnsweredAt,
                }), WireJson.Options),
                ["feedback"] = JsonSerializer.SerializeToNode(feedback.Select(f => new { f.Question, f.ItemId, f.Helpful, f.At }),
                    WireJson.Options),
            },
            ["reminders"] = new JsonObject
            {
                ["acknowledgements"] = JsonSerializer.SerializeToNode(acknowledgements.Select(a => new { a.OccurrenceId, a.At }),
                    WireJson.Options),
                ["storyTurns"] = JsonSerializer.SerializeToNode(storyTurns.Select(s => new { s.OccurrenceDue, s.Status, s.AskedAt }),
                    WireJson.Options),
            },
        };
    }

    public static async Task EraseAsync(StudyBotDb db, Member member, Guid? actorId, DateTime now, CancellationToken ct)
    {
        var conversations = await db.Set<ConversationRecord>().Where(c => c.MemberId == member.Id).ToListAsync(ct);
        var conversationIds = conversations.Select(c => c.Id).ToList();
        db.RemoveRange(conversations);
        db.RemoveRange(await db.Set<ProcessedActivity>().Where(p => conversationIds.Contains(p.ConversationId)).ToListAsync(ct));
        if (member.ChannelUserId is { } userId)
            db.RemoveRange(await db.Set<DialogState>().Where(d => d.UserId == userId).ToListAsync(ct));
        db.RemoveRange(await db.Set<RoleAssignment>().Where(r => r.MemberId == member.Id).ToListAsync(ct));

        member.Name = ErasedName;
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
