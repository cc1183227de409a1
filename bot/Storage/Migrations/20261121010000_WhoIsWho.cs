using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace StudyBot.Storage.Migrations;

/// <summary>Units, who belongs to them, role assignments, the teams the bot is in, and the audit log.</summary>
[DbContext(typeof(StudyBotDb))]
[Migration("20261121010000_WhoIsWho")]
public sealed class WhoIsWho : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("units", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            ParentId = t.Column<Guid>(nullable: true),
            TimeZone = t.Column<string>(maxLength: 64, nullable: false),
            TeamId = t.Column<string>(maxLength: 256, nullable: true),
            RosterSyncedAt = t.Column<DateTime>(nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_units", x => x.Id));
        m.CreateIndex("IX_units_Name", "units", "Name", unique: true);
        m.CreateIndex("IX_units_TeamId", "units", "TeamId");

        m.CreateTable("unit_memberships", t => new
        {
            MemberId = t.Column<Guid>(nullable: false),
            UnitId = t.Column<Guid>(nullable: false),
            Source = t.Column<string>(maxLength: 16, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_unit_memberships", x => new { x.MemberId, x.UnitId, x.Source }));
        m.CreateIndex("IX_unit_memberships_UnitId", "unit_memberships", "UnitId");

        m.CreateTable("role_assignments", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MemberId = t.Column<Guid>(nullable: false),
            Role = t.Column<string>(maxLength: 16, nullable: false),
            UnitId = t.Column<Guid>(nullable: true),
            Source = t.Column<string>(maxLength: 16, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_role_assignments", x => x.Id));
        m.CreateIndex("IX_role_assignments_MemberId_Role_UnitId", "role_assignments", ["MemberId", "Role", "UnitId"]);

        m.CreateTable("teams", t => new
        {
            Id = t.Column<string>(maxLength: 256, nullable: false),
            Name = t.Column<string>(maxLength: 256, nullable: false),
            ServiceUrl = t.Column<string>(maxLength: 512, nullable: false),
            TenantId = t.Column<string>(maxLength: 128, nullable: true),
            UnitId = t.Column<Guid>(nullable: true),
            InstalledAt = t.Column<DateTime>(nullable: false),
            RemovedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_teams", x => x.Id));
        m.CreateIndex("IX_teams_UnitId", "teams", "UnitId");

        m.CreateTable("audit_log", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            At = t.Column<DateTime>(nullable: false),
            ActorId = t.Column<Guid>(nullable: true),
            Action = t.Column<string>(maxLength: 64, nullable: false),
            Target = t.Column<string>(maxLength: 256, nullable: true),
            Outcome = t.Column<string>(maxLength: 16, nullable: false),
            Detail = t.Column<string>(maxLength: 2000, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_audit_log", x => x.Id));
        m.CreateIndex("IX_audit_log_At", "audit_log", "At");
        m.CreateIndex("IX_audit_log_ActorId", "audit_log", "ActorId");
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[] { "audit_log", "teams", "role_assignments", "unit_memberships", "units" })
            m.DropTable(table);
    }
}
