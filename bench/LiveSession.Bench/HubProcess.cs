using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LiveSession.Bench;

/// <summary>The published hub running as its own process (as scripts/run.sh starts it), on a free loopback port.</summary>
public sealed class HubProcess : IAsyncDisposable
{
    public const string AdminKey = "bench-admin-key";
    private readonly Process _process;

    private HubProcess(Process process, Uri baseAddress) { _process = process; BaseAddress = baseAddress; }

    public Uri BaseAddress { get; }

    public static async Task<HubProcess> StartAsync(string redis)
    {
        var root = BenchmarkReport.RepositoryRoot();
        var output = Path.Combine(root, ".data", "bench-hub");
        await RunAsync("dotnet", ["publish", Path.Combine(root, "src", "Hub"), "-c", "Release", "-o", output, "--nologo", "-v", "q"]);

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(output, "LiveSession.Hub.dll")]) { WorkingDirectory = output, RedirectStandardOutput = true };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["LiveSession__Redis"] = redis;
        start.Environment["LiveSession__AdminKey"] = AdminKey;
        start.Environment["LiveSession__DataDirectory"] = Path.Combine(Path.GetTempPath(), "ls-bench-hub");
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        var hub = new HubProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"));
        _ = hub._process.StandardOutput.ReadToEndAsync();

        using var http = new HttpClient { BaseAddress = hub.BaseAddress };
        for (var i = 0; i < 200; i++)
        {
            try { if ((await http.GetAsync("/health")).IsSuccessStatusCode) return hub; }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new InvalidOperationException("the hub did not start");
    }

    /// <summary>Creates a demo meeting and returns its links by role.</summary>
    public async Task<IReadOnlyDictionary<string, string>> CreateDemoMeetingAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        http.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        var lines = await (await http.PostAsync("/api/meetings/demo", null)).EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        return lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => p[1]);
    }

    private static async Task RunAsync(string file, string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args))!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed");
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
