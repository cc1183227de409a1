using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace StudyBot.Storage.Migrations;

/// <summary>An erased person keeps one-way keys of their identities, so a team roster does not add them back unnoticed.</summary>
[DbContext(typeof(StudyBotDb))]
[Migration("20261204000000_ErasureTombstone")]
public sealed class ErasureTombstone : Migration
{
    protected override void Up(MigrationBuilder m) => m.AddColumn<string>("ErasedKeys", "members", maxLength: 200, nullable: true);

    protected override void Down(MigrationBuilder m) => m.DropColumn("ErasedKeys", "members");
}
