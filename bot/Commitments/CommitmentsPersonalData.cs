using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Protocol;
using StudyBot.Storage;

namespace StudyBot.Commitments;

/// <summary>The person's commitments with their progress, and their records of the year.</summary>
internal sealed class CommitmentsPersonalData : IPersonalDataPart
{
    public async Task ExportAsync(StudyBotDb db, Member member, JsonObject export, CancellationToken ct)
    {
        var sets = await db.Set<CommitmentSet>().Where(s => s.MemberId == member.Id).OrderBy(s => s.Year).ToListAsync(ct);
        var ids = sets.Select(s => s.Id).ToList();
        var commitments = await db.Set<Commitment>().Where(c => ids.Contains(c.SetId)).OrderBy(c => c.Position).ToListAsync(ct);
        var reports = await db.Set<ProgressReport>().Where(r => r.MemberId == member.Id).OrderBy(r => r.At).ToListAsync(ct);
        var records = await db.Set<YearRecord>().Where(r => r.MemberId == member.Id).OrderBy(r => r.Year).ToListAsync(ct);
        export["commitments"] = JsonSerializer.SerializeToNode(sets.Select(s => new
        {
            s.Year, s.Status, s.SubmittedAt, s.ReviewComment, s.ReviewedAt,
            Items = commitments.Where(c => c.SetId == s.Id).Select(c => new
            {
                c.Task, c.Partners, c.Responsibility, c.Result, Milestones = Milestones.Read(c), c.Deadline, c.Percent, c.Note,
                Reports = reports.Where(r => r.CommitmentId == c.Id).Select(r => new { r.Percent, r.Note, r.At }),
            }),
            Record = records.Where(r => r.Year == s.Year).Select(r => new
            {
                r.SelfAssessment, r.ConfirmedAt, r.SecretaryComment, r.CommentedAt, r.Assessment, r.AssessmentWording,
            }).FirstOrDefault(),
        }), WireJson.Options);
    }

    /// <summary>
    /// A commitment is the person's own words about their own work: it goes, with its reports and the year's record. The
    /// cell's counts for past years lose them, as they would had the person left the cell.
    /// </summary>
    public async Task EraseAsync(StudyBotDb db, Member member, CancellationToken ct)
    {
        var sets = await db.Set<CommitmentSet>().Where(s => s.MemberId == member.Id).ToListAsync(ct);
        var ids = sets.Select(s => s.Id).ToList();
        db.RemoveRange(await db.Set<Commitment>().Where(c => ids.Contains(c.SetId)).ToListAsync(ct));
        db.RemoveRange(await db.Set<ProgressReport>().Where(r => r.MemberId == member.Id).ToListAsync(ct));
        db.RemoveRange(await db.Set<YearRecord>().Where(r => r.MemberId == member.Id).ToListAsync(ct));
        db.RemoveRange(sets);
        // Others' sets and records may name the person (a partner, a comment): the name goes from those.
        foreach (var c in await db.Set<Commitment>().Where(c => !ids.Contains(c.SetId)).ToListAsync(ct))
            (c.Task, c.Partners, c.Responsibility, c.Result, c.Note) = (ErasedText.WithoutName(c.Task, member.Name)!, ErasedText.WithoutName(c.Partners, member.Name),
                ErasedText.WithoutName(c.Responsibility, member.Name)!, ErasedText.WithoutName(c.Result, member.Name)!, ErasedText.WithoutName(c.Note, member.Name));
        foreach (var r in await db.Set<YearRecord>().Where(r => r.MemberId != member.Id).ToListAsync(ct))
            (r.SelfAssessment, r.SecretaryComment, r.AssessmentWording) = (ErasedText.WithoutName(r.SelfAssessment, member.Name),
                ErasedText.WithoutName(r.SecretaryComment, member.Name), ErasedText.WithoutName(r.AssessmentWording, member.Name));
        foreach (var s in await db.Set<CommitmentSet>().Where(s => s.MemberId != member.Id && s.ReviewComment != null).ToListAsync(ct))
            s.ReviewComment = ErasedText.WithoutName(s.ReviewComment, member.Name);
        foreach (var p in await db.Set<ProgressReport>().Where(p => p.MemberId != member.Id && p.Note != null).ToListAsync(ct))
            p.Note = ErasedText.WithoutName(p.Note, member.Name);
    }
}
