using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace StudyBot.Storage.Migrations;

/// <summary>A reminder may also go out ahead of its meeting: two hours, a day, or the afternoon before.</summary>
[DbContext(typeof(StudyBotDb))]
[Migration("20261204010000_ReminderLead")]
public sealed class ReminderLeadTime : Migration
{
    protected override void Up(MigrationBuilder m) => m.AddColumn<string>("Lead", "reminders", maxLength: 8, nullable: true);

    protected override void Down(MigrationBuilder m) => m.DropColumn("Lead", "reminders");
}
