using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace StudyBot.Storage.Migrations;

/// <summary>The question bank and its sources, quiz rounds, attempts and answers, and the bot's own keys.</summary>
[DbContext(typeof(StudyBotDb))]
[Migration("20261121040000_Quizzes")]
public sealed class Quizzes : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("quiz_sources", t => new
        {
            Id = t.Column<string>(maxLength: 40, nullable: false),
            Kind = t.Column<string>(maxLength: 16, nullable: false),
            Work = t.Column<string>(maxLength: 300, nullable: false),
            Text = t.Column<string>(maxLength: 2000, nullable: false),
            Citation = t.Column<string>(maxLength: 500, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_quiz_sources", x => x.Id));

        m.CreateTable("quiz_questions", t => new
        {
            Id = t.Column<string>(maxLength: 40, nullable: false),
            Kind = t.Column<string>(maxLength: 16, nullable: false),
            Category = t.Column<string>(maxLength: 40, nullable: false),
            Prompt = t.Column<string>(maxLength: 600, nullable: false),
            Options = t.Column<string>(nullable: false),
            Answer = t.Column<string>(maxLength: 200, nullable: false),
            Accept = t.Column<string>(nullable: false),
            SourceId = t.Column<string>(maxLength: 40, nullable: false),
            Explain = t.Column<string>(maxLength: 1000, nullable: true),
            Active = t.Column<bool>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_quiz_questions", x => x.Id));

        m.CreateTable("quiz_rounds", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            UnitId = t.Column<Guid>(nullable: false),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            OpensAt = t.Column<DateTime>(nullable: false),
            ClosesAt = t.Column<DateTime>(nullable: false),
            Items = t.Column<string>(nullable: false),
            Picked = t.Column<bool>(nullable: false),
            SecondsPerQuestion = t.Column<int>(nullable: true),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            Version = t.Column<int>(nullable: false),
            BroadcastId = t.Column<Guid>(nullable: true),
            CreatedBy = t.Column<Guid>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            ClosedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_quiz_rounds", x => x.Id));
        m.CreateIndex("IX_quiz_rounds_UnitId_OpensAt", "quiz_rounds", ["UnitId", "OpensAt"]);

        m.CreateTable("quiz_attempts", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MemberId = t.Column<Guid>(nullable: false),
            RoundId = t.Column<Guid>(nullable: true),
            Items = t.Column<string>(nullable: true),
            Order = t.Column<string>(maxLength: 400, nullable: false),
            Count = t.Column<int>(nullable: false),
            Position = t.Column<int>(nullable: false),
            Score = t.Column<int>(nullable: false),
            ShowingFeedback = t.Column<bool>(nullable: false),
            StartedAt = t.Column<DateTime>(nullable: false),
            ShownAt = t.Column<DateTime>(nullable: false),
            FinishedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_quiz_attempts", x => x.Id));
        m.CreateIndex("IX_quiz_attempts_RoundId_MemberId", "quiz_attempts", ["RoundId", "MemberId"], unique: true);
        m.CreateIndex("IX_quiz_attempts_MemberId", "quiz_attempts", "MemberId");

        m.CreateTable("quiz_answers", t => new
        {
            AttemptId = t.Column<Guid>(nullable: false),
            Position = t.Column<int>(nullable: false),
            QuestionId = t.Column<string>(maxLength: 40, nullable: false),
            Response = t.Column<string>(maxLength: 200, nullable: true),
            Correct = t.Column<bool>(nullable: false),
            TimedOut = t.Column<bool>(nullable: false),
            At = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_quiz_answers", x => new { x.AttemptId, x.Position }));

        m.CreateTable("secrets", t => new
        {
            Name = t.Column<string>(maxLength: 64, nullable: false),
            Value = t.Column<string>(maxLength: 200, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_secrets", x => x.Name));
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[] { "secrets", "quiz_answers", "quiz_attempts", "quiz_rounds", "quiz_questions", "quiz_sources" })
            m.DropTable(table);
    }
}
