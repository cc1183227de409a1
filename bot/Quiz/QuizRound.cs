using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyBot.Quiz;

/// <summary>
/// A quiz round a secretary schedules for a unit. Its questions are copied in when it is scheduled (or
/// changed before opening), so editing the bank never changes it. <see cref="Version"/> grows with every
/// change: open, remind and close jobs of an older version do nothing.
/// </summary>
public sealed class QuizRound
{
    public Guid Id { get; set; }
    public Guid UnitId { get; set; }
    public string Title { get; set; } = "";
    public DateTime OpensAt { get; set; }
    public DateTime ClosesAt { get; set; }
    /// <summary>JSON list of <see cref="QuizItem"/>, in the bank's order; each member gets their own shuffle.</summary>
    public string Items { get; set; } = "[]";
    /// <summary>True when the secretary picked the questions; false when they were drawn at random.</summary>
    public bool Picked { get; set; }
    public int? SecondsPerQuestion { get; set; }
    public string Status { get; set; } = RoundStatus.Scheduled;
    public int Version { get; set; } = 1;
    public Guid? BroadcastId { get; set; }
    public Guid CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
}

public static class RoundStatus
{
    public const string Scheduled = "scheduled";
    public const string Open = "open";
    public const string Closed = "closed";
    public const string Cancelled = "cancelled";
}

/// <summary>
/// One person working through a practice set or a round: the questions in their order, where they are, and
/// their score so far. One per member and round (a unique index), any number of practice attempts.
/// </summary>
public sealed class QuizAttempt
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public Guid? RoundId { get; set; }
    /// <summary>Practice: the drawn questions, as JSON <see cref="QuizItem"/>s. A round's are read from the round.</summary>
    public string? Items { get; set; }
    /// <summary>JSON list of indexes into the items: the order this person sees them in.</summary>
    public string Order { get; set; } = "[]";
    public int Count { get; set; }
    /// <summary>How many questions have been answered: the index of the one on screen.</summary>
    public int Position { get; set; }
    public int Score { get; set; }
    /// <summary>Practice only: the card shows feedback for the last answer until "next" is pressed.</summary>
    public bool ShowingFeedback { get; set; }
    public DateTime StartedAt { get; set; }
    /// <summary>When the current question was put on screen; the per-question time limit counts from here.</summary>
    public DateTime ShownAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}

/// <summary>An answer. The key (attempt, position) makes two answers to the same question count once.</summary>
public sealed class QuizAnswer
{
    public Guid AttemptId { get; set; }
    public int Position { get; set; }
    public string QuestionId { get; set; } = "";
    public string? Response { get; set; }
    public bool Correct { get; set; }
    public bool TimedOut { get; set; }
    public DateTime At { get; set; }
}

internal sealed class QuizRoundConfiguration :
    IEntityTypeConfiguration<QuizRound>, IEntityTypeConfiguration<QuizAttempt>, IEntityTypeConfiguration<QuizAnswer>
{
    public void Configure(EntityTypeBuilder<QuizRound> b)
    {
        b.ToTable("quiz_rounds");
        b.HasKey(r => r.Id);
        b.Property(r => r.Title).HasMaxLength(200);
        b.Property(r => r.Status).HasMaxLength(16);
        b.HasIndex(r => new { r.UnitId, r.OpensAt });
    }

    public void Configure(EntityTypeBuilder<QuizAttempt> b)
    {
        b.ToTable("quiz_attempts");
        b.HasKey(a => a.Id);
        b.Property(a => a.Order).HasMaxLength(400);
        // Practice attempts have no round (NULLs never collide), so this only allows one attempt per round.
        b.HasIndex(a => new { a.RoundId, a.MemberId }).IsUnique();
        b.HasIndex(a => a.MemberId);
    }

    public void Configure(EntityTypeBuilder<QuizAnswer> b)
    {
        b.ToTable("quiz_answers");
        b.HasKey(a => new { a.AttemptId, a.Position });
        b.Property(a => a.QuestionId).HasMaxLength(40);
        b.Property(a => a.Response).HasMaxLength(200);
    }
}
