using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace StudyBot.Storage.Migrations;

/// <summary>
/// Members, conversation references, dialog state and the de-duplication log. Column types are left to
/// the provider's mapping of each CLR type, so the same migration serves SQLite and PostgreSQL.
/// </summary>
[DbContext(typeof(StudyBotDb))]
[Migration("20261121000000_Foundation")]
public sealed class Foundation : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("members", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Upn = t.Column<string>(maxLength: 256, nullable: true),
            Email = t.Column<string>(maxLength: 256, nullable: true),
            AadObjectId = t.Column<string>(maxLength: 64, nullable: true),
            ChannelUserId = t.Column<string>(maxLength: 256, nullable: true),
            Name = t.Column<string>(maxLength: 256, nullable: false),
            IsPartyMember = t.Column<bool>(nullable: false),
            Language = t.Column<string>(maxLength: 8, nullable: false),
            Unreachable = t.Column<bool>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            LastSeenAt = t.Column<DateTime>(nullable: true),
            ErasedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_members", x => x.Id));
        m.CreateIndex("IX_members_Upn", "members", "Upn", unique: true);
        m.CreateIndex("IX_members_ChannelUserId", "members", "ChannelUserId", unique: true);
        m.CreateIndex("IX_members_AadObjectId", "members", "AadObjectId", unique: true);

        m.CreateTable("conversations", t => new
        {
            Id = t.Column<string>(maxLength: 512, nullable: false),
            ChannelId = t.Column<string>(maxLength: 64, nullable: false),
            ServiceUrl = t.Column<string>(maxLength: 512, nullable: false),
            ConversationType = t.Column<string>(maxLength: 32, nullable: true),
            TenantId = t.Column<string>(maxLength: 128, nullable: true),
            BotId = t.Column<string>(maxLength: 256, nullable: false),
            BotName = t.Column<string>(maxLength: 256, nullable: true),
            MemberId = t.Column<Guid>(nullable: true),
            UserId = t.Column<string>(maxLength: 256, nullable: true),
            Locale = t.Column<string>(maxLength: 16, nullable: true),
            WelcomedAt = t.Column<DateTime>(nullable: true),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_conversations", x => x.Id));
        m.CreateIndex("IX_conversations_MemberId", "conversations", "MemberId");

        m.CreateTable("dialog_states", t => new
        {
            ConversationId = t.Column<string>(maxLength: 512, nullable: false),
            UserId = t.Column<string>(maxLength: 256, nullable: false),
            Dialog = t.Column<string>(maxLength: 128, nullable: false),
            Data = t.Column<string>(nullable: false),
            Version = t.Column<int>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_dialog_states", x => new { x.ConversationId, x.UserId }));

        m.CreateTable("processed_activities", t => new
        {
            ConversationId = t.Column<string>(maxLength: 512, nullable: false),
            ActivityId = t.Column<string>(maxLength: 256, nullable: false),
            ReceivedAt = t.Column<DateTime>(nullable: false),
            PendingReplies = t.Column<string>(nullable: true),
            SendLeaseUntil = t.Column<DateTime>(nullable: true),
            RepliesSentAt = t.Column<DateTime>(nullable: true),
            InvokeResponse = t.Column<string>(nullable: true),
            InvokeStatus = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_processed_activities", x => new { x.ConversationId, x.ActivityId }));
        m.CreateIndex("IX_processed_activities_ReceivedAt", "processed_activities", "ReceivedAt");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("processed_activities");
        m.DropTable("dialog_states");
        m.DropTable("conversations");
        m.DropTable("members");
    }
}
