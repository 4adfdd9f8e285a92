using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Audio;
using LiveSession.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveSession.Integration.Tests;

/// <summary>
/// scripts/backup.sh and scripts/restore.sh against a host's real redis-server and data folder: after the data is wiped
/// (Redis, records, recordings), a restore brings the meeting back at its version, with its recording and its links.
/// Its own redis-server: the test wipes it.
/// </summary>
public sealed class BackupTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private readonly string _backups = Path.Combine(Path.GetTempPath(), $"ls-backups-{Guid.NewGuid():N}");
    private string Data => Path.Combine(_redis.Directory, "host-data");
    // The install's certificate for the link keys, beside the data as in /etc/livesession.
    private string Certificate => Path.Combine(_redis.Directory, "data-protection.pfx");
    private Dictionary<string, string> HostSettings => new() { [DataProtectionCertificate.Setting] = Certificate };

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        DataProtectionCertificate.Write(Certificate);
    }

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        if (Directory.Exists(_backups)) Directory.Delete(_backups, recursive: true);
    }

    private string Script(string name, params string[] arguments)
    {
        var result = Command.Run("bash", [Path.Combine(Repository.Root, "scripts", name), .. arguments], environment: new Dictionary<string, string>
        {
            ["LIVESESSION_DATA"] = Data,
            ["LIVESESSION_BACKUPS"] = _backups,
            ["LIVESESSION_REDIS"] = _redis.Configuration,
            ["LIVESESSION_REDIS_DIR"] = _redis.Directory,
            ["LIVESESSION_BACKUP_KEEP"] = "2",
            ["LIVESESSION_SERVICES"] = "none",
            ["LIVESESSION_DATA_PROTECTION_CERT"] = Certificate,
        });
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output.Trim().Split('\n')[^1];
    }

    private static async Task<byte[]> RecordingAsync(TestHost host, string turn, string secretaryToken)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        return await http.GetByteArrayAsync($"/api/audio/turns/{turn}.wav?t={Uri.EscapeDataString(secretaryToken)}");
    }

    [Fact]
    public async Task A_restore_after_the_data_is_wiped_brings_back_the_meeting_at_its_version_with_its_recording_and_links()
    {
        string id, turn, secretary;
        long version;
        byte[] recording;
        await using (var host = new TestHost(_redis, settings: HostSettings))
        {
            id = await host.CreateMeetingAsync();
            await using var chair = await host.ConnectAsync(id, Role.Chair);
            turn = (await FloorSteps.CitizensSpeakAsync(host, id, chair, ("Nguyễn Văn An", "Đường thôn Đông")))[0].Id;
            var voice = Microphone.Tone(1.0, 440);
            Assert.True(await host.Services.GetRequiredService<TurnRecordings>().AppendAsync(id, turn, AudioFormat.FromFloats(voice), default));
            version = (await host.Meetings.LoadFreshAsync(id))!.Version;
            secretary = host.Token(id, Role.Secretary);
            recording = await RecordingAsync(host, turn, secretary);
        }
        var records = Path.Combine(Data, "records.db");
        Assert.True(File.Exists(records));
        var tables = Command.Output("sqlite3", [records, ".tables"]);

        var backup = Script("backup.sh");
        Assert.StartsWith(Path.Combine(_backups, "livesession-"), backup);
        foreach (var part in new[] { "redis.rdb", "records.db", "files.tar", "data-protection.pfx" }) Assert.True(File.Exists(Path.Combine(backup, part)), part);
        // Older backups beyond the retention count (2 here) are pruned, the newest kept.
        var newer = Script("backup.sh");
        var newest = Script("backup.sh");
        Assert.Equal([newer, newest], Directory.GetDirectories(_backups).Order(StringComparer.Ordinal));

        // The data is lost: Redis's files, the records, the recordings, and the certificate (a fresh machine).
        await _redis.KillAsync();
        foreach (var entry in Directory.GetFileSystemEntries(_redis.Directory).Where(e => e != Data))
            if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true); else File.Delete(entry);
        Directory.Delete(Path.Combine(Data, "audio"), recursive: true);
        File.Delete(records);

        Script("restore.sh", newest);
        // The records are back before any host could make an empty database anew.
        Assert.True(File.Exists(records));
        Assert.Equal(tables, Command.Output("sqlite3", [records, ".tables"]));
        Assert.Equal("ok", Command.Output("sqlite3", [records, "PRAGMA integrity_check"]).Trim());
        await _redis.StartAsync();
        await using var restored = new TestHost(_redis, settings: HostSettings);
        var state = await restored.Meetings.LoadFreshAsync(id);
        Assert.NotNull(state);
        Assert.Equal(version, state.Version);
        Assert.Equal("Nguyễn Văn An", state.Turns.Single(t => t.Id == turn).SpeakerName);
        // The link issued before the loss still opens it (the Data Protection keys are in Redis, readable with the restored
        // certificate), and the recording plays.
        Assert.Equal(recording, await RecordingAsync(restored, turn, secretary));
    }
}
