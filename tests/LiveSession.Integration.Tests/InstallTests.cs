using LiveSession.Testing;
using StackExchange.Redis;

namespace LiveSession.Integration.Tests;

/// <summary>
/// scripts/install.sh --root writes what a production install would put on the system into a folder (once for the class:
/// it publishes the hub and the worker): the units pass systemd-analyze verify, the secrets stay in 0600 files and off
/// every command line, and the redis-server it configures starts and refuses anyone without the password.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class InstallTests(InstallTests.Installed install) : IClassFixture<InstallTests.Installed>
{
    public const string Address = "192.168.1.10";

    public sealed class Installed : IDisposable
    {
        public string Root { get; } = Path.Combine(Path.GetTempPath(), $"ls-install-{Guid.NewGuid():N}");

        public Installed()
        {
            var result = Command.Run("bash", [Path.Combine(Repository.Root, "scripts", "install.sh"), "--root", Root, "--address", Address]);
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        public string File(string path) => Path.Combine(Root, path.TrimStart('/'));
        public string Read(string path) => System.IO.File.ReadAllText(File(path));
        public string Units => File("/etc/systemd/system");

        /// <summary>KEY=value lines of an environment file.</summary>
        public Dictionary<string, string> Environment(string path) => Read(path).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    private static readonly string[] Secrets = ["admin-key", "worker-key", "redis-password"];
    private string Secret(string name) => install.Read($"/etc/livesession/{name}").Trim();

    [Fact]
    public void The_units_pass_systemd_analyze_verify_and_start_published_programs()
    {
        var units = Directory.GetFiles(install.Units, "livesession-*");
        Assert.Equal(["livesession-backup.service", "livesession-backup.timer", "livesession-hub.service", "livesession-redis.service", "livesession-worker.service"],
            units.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var verify = Command.Run("systemd-analyze", ["verify", "--man=no", .. units]);
        Assert.True(verify.ExitCode == 0 && verify.Errors.Trim().Length == 0, verify.ToString());

        Assert.True(System.IO.File.Exists(install.File("/opt/livesession/hub/LiveSession.Hub.dll")));
        Assert.True(System.IO.File.Exists(install.File("/opt/livesession/worker/LiveSession.Transcription.dll")));
        var hub = install.Read("/etc/systemd/system/livesession-hub.service");
        Assert.Contains("ExecStart=", hub);
        Assert.Contains("/opt/livesession/hub/LiveSession.Hub.dll", hub);
        foreach (var name in new[] { "hub", "worker" })
        {
            var unit = install.Read($"/etc/systemd/system/livesession-{name}.service");
            Assert.Contains("Requires=livesession-redis.service", unit);
            Assert.Contains("After=network-online.target livesession-redis.service", unit);
            Assert.Contains("Restart=on-failure", unit);
            Assert.Contains("User=livesession", unit);
            Assert.Contains($"EnvironmentFile=/etc/livesession/{name}.env", unit);
        }
    }

    [Fact]
    public void Running_the_install_again_upgrades_in_place_and_keeps_the_secrets_the_certificate_and_the_data()
    {
        var secrets = Secrets.Append("data-protection.pfx").ToDictionary(name => name, name => System.IO.File.ReadAllBytes(install.File($"/etc/livesession/{name}")));
        var marker = install.File("/var/lib/livesession/attachments/kept.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
        System.IO.File.WriteAllText(marker, "a citizen's photo");

        var again = Command.Run("bash", [Path.Combine(Repository.Root, "scripts", "install.sh"), "--root", install.Root, "--address", Address]);
        Assert.True(again.ExitCode == 0, again.ToString());

        foreach (var (name, bytes) in secrets) Assert.Equal(bytes, System.IO.File.ReadAllBytes(install.File($"/etc/livesession/{name}")));
        Assert.Equal("a citizen's photo", System.IO.File.ReadAllText(marker));
        // The new build was swapped in whole; the one before stays beside it until the services have restarted on the new.
        Assert.True(System.IO.File.Exists(install.File("/opt/livesession/hub/LiveSession.Hub.dll")));
        Assert.True(System.IO.File.Exists(install.File("/opt/livesession/hub.old/LiveSession.Hub.dll")));
        Assert.False(Directory.Exists(install.File("/opt/livesession/hub.new")));
    }

    [Fact]
    public void Secrets_live_in_files_only_their_owner_reads_and_on_no_command_line()
    {
        foreach (var file in new[] { "admin-key", "worker-key", "redis-password", "data-protection.pfx", "hub.env", "worker.env", "redis.env", "backup.env" })
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(install.File($"/etc/livesession/{file}")));

        var values = Secrets.Select(Secret).ToList();
        Assert.All(values, value => Assert.True(value.Length >= 24, value));
        foreach (var path in Directory.GetFiles(install.Units).Append(install.File("/etc/livesession/redis.conf")).Append(install.File("/etc/caddy/Caddyfile")))
        {
            var text = System.IO.File.ReadAllText(path);
            Assert.All(values, value => Assert.DoesNotContain(value, text));
        }

        var hub = install.Environment("/etc/livesession/hub.env");
        Assert.Equal(Secret("admin-key"), hub["LiveSession__AdminKey"]);
        Assert.Equal(Secret("worker-key"), hub["LiveSession__WorkerKey"]);
        Assert.EndsWith($",password={Secret("redis-password")}", hub["LiveSession__Redis"]);
        Assert.Equal($"https://{Address}", hub["LiveSession__PublicBaseUrl"]);
        Assert.Equal("127.0.0.1", hub["LiveSession__TrustedProxies__0"]);
        Assert.StartsWith("http://127.0.0.1:", hub["ASPNETCORE_URLS"]);
        // The certificate that encrypts the link keys in Redis: with its private key, and only beside the other secrets.
        Assert.Equal("/etc/livesession/data-protection.pfx", hub["LiveSession__DataProtectionCertificate"]);
        using (var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                   install.File("/etc/livesession/data-protection.pfx"), password: null))
            Assert.True(certificate.HasPrivateKey);
        Assert.Equal(["data-protection.pfx"], Directory.GetFiles(install.File("/etc/livesession"), "data-protection*").Select(Path.GetFileName));
        var worker = install.Environment("/etc/livesession/worker.env");
        Assert.Equal(Secret("worker-key"), worker["Transcription__WorkerKey"]);
        Assert.DoesNotContain(Secret("admin-key"), install.Read("/etc/livesession/worker.env"));
        Assert.Equal(Secret("redis-password"), install.Environment("/etc/livesession/redis.env")["REDIS_PASSWORD"]);
        // The backup reaches Redis with REDISCLI_AUTH from its environment file.
        Assert.Equal(Secret("redis-password"), install.Environment("/etc/livesession/backup.env")["REDISCLI_AUTH"]);
        Assert.Contains("OnCalendar=daily", install.Read("/etc/systemd/system/livesession-backup.timer"));
        Assert.True(System.IO.File.Exists(install.File("/opt/livesession/scripts/backup.sh")));
    }

    [Fact]
    public void The_caddyfile_serves_https_with_the_internal_ca_redirects_http_and_serves_the_root_certificate()
    {
        var caddyfile = install.Read("/etc/caddy/Caddyfile");
        var validate = Command.Run("caddy", ["validate", "--adapter", "caddyfile", "--config", install.File("/etc/caddy/Caddyfile")],
            "scripts/test.sh installs caddy");
        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Contains($"https://{Address} {{", caddyfile);
        Assert.Contains("tls internal", caddyfile);
        Assert.Contains($"redir https://{Address}{{uri}} 308", caddyfile);
        Assert.Contains("reverse_proxy 127.0.0.1:5080", caddyfile);
        Assert.Contains("handle /ca.crt", caddyfile);
        var page = install.Read("/opt/livesession/ca/index.html");
        Assert.Contains("Tin cậy chứng chỉ của hội trường", page);
        Assert.Contains("href=\"/ca.crt\"", page);
    }

    [Fact]
    public async Task The_configured_redis_keeps_an_aof_every_second_on_loopback_and_refuses_anyone_without_the_password()
    {
        // What systemd would do, in the test's folder: the unit's ExecStartPre writes the password file, then redis-server starts.
        var run = Path.Combine(install.Root, "run", "livesession-redis");
        var data = install.File("/var/lib/livesession/redis");
        Directory.CreateDirectory(run);
        var port = RedisServer.FreePort();
        var conf = install.Read("/etc/livesession/redis.conf")
            .Replace("/run/livesession-redis", run).Replace("/var/lib/livesession/redis", data)
            .Replace("\nport 6391\n", $"\nport {port}\n").Replace("supervised systemd", "supervised no");
        var confPath = Path.Combine(install.Root, "redis-test.conf");
        await System.IO.File.WriteAllTextAsync(confPath, conf);
        var unit = install.Read("/etc/systemd/system/livesession-redis.service");
        var startPre = unit.Split('\n').Single(l => l.StartsWith("ExecStartPre=", StringComparison.Ordinal))["ExecStartPre=/bin/sh -c '".Length..^1]
            .Replace("$$", "$").Replace("/run/livesession-redis", run);
        var written = Command.Run("/bin/sh", ["-c", startPre],
            environment: new Dictionary<string, string> { ["REDIS_PASSWORD"] = Secret("redis-password") });
        Assert.Equal(0, written.ExitCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(Path.Combine(run, "auth.conf")));

        using var server = System.Diagnostics.Process.Start("redis-server", [confPath])!;
        try
        {
            var withPassword = $"127.0.0.1:{port},password={Secret("redis-password")},abortConnect=false,allowAdmin=true";
            await using var redis = await ConnectionMultiplexer.ConnectAsync(withPassword);
            await Eventually.TrueAsync(() => redis.IsConnected, "redis-server answers with the password");
            var db = redis.GetDatabase();
            Assert.Equal("yes", (string?)db.Execute("CONFIG", "GET", "appendonly")[1]);
            Assert.Equal("everysec", (string?)db.Execute("CONFIG", "GET", "appendfsync")[1]);
            Assert.Equal("127.0.0.1", (string?)db.Execute("CONFIG", "GET", "bind")[1]);

            // A raw connection, so that what redis answers is read as it is (a client library may report it as "no connection").
            using var stranger = new System.Net.Sockets.TcpClient();
            await stranger.ConnectAsync(System.Net.IPAddress.Loopback, port);
            var stream = stranger.GetStream();
            await stream.WriteAsync("GET ls:anything\r\n"u8.ToArray());
            var answer = new byte[256];
            var read = await stream.ReadAsync(answer);
            Assert.StartsWith("-NOAUTH", System.Text.Encoding.ASCII.GetString(answer, 0, read), StringComparison.Ordinal);
        }
        finally
        {
            server.Kill();
            await server.WaitForExitAsync();
        }
    }
}
