using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace StudyBot.Storage.Migrations;

/// <summary>The conduct knowledge base, feedback on its answers, and questions escalated to a secretary.</summary>
[DbContext(typeof(StudyBotDb))]
[Migration("20261122010000_Conduct")]
public sealed class Conduct : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("conduct_entries", t => new
        {
            Id = t.Column<string>(maxLength: 40, nullable: false),
            Questions = t.Column<string>(nullable: false),
            Answer = t.Column<string>(maxLength: 2000, nullable: false),
            Citation = t.Column<string>(maxLength: 500, nullable: false),
            Tags = t.Column<string>(nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            ApprovedBy = t.Column<string>(maxLength: 200, nullable: true),
            ApprovedAt = t.Column<DateTime>(nullable: true),
            Origin = t.Column<string>(maxLength: 16, nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_conduct_entries", x => x.Id));

        m.CreateTable("answer_feedback", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MemberId = t.Column<Guid>(nullable: false),
            ItemId = t.Column<string>(maxLength: 40, nullable: false),
            Question = t.Column<string>(maxLength: 500, nullable: false),
            Helpful = t.Column<bool>(nullable: false),
            At = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_answer_feedback", x => x.Id));

        m.CreateTable("escalations", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Number = t.Column<int>(nullable: false),
            AskerId = t.Column<Guid>(nullable: false),
            UnitId = t.Column<Guid>(nullable: true),
            Question = t.Column<string>(maxLength: 1000, nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            AnsweredBy = t.Column<Guid>(nullable: true),
            Answer = t.Column<string>(maxLength: 2000, nullable: true),
            AnsweredAt = t.Column<DateTime>(nullable: true),
            Cards = t.Column<string>(nullable: false),
            EntryId = t.Column<string>(maxLength: 40, nullable: true),
            Version = t.Column<int>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_escalations", x => x.Id));
        m.CreateIndex("IX_escalations_Number", "escalations", "Number", unique: true);
        m.CreateIndex("IX_escalations_AskerId_Status", "escalations", ["AskerId", "Status"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("escalations");
        m.DropTable("answer_feedback");
        m.DropTable("conduct_entries");
    }
}
