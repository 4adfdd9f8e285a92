using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveSession.Records.Migrations
{
    /// <inheritdoc />
    public partial class InitialRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Meetings",
                columns: table => new
                {
                    Id = table.Column<string>(maxLength: 64, nullable: false),
                    Title = table.Column<string>(maxLength: 300, nullable: false),
                    Kind = table.Column<string>(maxLength: 20, nullable: false),
                    Form = table.Column<string>(maxLength: 20, nullable: false),
                    Venue = table.Column<string>(maxLength: 300, nullable: false),
                    ScheduledStart = table.Column<DateTimeOffset>(nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(nullable: true),
                    Version = table.Column<long>(nullable: false),
                    StateJson = table.Column<string>(nullable: false),
                    ArchivedAt = table.Column<DateTimeOffset>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Events",
                columns: table => new
                {
                    MeetingId = table.Column<string>(nullable: false),
                    Version = table.Column<long>(nullable: false),
                    Type = table.Column<string>(maxLength: 60, nullable: false),
                    At = table.Column<DateTimeOffset>(nullable: false),
                    Json = table.Column<string>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Events", x => new { x.MeetingId, x.Version });
                    table.ForeignKey(
                        name: "FK_Events_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Petitions",
                columns: table => new
                {
                    MeetingId = table.Column<string>(nullable: false),
                    PetitionId = table.Column<string>(maxLength: 20, nullable: false),
                    Summary = table.Column<string>(nullable: false),
                    Field = table.Column<string>(nullable: true),
                    CitizenName = table.Column<string>(nullable: false),
                    Locality = table.Column<string>(nullable: true),
                    Resolution = table.Column<string>(maxLength: 20, nullable: false),
                    ResponsibleUnit = table.Column<string>(nullable: true),
                    Deadline = table.Column<DateOnly>(nullable: true),
                    Answer = table.Column<string>(nullable: true),
                    Status = table.Column<string>(maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Petitions", x => new { x.MeetingId, x.PetitionId });
                    table.ForeignKey(
                        name: "FK_Petitions_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FollowUps",
                columns: table => new
                {
                    Id = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MeetingId = table.Column<string>(nullable: false),
                    PetitionId = table.Column<string>(nullable: false),
                    Status = table.Column<string>(maxLength: 20, nullable: false),
                    Note = table.Column<string>(nullable: true),
                    Actor = table.Column<string>(maxLength: 120, nullable: false),
                    At = table.Column<DateTimeOffset>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUps_Petitions_MeetingId_PetitionId",
                        columns: x => new { x.MeetingId, x.PetitionId },
                        principalTable: "Petitions",
                        principalColumns: new[] { "MeetingId", "PetitionId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_MeetingId_PetitionId",
                table: "FollowUps",
                columns: new[] { "MeetingId", "PetitionId" });

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_ClosedAt",
                table: "Meetings",
                column: "ClosedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_ResponsibleUnit_Deadline",
                table: "Petitions",
                columns: new[] { "ResponsibleUnit", "Deadline" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Events");

            migrationBuilder.DropTable(
                name: "FollowUps");

            migrationBuilder.DropTable(
                name: "Petitions");

            migrationBuilder.DropTable(
                name: "Meetings");
        }
    }
}
