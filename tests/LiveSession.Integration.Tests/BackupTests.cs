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

    private string Script(string name, params string[] arguments) => ScriptWithRecordsIn(postgres: null, name, arguments);

    /// <summary>A script with the records in PostgreSQL (a libpq URL), or in the data folder's SQLite file when null.</summary>
    private string ScriptWithRecordsIn(string? postgres, string name, params string[] arguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["LIVESESSION_DATA"] = Data,
            ["LIVESESSION_BACKUPS"] = _backups,
            ["LIVESESSION_REDIS"] = _redis.Configuration,
            ["LIVESESSION_REDIS_DIR"] = _redis.Directory,
            ["LIVESESSION_BACKUP_KEEP"] = "2",
            ["LIVESESSION_SERVICES"] = "none",
            ["LIVESESSION_DATA_PROTECTION_CERT"] = Certificate,
        };
        if (postgres is not null) environment["LIVESESSION_RECORDS_POSTGRES"] = postgres;
        var result = Command.Run("bash", [Path.Combine(Repository.Root, "scripts", name), .. arguments], environment: environment);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output.Trim().Split('\n')[^1];
    }

    /// <summary>Redis stopped and its files gone, with everything else in its folder but the host's data (the certificate too).</summary>
    private async Task WipeRedisAsync()
    {
        await _redis.KillAsync();
        foreach (var entry in Directory.GetFileSystemEntries(_redis.Directory).Where(e => e != Data))
            if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true); else File.Delete(entry);
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
        await WipeRedisAsync();
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

    [Fact]
    public async Task With_postgresql_the_records_go_through_pg_dump_and_come_back_into_an_empty_database()
    {
        var postgres = new LiveSession.Records.Tests.PostgresServer();
        await postgres.InitializeAsync();
        try
        {
            await BackUpAndRestoreThroughPostgresAsync(postgres);
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    private async Task BackUpAndRestoreThroughPostgresAsync(LiveSession.Records.Tests.PostgresServer postgres)
    {
        await using (var admin = new Npgsql.NpgsqlConnection(postgres.ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await new Npgsql.NpgsqlCommand("CREATE DATABASE ls_backup", admin).ExecuteNonQueryAsync();
        }
        var settings = new Dictionary<string, string>(HostSettings) { ["Records:PostgreSql"] = postgres.ConnectionString("ls_backup") };
        var url = $"postgresql://postgres@127.0.0.1:{postgres.Port}/ls_backup";

        string id;
        long version;
        await using (var host = new TestHost(_redis, settings: settings))
        {
            id = await host.CreateMeetingAsync();
            await using var chair = await host.ConnectAsync(id, Role.Chair);
            Assert.True((await chair.ExecuteAsync(new CloseMeeting())).Ok);
            version = (await host.Meetings.LoadFreshAsync(id))!.Version;
            // The schema is made in the background at start: read the records once it is there.
            await host.Services.GetRequiredService<Hub.Records.RecordsArchiver>().Migrated.WaitAsync(TimeSpan.FromSeconds(60));
            var records = host.Services.GetRequiredService<LiveSession.Records.MeetingRecords>();
            await Eventually.TrueAsync(async () => (await records.FindAsync(id))?.Version == version, "the closed meeting reaches the records");
        }

        var backup = ScriptWithRecordsIn(url, "backup.sh");
        Assert.True(File.Exists(Path.Combine(backup, "records.pgdump")));
        Assert.False(File.Exists(Path.Combine(backup, "records.db")));

        // A fresh machine: an empty database of the same name, Redis and its files gone.
        await using (var admin = new Npgsql.NpgsqlConnection(postgres.ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await new Npgsql.NpgsqlCommand("DROP DATABASE ls_backup", admin).ExecuteNonQueryAsync();
            await new Npgsql.NpgsqlCommand("CREATE DATABASE ls_backup", admin).ExecuteNonQueryAsync();
        }
        await WipeRedisAsync();

        ScriptWithRecordsIn(url, "restore.sh", backup);
        await _redis.StartAsync();
        await using var restored = new TestHost(_redis, settings: settings);
        var archived = await restored.Services.GetRequiredService<LiveSession.Records.MeetingRecords>().FindAsync(id);
        Assert.NotNull(archived);
        Assert.Equal(version, archived.Version);
        Assert.Equal(version, (await restored.Meetings.LoadFreshAsync(id))!.Version);
    }
}
