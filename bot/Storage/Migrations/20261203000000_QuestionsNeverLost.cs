using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace StudyBot.Storage.Migrations;

/// <summary>
/// Knowledge-base entries name their sources apart from the line members read, and may be the unit's own rules; an
/// escalated question keeps the asker's unit and who received it, so one nobody could receive waits to be sent.
/// </summary>
[DbContext(typeof(StudyBotDb))]
[Migration("20261203000000_QuestionsNeverLost")]
public sealed class QuestionsNeverLost : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("Sources", "conduct_entries", nullable: false, defaultValue: "[]");
        m.AddColumn<bool>("UnitRule", "conduct_entries", nullable: false, defaultValue: false);
        m.AddColumn<string>("Note", "conduct_entries", maxLength: 500, nullable: true);
        m.AddColumn<Guid>("AskerUnitId", "escalations", nullable: true);
        m.AddColumn<string>("RoutedTo", "escalations", maxLength: 16, nullable: false, defaultValue: "secretary");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropColumn("RoutedTo", "escalations");
        m.DropColumn("AskerUnitId", "escalations");
        m.DropColumn("Note", "conduct_entries");
        m.DropColumn("UnitRule", "conduct_entries");
        m.DropColumn("Sources", "conduct_entries");
    }
}
