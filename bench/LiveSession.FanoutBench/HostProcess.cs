using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace LiveSession.FanoutBench;

/// <summary>A child process: redis-server or the LiveSession host, on a free loopback port, killed on dispose.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private ChildProcess(Process process, int port) { Process = process; Port = port; }

    public Process Process { get; }
    public int Port { get; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<ChildProcess> StartRedisAsync()
    {
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            { RedirectStandardOutput = true })!;
        for (var i = 0; i < 100; i++)
        {
            try { await using var probe = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port}"); return new ChildProcess(process, port); }
            catch (RedisConnectionException) { await Task.Delay(50); }
        }
        throw new InvalidOperationException("redis-server did not start");
    }

    /// <summary>Starts the host from its build output (Release), as `dotnet LiveSession.Hub.dll` would in production.</summary>
    /// <summary>This bench's own program as a bare relay hub (see <see cref="BareHost"/>), in its own process like the host.</summary>
    public static Task<ChildProcess> StartBareHostAsync()
    {
        var port = FreePort();
        var self = typeof(BareHost).Assembly.Location;
        // The same GC as the host (src/Hub sets workstation GC; so does this bench's own project), so that the relay
        // differs from the host only in what it does per message.
        var start = new ProcessStartInfo("dotnet", [self, "bare-host", port.ToString(CultureInfo.InvariantCulture)]);
        start.Environment["DOTNET_gcServer"] = "0";
        return WaitForHealthAsync(StartLogged(start), port);
    }

    /// <param name="backplane">False runs the host as a single host would be set up: SignalR without the Redis backplane.</param>
    /// <param name="settings">More host settings, as environment variables (e.g. LiveSession__TrustedProxies__0).</param>
    public static async Task<ChildProcess> StartHostAsync(string hubDll, int redisPort, string adminKey, bool backplane = true,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var data = Path.Combine(Path.GetTempPath(), $"ls-fanout-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("dotnet", [hubDll])
        {
            WorkingDirectory = Path.GetDirectoryName(hubDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["LiveSession__Redis"] = $"127.0.0.1:{redisPort}";
        start.Environment["LiveSession__AdminKey"] = adminKey;
        start.Environment["LiveSession__UseRedisBackplane"] = backplane ? "true" : "false";
        start.Environment["LiveSession__DataDirectory"] = data;
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;
        return await WaitForHealthAsync(StartLogged(start), port);
    }

    private static Process StartLogged(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("[host] " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<ChildProcess> WaitForHealthAsync(Process process, int port)
    {
        using var http = new HttpClient();
        for (var i = 0; i < 200; i++)
        {
            try { if ((await http.GetAsync($"http://127.0.0.1:{port}/health")).IsSuccessStatusCode) return new ChildProcess(process, port); }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new InvalidOperationException("the host did not start");
    }

    /// <summary>Resident memory of the process, from /proc (Linux).</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync();
        Process.Dispose();
    }
}
