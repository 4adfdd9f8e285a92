using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveSession.Records.Migrations
{
    /// <inheritdoc />
    public partial class FollowUpDueDates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AnswerDue",
                table: "Petitions",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HigherLevelAnswer",
                table: "Petitions",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AnswerDue",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "HigherLevelAnswer",
                table: "Petitions");
        }
    }
}
