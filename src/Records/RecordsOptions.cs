using Microsoft.EntityFrameworkCore;

namespace LiveSession.Records;

/// <summary>Where the records live, bound from "Records": SQLite (a file under the data folder) unless a PostgreSQL connection string is given.</summary>
public sealed class RecordsOptions
{
    public const string Section = "Records";

    /// <summary>An Npgsql connection string ("Host=…;Database=…"); empty means SQLite.</summary>
    public string? PostgreSql { get; set; }

    /// <summary>The SQLite file, relative to the data folder.</summary>
    public string SqliteFile { get; set; } = "records.db";

    public void Configure(DbContextOptionsBuilder builder, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(PostgreSql))
            builder.UseNpgsql(PostgreSql);
        else
            builder.UseSqlite($"Data Source={Path.Combine(dataDirectory, SqliteFile)}");
    }
}
