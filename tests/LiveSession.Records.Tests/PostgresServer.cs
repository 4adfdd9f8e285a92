using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LiveSession.Records.Tests;

/// <summary>
/// A real PostgreSQL (Debian's package) in a temporary cluster on a free loopback port, for the
/// duration of the tests. As root (CI) the server runs as the "postgres" user, which it requires.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"ls-pg-{Guid.NewGuid():N}");
    private Process? _server;

    public int Port { get; } = FreePort();

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=false";

    public async Task InitializeAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL is not installed: run scripts/setup.sh --with-browser (apt-get install postgresql).");
        Directory.CreateDirectory(_directory);
        if (Environment.UserName == "root") await RunAsync("chown", ["-R", "postgres:postgres", _directory]);
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", Path.Combine(_directory, "data"), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"], asPostgres: true);
        _server = Start(Path.Combine(bin, "postgres"), ["-D", Path.Combine(_directory, "data"), "-p", Port.ToString(CultureInfo.InvariantCulture), "-h", "127.0.0.1", "-k", _directory, "-F"], asPostgres: true);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static Process Start(string file, string[] args, bool asPostgres)
    {
        var (program, arguments) = asPostgres && Environment.UserName == "root" ? ("runuser", (string[])["-u", "postgres", "--", file, .. args]) : (file, args);
        var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task RunAsync(string file, string[] args, bool asPostgres = false)
    {
        using var process = Start(file, args, asPostgres);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} failed with exit code {process.ExitCode}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
