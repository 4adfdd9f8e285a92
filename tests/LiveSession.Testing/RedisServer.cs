using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace LiveSession.Testing;

/// <summary>A real redis-server on a free loopback port, in a temporary folder, for the life of a test collection.</summary>
public sealed class RedisServer : IAsyncLifetime
{
    private Process? _process;

    public int Port { get; } = FreePort();
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"ls-redis-{Guid.NewGuid():N}");
    public string Configuration => $"127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        await StartAsync();
    }

    /// <summary>Starts (or restarts) the server with AOF on, so a restart keeps what was written.</summary>
    public async Task StartAsync()
    {
        if (_process is { HasExited: false }) return;
        _process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", Directory, "--save", "",
             "--appendonly", "yes", "--appendfsync", "always", "--protected-mode", "yes"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("redis-server did not start; install it (apt-get install redis-server).");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        // A restart replays the AOF first (Redis answers LOADING meanwhile); on a busy machine that takes a while.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await using var probe = await ConnectionMultiplexer.ConnectAsync(Configuration);
                await probe.GetDatabase().PingAsync();
                return;
            }
            catch (Exception ex) when (ex is RedisConnectionException or RedisServerException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Kills the server at once (kill -9), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async Task DisposeAsync()
    {
        await KillAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// The test collection sharing one redis-server. xunit reads collection definitions only from the test
/// assembly itself: each test project declares <c>[CollectionDefinition(RedisCollection.Name)] class … : RedisCollection</c>.
/// </summary>
public abstract class RedisCollection : ICollectionFixture<RedisServer>
{
    public const string Name = "redis";
}
