using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace StudyBot.Storage.Migrations;

/// <summary>Nominations and the copies of their cards; outbox rows learn where they landed and which message they replace.</summary>
[DbContext(typeof(StudyBotDb))]
[Migration("20261122000000_Nominations")]
public sealed class Nominations : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("SentConversationId", "outbox", maxLength: 512, nullable: true);
        m.AddColumn<Guid>("ReplacesId", "outbox", nullable: true);

        m.CreateTable("nominations", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Year = t.Column<int>(nullable: false),
            Sequence = t.Column<int>(nullable: false),
            NominatorId = t.Column<Guid>(nullable: false),
            NomineeId = t.Column<Guid>(nullable: false),
            NomineeUnitId = t.Column<Guid>(nullable: true),
            Deed = t.Column<string>(maxLength: 2000, nullable: false),
            DeedDate = t.Column<string>(maxLength: 10, nullable: false),
            Category = t.Column<string>(maxLength: 16, nullable: false),
            Note = t.Column<string>(maxLength: 1000, nullable: true),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            DecidedBy = t.Column<Guid>(nullable: true),
            DecidedAt = t.Column<DateTime>(nullable: true),
            DecisionReason = t.Column<string>(maxLength: 1000, nullable: true),
            Version = t.Column<int>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_nominations", x => x.Id));
        m.CreateIndex("IX_nominations_Year_Sequence", "nominations", ["Year", "Sequence"], unique: true);
        m.CreateIndex("IX_nominations_Status_CreatedAt", "nominations", ["Status", "CreatedAt"]);
        m.CreateIndex("IX_nominations_NominatorId", "nominations", "NominatorId");

        m.CreateTable("nomination_cards", t => new
        {
            NominationId = t.Column<Guid>(nullable: false),
            OutboxMessageId = t.Column<Guid>(nullable: false),
            ForInformation = t.Column<bool>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_nomination_cards", x => new { x.NominationId, x.OutboxMessageId }));
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("nomination_cards");
        m.DropTable("nominations");
        m.DropColumn("ReplacesId", "outbox");
        m.DropColumn("SentConversationId", "outbox");
    }
}
