using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace LiveSession.Records;

/// <summary>
/// Brings the records schema up to date with EF Core migrations.
/// <para>
/// One set of migrations serves both providers. They carry no column types ("dotnet ef" writes
/// SQLite's; scripts/add-migration.sh strips them), so SQLite and Npgsql each derive their own type from
/// the CLR type when the migration runs (text, timestamptz, date…); the one identity column carries both
/// providers' annotations, each ignoring the other's. Two migration assemblies would double every schema
/// change and let the stores drift apart; this way the same suite proves the same schema on both.
/// </para>
/// </summary>
public static class RecordsMigrations
{
    /// <summary>The schema as EnsureCreated made it before the store had migrations.</summary>
    public const string Baseline = "20261129190241_InitialRecords";

    /// <summary>
    /// Applies the pending migrations. A store created by EnsureCreated (tables, but no migration history)
    /// is taken as being at <see cref="Baseline"/>: its history is started there, its data kept, and only
    /// the later migrations run.
    /// </summary>
    public static async Task<bool> MigrateAsync(RecordsDbContext db, CancellationToken cancellationToken = default)
    {
        var adopted = false;
        if (!(await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any()
            && await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken)
            && await db.GetService<IRelationalDatabaseCreator>().HasTablesAsync(cancellationToken)
            && await HasTableAsync(db, "Meetings", cancellationToken))
        {
            var history = db.GetService<IHistoryRepository>();
            await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), cancellationToken);
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(Baseline, ProductInfo.GetVersion())), cancellationToken);
            adopted = true;
        }
        await db.Database.MigrateAsync(cancellationToken);
        return adopted;
    }

    private static async Task<bool> HasTableAsync(RecordsDbContext db, string table, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = db.Database.IsNpgsql()
                ? $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{table}'"
                : $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'";
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
