using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace LiveSession.Bench;

/// <summary>A private redis-server on a free loopback port (no persistence), stopped on dispose.</summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private readonly Process _process;

    private RedisProcess(Process process, int port) { _process = process; Configuration = $"127.0.0.1:{port}"; }

    public string Configuration { get; }

    public static async Task<RedisProcess> StartAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var process = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            { RedirectStandardOutput = true })!;
        var redis = new RedisProcess(process, port);
        for (var i = 0; i < 100; i++)
        {
            try { await using var probe = await ConnectionMultiplexer.ConnectAsync(redis.Configuration); return redis; }
            catch (RedisConnectionException) { await Task.Delay(50); }
        }
        throw new InvalidOperationException("redis-server did not start");
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
