using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace StudyBot.Storage.Migrations;

/// <summary>Jobs, the outbox and its broadcasts, the shared delivery rate, study themes and cell plans.</summary>
[DbContext(typeof(StudyBotDb))]
[Migration("20261121020000_ReachingEveryone")]
public sealed class ReachingEveryone : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("UnreachableReason", "members", maxLength: 200, nullable: true);

        m.CreateTable("jobs", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Kind = t.Column<string>(maxLength: 64, nullable: false),
            Payload = t.Column<string>(nullable: false),
            Key = t.Column<string>(maxLength: 200, nullable: true),
            DueAt = t.Column<DateTime>(nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            LeaseOwner = t.Column<string>(maxLength: 64, nullable: true),
            LeaseUntil = t.Column<DateTime>(nullable: true),
            Attempts = t.Column<int>(nullable: false),
            LastError = t.Column<string>(maxLength: 2000, nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            FinishedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_jobs", x => x.Id));
        m.CreateIndex("IX_jobs_Key", "jobs", "Key", unique: true);
        m.CreateIndex("IX_jobs_Status_DueAt", "jobs", ["Status", "DueAt"]);

        m.CreateTable("broadcasts", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Kind = t.Column<string>(maxLength: 64, nullable: false),
            Key = t.Column<string>(maxLength: 200, nullable: true),
            Title = t.Column<string>(maxLength: 300, nullable: false),
            Content = t.Column<string>(nullable: false),
            Audience = t.Column<string>(nullable: false),
            StartedBy = t.Column<Guid>(nullable: true),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            Total = t.Column<int>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            FannedOutAt = t.Column<DateTime>(nullable: true),
            CompletedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_broadcasts", x => x.Id));
        m.CreateIndex("IX_broadcasts_Key", "broadcasts", "Key", unique: true);

        m.CreateTable("outbox", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            BroadcastId = t.Column<Guid>(nullable: true),
            MemberId = t.Column<Guid>(nullable: true),
            ConversationId = t.Column<string>(maxLength: 512, nullable: true),
            Content = t.Column<string>(nullable: true),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            Attempts = t.Column<int>(nullable: false),
            DueAt = t.Column<DateTime>(nullable: false),
            LeaseOwner = t.Column<string>(maxLength: 64, nullable: true),
            LeaseUntil = t.Column<DateTime>(nullable: true),
            LastError = t.Column<string>(maxLength: 1000, nullable: true),
            Ambiguous = t.Column<bool>(nullable: false),
            SentActivityId = t.Column<string>(maxLength: 256, nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            SentAt = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_outbox", x => x.Id));
        m.CreateIndex("IX_outbox_BroadcastId_MemberId", "outbox", ["BroadcastId", "MemberId"], unique: true);
        m.CreateIndex("IX_outbox_Status_DueAt", "outbox", ["Status", "DueAt"]);
        m.CreateIndex("IX_outbox_MemberId_Status", "outbox", ["MemberId", "Status"]);

        m.CreateTable("delivery_buckets", t => new
        {
            TenantId = t.Column<string>(maxLength: 128, nullable: false),
            Tokens = t.Column<double>(nullable: false),
            RefilledAt = t.Column<DateTime>(nullable: false),
            PausedUntil = t.Column<DateTime>(nullable: true),
            Version = t.Column<long>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_delivery_buckets", x => x.TenantId));

        m.CreateTable("study_themes", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Year = t.Column<int>(nullable: false),
            Title = t.Column<string>(maxLength: 500, nullable: false),
            Directive = t.Column<string>(maxLength: 200, nullable: false),
            Description = t.Column<string>(maxLength: 4000, nullable: true),
            Link = t.Column<string>(maxLength: 1000, nullable: true),
            Source = t.Column<string>(maxLength: 500, nullable: true),
            Months = t.Column<string>(nullable: false),
            Origin = t.Column<string>(maxLength: 16, nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
            UpdatedBy = t.Column<Guid>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_study_themes", x => x.Id));
        m.CreateIndex("IX_study_themes_Year", "study_themes", "Year", unique: true);

        m.CreateTable("plan_items", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            UnitId = t.Column<Guid>(nullable: false),
            Year = t.Column<int>(nullable: false),
            Quarter = t.Column<int>(nullable: true),
            Month = t.Column<int>(nullable: true),
            Text = t.Column<string>(maxLength: 1000, nullable: false),
            CreatedBy = t.Column<Guid>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_plan_items", x => x.Id));
        m.CreateIndex("IX_plan_items_UnitId_Year", "plan_items", ["UnitId", "Year"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[] { "plan_items", "study_themes", "delivery_buckets", "outbox", "broadcasts", "jobs" })
            m.DropTable(table);
        m.DropColumn("UnreachableReason", "members");
    }
}
