using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveSession.Records.Migrations
{
    /// <inheritdoc />
    public partial class FollowUpDossiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TakenAs",
                table: "PreMeetingPetitions",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClosedAt",
                table: "Petitions",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreMeetingNumber",
                table: "Petitions",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FollowUpEvents",
                columns: table => new
                {
                    MeetingId = table.Column<string>(maxLength: 64, nullable: false),
                    Version = table.Column<long>(nullable: false),
                    Type = table.Column<string>(maxLength: 60, nullable: false),
                    At = table.Column<DateTimeOffset>(nullable: false),
                    By = table.Column<string>(maxLength: 200, nullable: true),
                    Json = table.Column<string>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpEvents", x => new { x.MeetingId, x.Version });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowUpEvents");

            migrationBuilder.DropColumn(
                name: "TakenAs",
                table: "PreMeetingPetitions");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "PreMeetingNumber",
                table: "Petitions");
        }
    }
}
