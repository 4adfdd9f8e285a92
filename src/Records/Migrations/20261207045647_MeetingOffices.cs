using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveSession.Records.Migrations
{
    /// <inheritdoc />
    public partial class MeetingOffices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OfficeId",
                table: "PreMeetingPetitions",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OfficeId",
                table: "Petitions",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OfficeId",
                table: "Meetings",
                maxLength: 40,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OfficeId",
                table: "PreMeetingPetitions");

            migrationBuilder.DropColumn(
                name: "OfficeId",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "OfficeId",
                table: "Meetings");
        }
    }
}
