using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace LiveSession.Testing;

/// <summary>
/// Debian's Caddy in front of a host, as scripts/install.sh configures it for a hall LAN (the Caddyfile comes from
/// scripts/caddyfile.sh): HTTPS with its internal CA on <see cref="Address"/>, HTTP redirecting to it, the root certificate at
/// /ca.crt. Its ports are free ones chosen up front (<see cref="HttpsBase"/> is known before the host starts, for its public URL).
/// </summary>
public sealed class CaddyProxy : IAsyncDisposable
{
    /// <summary>Not localhost: a name a phone on the LAN would use, still on this machine.</summary>
    public const string Address = "127.0.0.2";
    private Process? _process;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"ls-caddy-{Guid.NewGuid():N}");
    public int HttpPort { get; } = RedisServer.FreePort();
    public int HttpsPort { get; } = RedisServer.FreePort();
    public Uri HttpsBase => new($"https://{Address}:{HttpsPort}/");
    public Uri HttpBase => new($"http://{Address}:{HttpPort}/");
    /// <summary>Caddy's root certificate as the hall PC downloads it (plain HTTP, /ca.crt).</summary>
    public X509Certificate2 Root { get; private set; } = null!;
    public string RootPath => Path.Combine(Directory, "root.crt");

    /// <summary>Starts Caddy in front of <paramref name="upstream"/> and waits until it serves its root certificate.</summary>
    public async Task StartAsync(Uri upstream)
    {
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "ca-page"));
        await File.WriteAllTextAsync(Path.Combine(Directory, "ca-page", "index.html"), "<!doctype html><title>ca</title>");
        var caddyfile = Command.Output("bash", [Path.Combine(Repository.Root, "scripts", "caddyfile.sh"), "--address", Address,
            "--upstream", $"127.0.0.1:{upstream.Port}", "--storage", Path.Combine(Directory, "data"), "--ca-page", Path.Combine(Directory, "ca-page"),
            "--http-port", HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--https-port", HttpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--admin-off"]);
        var config = Path.Combine(Directory, "Caddyfile");
        await File.WriteAllTextAsync(config, caddyfile);

        var start = new ProcessStartInfo("caddy", ["run", "--adapter", "caddyfile", "--config", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["HOME"] = Directory;
        start.Environment["XDG_DATA_HOME"] = Path.Combine(Directory, "xdg-data");
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(Directory, "xdg-config");
        try { _process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e) { throw new InvalidOperationException("caddy is missing: scripts/test.sh installs it.", e); }
        var log = new System.Text.StringBuilder();
        _process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException("caddy stopped:\n" + log);
            try
            {
                var pem = await http.GetStringAsync(new Uri(HttpBase, "/ca.crt"));
                if (pem.Contains("BEGIN CERTIFICATE", StringComparison.Ordinal))
                {
                    await File.WriteAllTextAsync(RootPath, pem);
                    Root = X509Certificate2.CreateFromPem(pem);
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("caddy served no root certificate:\n" + log);
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// A handler that trusts only Caddy's root and connects from <paramref name="from"/> (another loopback address
    /// stands for another device on the LAN).
    /// </summary>
    public SocketsHttpHandler Handler(IPAddress from) => new()
    {
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, sent, errors) => Trusted(certificate, sent, errors) },
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>
    /// A HOME whose NSS database (what Chromium on Linux trusts besides its own roots) trusts Caddy's root, made with
    /// certutil as a hall PC would be set up once.
    /// </summary>
    public string TrustingHome()
    {
        var home = Path.Combine(Directory, "chromium-home");
        var nss = Path.Combine(home, ".pki", "nssdb");
        System.IO.Directory.CreateDirectory(nss);
        const string hint = "scripts/test.sh installs libnss3-tools";
        Command.Output("certutil", ["-d", "sql:" + nss, "-N", "--empty-password"], hint);
        Command.Output("certutil", ["-d", "sql:" + nss, "-A", "-t", "C,,", "-n", "livesession-hall", "-i", RootPath], hint);
        return home;
    }

    private bool Trusted(X509Certificate? certificate, X509Chain? sent, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) return false;
        using var chain = new X509Chain();
        // Caddy sends its intermediate beside the leaf; only the root must come from the trust store.
        if (sent is not null) foreach (var element in sent.ChainElements) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
