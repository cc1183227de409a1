using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace StudyBot.Storage.Migrations;

/// <summary>Reminders, their occurrences and acknowledgements, and the story rota.</summary>
[DbContext(typeof(StudyBotDb))]
[Migration("20261121030000_Reminders")]
public sealed class RemindersAndRota : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("reminders", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            UnitId = t.Column<Guid>(nullable: false),
            Text = t.Column<string>(maxLength: 1000, nullable: false),
            Rule = t.Column<string>(maxLength: 24, nullable: false),
            FirstLocal = t.Column<string>(maxLength: 19, nullable: false),
            PartyMembersOnly = t.Column<bool>(nullable: false),
            Paused = t.Column<bool>(nullable: false),
            Cancelled = t.Column<bool>(nullable: false),
            StoryRota = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
            CreatedBy = t.Column<Guid>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_reminders", x => x.Id));
        m.CreateIndex("IX_reminders_UnitId", "reminders", "UnitId");

        m.CreateTable("reminder_occurrences", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ReminderId = t.Column<Guid>(nullable: false),
            DueAt = t.Column<DateTime>(nullable: false),
            BroadcastId = t.Column<Guid>(nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_reminder_occurrences", x => x.Id));
        m.CreateIndex("IX_reminder_occurrences_ReminderId_DueAt", "reminder_occurrences", ["ReminderId", "DueAt"], unique: true);

        m.CreateTable("acknowledgements", t => new
        {
            OccurrenceId = t.Column<Guid>(nullable: false),
            MemberId = t.Column<Guid>(nullable: false),
            At = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_acknowledgements", x => new { x.OccurrenceId, x.MemberId }));

        m.CreateTable("rota_entries", t => new
        {
            ReminderId = t.Column<Guid>(nullable: false),
            MemberId = t.Column<Guid>(nullable: false),
            Turns = t.Column<int>(nullable: false),
            Position = t.Column<long>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_rota_entries", x => new { x.ReminderId, x.MemberId }));

        m.CreateTable("story_assignments", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ReminderId = t.Column<Guid>(nullable: false),
            OccurrenceDue = t.Column<DateTime>(nullable: false),
            MemberId = t.Column<Guid>(nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            SwapWith = t.Column<Guid>(nullable: true),
            AskedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_story_assignments", x => x.Id));
        m.CreateIndex("IX_story_assignments_ReminderId_OccurrenceDue", "story_assignments", ["ReminderId", "OccurrenceDue"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[] { "story_assignments", "rota_entries", "acknowledgements", "reminder_occurrences", "reminders" })
            m.DropTable(table);
    }
}
