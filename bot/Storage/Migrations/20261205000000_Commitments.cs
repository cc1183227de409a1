using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace StudyBot.Storage.Migrations;

/// <summary>"Làm theo": members' commitments by the 4 Rõ, their progress, the record of the year, and each cell's schedule.</summary>
[DbContext(typeof(StudyBotDb))]
[Migration("20261205000000_Commitments")]
public sealed class Commitments : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("commitment_sets", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MemberId = t.Column<Guid>(nullable: false),
            UnitId = t.Column<Guid>(nullable: false),
            Year = t.Column<int>(nullable: false),
            Post = t.Column<string>(maxLength: 16, nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            SubmittedAt = t.Column<DateTime>(nullable: true),
            ReviewComment = t.Column<string>(maxLength: 1000, nullable: true),
            ReviewedBy = t.Column<Guid>(nullable: true),
            ReviewedAt = t.Column<DateTime>(nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_commitment_sets", x => x.Id));
        m.CreateIndex("IX_commitment_sets_MemberId_Year", "commitment_sets", ["MemberId", "Year"], unique: true);
        m.CreateIndex("IX_commitment_sets_UnitId_Year", "commitment_sets", ["UnitId", "Year"]);

        m.CreateTable("commitments", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            SetId = t.Column<Guid>(nullable: false),
            Position = t.Column<int>(nullable: false),
            Task = t.Column<string>(maxLength: 500, nullable: false),
            Partners = t.Column<string>(maxLength: 300, nullable: true),
            Responsibility = t.Column<string>(maxLength: 500, nullable: false),
            Result = t.Column<string>(maxLength: 500, nullable: false),
            Milestones = t.Column<string>(maxLength: 2000, nullable: false),
            Deadline = t.Column<DateOnly>(nullable: false),
            Percent = t.Column<int>(nullable: true),
            Note = t.Column<string>(maxLength: 500, nullable: true),
            ReportedAt = t.Column<DateTime>(nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_commitments", x => x.Id));
        m.CreateIndex("IX_commitments_SetId", "commitments", "SetId");

        m.CreateTable("progress_reports", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CommitmentId = t.Column<Guid>(nullable: false),
            MemberId = t.Column<Guid>(nullable: false),
            Percent = t.Column<int>(nullable: false),
            Note = t.Column<string>(maxLength: 500, nullable: true),
            At = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_progress_reports", x => x.Id));
        m.CreateIndex("IX_progress_reports_CommitmentId", "progress_reports", "CommitmentId");

        m.CreateTable("year_records", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MemberId = t.Column<Guid>(nullable: false),
            UnitId = t.Column<Guid>(nullable: false),
            Year = t.Column<int>(nullable: false),
            SentAt = t.Column<DateTime>(nullable: false),
            SelfAssessment = t.Column<string>(maxLength: 2000, nullable: true),
            ConfirmedAt = t.Column<DateTime>(nullable: true),
            SecretaryComment = t.Column<string>(maxLength: 2000, nullable: true),
            CommentedBy = t.Column<Guid>(nullable: true),
            CommentedAt = t.Column<DateTime>(nullable: true),
            Assessment = t.Column<string>(maxLength: 16, nullable: false),
            AssessmentWording = t.Column<string>(maxLength: 500, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_year_records", x => x.Id));
        m.CreateIndex("IX_year_records_MemberId_Year", "year_records", ["MemberId", "Year"], unique: true);
        m.CreateIndex("IX_year_records_UnitId_Year", "year_records", ["UnitId", "Year"]);

        m.CreateTable("checkin_schedules", t => new
        {
            UnitId = t.Column<Guid>(nullable: false),
            Cadence = t.Column<string>(maxLength: 16, nullable: false),
            Day = t.Column<int>(nullable: false),
            Time = t.Column<string>(maxLength: 5, nullable: false),
            RecordDate = t.Column<string>(maxLength: 5, nullable: false),
            Version = t.Column<int>(nullable: false),
            LastSentAt = t.Column<DateTime>(nullable: true),
            UpdatedAt = t.Column<DateTime>(nullable: false),
            UpdatedBy = t.Column<Guid>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_checkin_schedules", x => x.UnitId));
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("checkin_schedules");
        m.DropTable("year_records");
        m.DropTable("progress_reports");
        m.DropTable("commitments");
        m.DropTable("commitment_sets");
    }
}
