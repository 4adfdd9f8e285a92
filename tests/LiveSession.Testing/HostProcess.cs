using System.Globalization;
using System.Diagnostics;

namespace LiveSession.Testing;

/// <summary>
/// The hub as its own operating-system process (the build output of src/Hub), so that a test can
/// kill -9 it and start it again on the same port, as a crash and a restart would.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly RedisServer _redis;
    private Process? _process;

    public HostProcess(RedisServer redis, int port)
    {
        _redis = redis;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }
    public Uri HubUrl => new(BaseAddress, Client.Protocol.HubContract.Path);

    public async Task StartAsync()
    {
        var assembly = HubAssembly();
        var start = new ProcessStartInfo("dotnet", [assembly]) { WorkingDirectory = Path.GetDirectoryName(assembly)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["LiveSession__Redis"] = _redis.Configuration;
        start.Environment["LiveSession__AdminKey"] = TestHost.AdminKey;
        start.Environment["LiveSession__DataDirectory"] = Path.Combine(_redis.Directory, "process-host");
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.TrueAsync(async () =>
        {
            try { return (await http.GetAsync("/health")).IsSuccessStatusCode; }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { return false; }
        }, "the host process answers /health", timeoutSeconds: 60);
    }

    /// <summary>SIGTERM, as a service manager stops it; returns the process's exit code.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process!.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        await _process.WaitForExitAsync();
        var code = _process.ExitCode;
        _process.Dispose();
        _process = null;
        return code;
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to the clients.</summary>
    public async Task KillAsync()
    {
        _process!.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null) await KillAsync();
    }

    /// <summary>src/Hub's build output for the configuration these tests were built in.</summary>
    private static string HubAssembly()
    {
        // The tests run from tests/…/bin/{configuration}/{framework}/.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var path = Path.Combine(Repository.Root, "src", "Hub", "bin", configuration, framework, "LiveSession.Hub.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the hub process runs src/Hub's build output.", path);
    }
}
