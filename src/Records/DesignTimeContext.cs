using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LiveSession.Records;

/// <summary>
/// For "dotnet ef migrations add" only (run from src/Records): a SQLite context on a scratch file. The
/// generated migration is then made provider-neutral by hand, see <see cref="RecordsMigrations"/>.
/// </summary>
internal sealed class DesignTimeContext : IDesignTimeDbContextFactory<RecordsDbContext>
{
    public RecordsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<RecordsDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
