using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveSession.Records.Migrations
{
    /// <inheritdoc />
    public partial class PreMeetingPetitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PreMeetingPetitions",
                columns: table => new
                {
                    MeetingId = table.Column<string>(maxLength: 64, nullable: false),
                    Number = table.Column<string>(maxLength: 20, nullable: false),
                    CitizenName = table.Column<string>(nullable: false),
                    Locality = table.Column<string>(nullable: true),
                    Summary = table.Column<string>(nullable: false),
                    Field = table.Column<string>(nullable: true),
                    Source = table.Column<string>(maxLength: 30, nullable: false),
                    Collector = table.Column<string>(nullable: true),
                    ReceivedOn = table.Column<DateOnly>(nullable: false),
                    PreparingUnit = table.Column<string>(maxLength: 120, nullable: false),
                    PreparedAnswer = table.Column<string>(nullable: true),
                    AnsweredBy = table.Column<string>(nullable: true),
                    AnsweredAt = table.Column<DateTimeOffset>(nullable: true),
                    EnteredAt = table.Column<DateTimeOffset>(nullable: false),
                    TakenIntoMeetingAt = table.Column<DateTimeOffset>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PreMeetingPetitions", x => new { x.MeetingId, x.Number });
                });

            migrationBuilder.CreateIndex(
                name: "IX_PreMeetingPetitions_PreparingUnit",
                table: "PreMeetingPetitions",
                column: "PreparingUnit");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PreMeetingPetitions");
        }
    }
}
