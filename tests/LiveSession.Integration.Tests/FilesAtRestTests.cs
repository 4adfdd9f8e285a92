using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using LiveSession.Hub;
using LiveSession.Hub.Audio;
using LiveSession.Hub.Configuration;
using LiveSession.Hub.Files;
using LiveSession.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ConnectionMultiplexer = StackExchange.Redis.ConnectionMultiplexer;

namespace LiveSession.Integration.Tests;

/// <summary>
/// Turn recordings and photos are encrypted on disk (<see cref="FilesAtRest"/>) and served decrypted, exactly as they were
/// given; an altered file or a host with another key ring is refused, never garbage. Its own redis-server: one test
/// throws the key ring away.
/// </summary>
public sealed class FilesAtRestTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _host = new TestHost(_redis);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private string Data => _host.Services.GetRequiredService<IOptions<LiveSessionOptions>>().Value.DataDirectory;

    /// <summary>A meeting with a turn whose recording is <paramref name="pcm"/>, appended in blocks of uneven sizes (so chunks are sealed again).</summary>
    private async Task<(string Id, string Turn, string Path)> RecordedTurnAsync(byte[] pcm)
    {
        var id = await _host.CreateMeetingAsync();
        await using var chair = await _host.ConnectAsync(id, Role.Chair);
        var turn = (await FloorSteps.CitizensSpeakAsync(_host, id, chair, ("Nguyễn Văn An", "Thôn Đông")))[0].Id;
        var recordings = _host.Services.GetRequiredService<TurnRecordings>();
        var sizes = new[] { 640, 3200, 20_000, 2, 9_000 };
        for (int offset = 0, i = 0; offset < pcm.Length; i++)
        {
            var size = Math.Min(sizes[i % sizes.Length], pcm.Length - offset);
            Assert.True(await recordings.AppendAsync(id, turn, pcm[offset..(offset + size)], default));
            offset += size;
        }
        return (id, turn, Path.Combine(Data, "audio", id, turn + ".pcm"));
    }

    private static byte[] Pattern(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 7 + i / 251))];

    private static byte[] Wav(byte[] pcm) => [.. AudioFormat.WavHeader(pcm.Length), .. pcm];

    private static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private async Task<(string Id, AttachmentSent Photo)> PhotoAsync(byte[] photo)
    {
        var id = await _host.CreateMeetingAsync();
        await using var citizen = await _host.ConnectAsync(id, Role.Participant);
        using var http = new HttpClient { BaseAddress = _host.BaseAddress };
        using var upload = await http.SendAsync(HostileInputTests.Upload(citizen.PersonalToken!, photo));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var sent = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        return (id, new AttachmentSent(sent, Path.Combine(Data, "attachments", id, sent + ".bin")));
    }

    private sealed record AttachmentSent(string Id, string Path);

    /// <summary>A PNG as far as the upload's sniffing goes, larger than a chunk.</summary>
    private static byte[] Png(int length) => [.. ParticipantTests.TinyPng[..8], .. Pattern(length - 8)];

    [Fact]
    public async Task A_recording_is_stored_encrypted_and_plays_back_exactly_as_wav_and_ogg()
    {
        var pcm = AudioFormat.FromFloats(Microphone.Tone(2.0, 440));
        var (id, turn, path) = await RecordedTurnAsync(pcm);

        var disk = await File.ReadAllBytesAsync(path);
        Assert.True(FilesAtRest.IsEncrypted(path));
        Assert.False(Contains(disk, pcm.AsSpan(20_000, 64)), "the recording's samples are on disk in the clear");
        Assert.False(Contains(disk, pcm.AsSpan(0, 64)), "the recording's first samples are on disk in the clear");
        // Chunks of 16 KiB, 20 bytes each for the generation and the tag, after a header: not much larger.
        Assert.InRange(disk.Length - pcm.Length, 100, 1000);

        using var wav = await _host.GetAsync($"/api/audio/turns/{turn}.wav", id, Role.Secretary);
        Assert.Equal(HttpStatusCode.OK, wav.StatusCode);
        Assert.Equal(Wav(pcm), await wav.Content.ReadAsByteArrayAsync());

        using var expected = new MemoryStream();
        await OggOpusWriter.EncodeAsync(new MemoryStream(pcm), pcm.Length, expected, default);
        using var ogg = await _host.GetAsync($"/api/audio/turns/{turn}.ogg", id, Role.Secretary);
        Assert.Equal(HttpStatusCode.OK, ogg.StatusCode);
        Assert.Equal(expected.ToArray(), await ogg.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_photo_is_stored_encrypted_and_downloads_exactly_whole_or_by_range()
    {
        var photo = Png(100_000);
        var (id, sent) = await PhotoAsync(photo);

        var disk = await File.ReadAllBytesAsync(sent.Path);
        Assert.False(Contains(disk, photo.AsSpan(0, 8)), "the PNG signature is on disk");
        Assert.False(Contains(disk, photo.AsSpan(50_000, 64)), "the photo's bytes are on disk in the clear");

        using var whole = await _host.GetAsync($"/api/attachments/{sent.Id}", id, Role.Organizer);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("image/png", whole.Content.Headers.ContentType!.MediaType);
        Assert.Equal(photo, await whole.Content.ReadAsByteArrayAsync());

        using var part = await _host.GetAsync($"/api/attachments/{sent.Id}", id, Role.Organizer, new RangeHeaderValue(40_000, 70_000));
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(photo[40_000..70_001], await part.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_altered_recording_or_photo_is_refused_with_a_clear_error_not_played_as_garbage()
    {
        var pcm = AudioFormat.FromFloats(Microphone.Tone(2.0, 300));
        var (id, turn, path) = await RecordedTurnAsync(pcm);
        var (photoMeeting, sent) = await PhotoAsync(Png(40_000));
        var original = await File.ReadAllBytesAsync(path);

        // A byte changed in the first chunk: refused before anything is sent.
        await File.WriteAllBytesAsync(path, Flipped(original, 300));
        foreach (var file in new[] { "wav", "ogg" })
        {
            using var refused = await _host.GetAsync($"/api/audio/turns/{turn}.{file}", id, Role.Secretary);
            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
            Assert.Contains("không đọc được", await refused.Content.ReadAsStringAsync());
        }

        // A byte changed in the middle: the playback stops there (the connection is cut), the altered audio is never sent.
        await File.WriteAllBytesAsync(path, Flipped(original, original.Length / 2));
        using var http = new HttpClient { BaseAddress = _host.BaseAddress };
        var token = Uri.EscapeDataString(_host.Token(id, Role.Secretary));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetByteArrayAsync($"/api/audio/turns/{turn}.wav?t={token}"));

        // Another turn's recording copied over this one does not play as this turn.
        await File.WriteAllBytesAsync(path, original);
        var (_, _, otherPath) = await RecordedTurnAsync(pcm);
        File.Copy(otherPath, path, overwrite: true);
        using var moved = await _host.GetAsync($"/api/audio/turns/{turn}.wav", id, Role.Secretary);
        Assert.Equal(HttpStatusCode.InternalServerError, moved.StatusCode);

        // A photo is checked whole before it is sent: a byte changed in its middle is refused too.
        await File.WriteAllBytesAsync(sent.Path, Flipped(await File.ReadAllBytesAsync(sent.Path), 30_000));
        using var photo = await _host.GetAsync($"/api/attachments/{sent.Id}", photoMeeting, Role.Organizer);
        Assert.Equal(HttpStatusCode.InternalServerError, photo.StatusCode);
        Assert.Contains("không đọc được", await photo.Content.ReadAsStringAsync());
        await Eventually.TrueAsync(() => _host.Logs.Errors.Any(line => line.Contains("cannot be decrypted", StringComparison.Ordinal)),
            "the refusal is in the host's error log, with the reason:\n" + string.Join('\n', _host.Logs.Errors));
    }

    private static byte[] Flipped(byte[] bytes, int at)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= 0x01;
        return copy;
    }

    [Fact]
    public async Task A_host_with_another_key_ring_cannot_read_the_files()
    {
        var pcm = AudioFormat.FromFloats(Microphone.Tone(1.0, 500));
        var (id, turn, _) = await RecordedTurnAsync(pcm);
        var (photoMeeting, sent) = await PhotoAsync(Png(20_000));
        await _host.DisposeAsync();
        // The key ring is lost (or the files are taken to another install): the host makes a new one.
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration))
            Assert.True(await redis.GetDatabase().KeyDeleteAsync(HostSetup.DataProtectionKeys));
        _host = new TestHost(_redis);

        // Its links are not the old ones either; these are issued by the new key ring, the files are still the old ones.
        using var recording = await _host.GetAsync($"/api/audio/turns/{turn}.wav", id, Role.Secretary);
        Assert.Equal(HttpStatusCode.InternalServerError, recording.StatusCode);
        Assert.Contains("không đọc được", await recording.Content.ReadAsStringAsync());
        using var photo = await _host.GetAsync($"/api/attachments/{sent.Id}", photoMeeting, Role.Organizer);
        Assert.Equal(HttpStatusCode.InternalServerError, photo.StatusCode);
    }

    [Fact]
    public async Task A_recording_from_before_encryption_still_plays_and_is_appended_to_as_it_is()
    {
        var pcm = Pattern(30_000);
        var (id, turn, path) = await RecordedTurnAsync([]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, pcm[..20_000]);
        Assert.True(await _host.Services.GetRequiredService<TurnRecordings>().AppendAsync(id, turn, pcm[20_000..], default));

        Assert.False(FilesAtRest.IsEncrypted(path));
        using var wav = await _host.GetAsync($"/api/audio/turns/{turn}.wav", id, Role.Secretary);
        Assert.Equal(Wav(pcm), await wav.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Appends_of_every_size_read_back_exactly_sequentially_by_seeking_and_while_still_growing()
    {
        var files = new FilesAtRest(new EphemeralDataProtectionProvider());
        var path = Path.Combine(_redis.Directory, "grown.bin");
        var content = Pattern(200_000);
        var random = new Random(7);
        var written = 0;
        var readers = new List<(Stream Stream, int Length)>();
        while (written < content.Length)
        {
            var size = Math.Min(random.Next(1, 40_000), content.Length - written);
            Assert.True(await files.AppendAsync(path, "test/grown", content.AsMemory(written, size), long.MaxValue, default));
            written += size;
            var reader = files.OpenRead(path, "test/grown")!;
            Assert.Equal(written, reader.Length);
            readers.Add((reader, written));
        }
        Assert.False(await files.AppendAsync(path, "test/grown", new byte[1], content.Length, default));

        // Each reader opened along the way reads what there was then, though the last chunk was sealed again since.
        foreach (var (reader, length) in readers)
            await using (reader)
            {
                using var copy = new MemoryStream();
                await reader.CopyToAsync(copy);
                Assert.Equal(content[..length], copy.ToArray());
            }

        await using var seeking = files.OpenRead(path, "test/grown")!;
        var buffer = new byte[5000];
        foreach (var at in new[] { 150_000, 3, 16_380, 199_000, 0, 65_536 })
        {
            seeking.Position = at;
            var read = seeking.ReadAtLeast(buffer, Math.Min(buffer.Length, content.Length - at), throwOnEndOfStream: false);
            Assert.Equal(content.AsSpan(at, read), buffer.AsSpan(0, read));
        }
        Assert.Null(files.OpenRead(Path.Combine(_redis.Directory, "missing.bin"), "test/missing"));
    }
}
