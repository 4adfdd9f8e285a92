using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using Concentus;
using LiveSession.Client;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Queue;
using LiveSession.Hub.Audio;
using LiveSession.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace LiveSession.Integration.Tests;

/// <summary>Microphone audio through a real host: who may send it, where it goes, what is kept per turn.</summary>
[Collection(RedisCollection.Name)]
public sealed class AudioTests(RedisServer redis) : HostTest(redis)
{
    /// <summary>A started meeting where the online participant behind the returned client has been given the floor.</summary>
    private async Task<(string Id, MeetingConnection Chair, MeetingConnection Participant, string TurnId)> OnlineSpeakerAsync(TestHost? host = null)
    {
        host ??= Host;
        var id = await host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair, host);
        var participant = await Connect(id, Role.Participant, host);
        Assert.True((await participant.ExecuteAsync(new RegisterSpeaker("Đỗ Thị Giang", "Thôn Trung", Topic: "Trợ cấp"))).Ok);
        await Eventually.TrueAsync(() => chair.State!.Speakers.Count == 1, "the chair sees the request");
        var speaker = chair.State!.Speakers[0].Id;
        Assert.True((await chair.ExecuteAsync(new ApproveSpeaker(speaker))).Ok);
        Assert.True((await participant.ExecuteAsync(new SetRecordingConsent(speaker, true))).Ok);
        Assert.True((await chair.ExecuteAsync(new CallSpeaker(speaker))).Ok);
        await Eventually.TrueAsync(() => participant.Personal?.Registration?.Status == SpeakerStatus.Speaking, "the participant sees they have the floor");
        await Eventually.TrueAsync(() => chair.State!.CurrentTurn is not null, "the chair sees the turn");
        return (id, chair, participant, chair.State!.CurrentTurn!.Id);
    }

    /// <summary>Blocks of the largest size, as fast as the connection takes them (bounded, so a broken limit cannot hang the test).</summary>
    private static async IAsyncEnumerable<AudioUpload> Flood(int blocks)
    {
        for (var i = 0; i < blocks; i++)
        {
            yield return new AudioUpload(new byte[AudioFormat.MaxBlockBytes]);
            await Task.Yield();
        }
    }

    private async Task<long> RecordedBytesAsync(TestHost host, string meetingId, string turnId)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        using var wav = await http.GetAsync($"/api/audio/turns/{turnId}.wav?t={Uri.EscapeDataString(host.Token(meetingId, Role.Secretary))}",
            HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, wav.StatusCode);
        return wav.Content.Headers.ContentLength!.Value - 44;
    }

    [Fact]
    public async Task A_speaker_pushing_audio_faster_than_speech_is_stopped_and_the_recording_stays_a_few_seconds()
    {
        var (id, _, participant, turn) = await OnlineSpeakerAsync();

        var flooded = await participant.UploadAudioAsync(Flood(2_000));

        Assert.Equal(MeetingAudio.TooFast.Code, flooded.ErrorCode);
        Assert.Contains("nhanh hơn lời nói thật", flooded.ErrorMessage);
        // What the pace allows at once: the burst a stalled browser may send, plus 1.2 × the short time the flood took.
        var recorded = TimeSpan.FromSeconds(await RecordedBytesAsync(Host, id, turn) / (double)AudioFormat.BytesPerSecond);
        Assert.InRange(recorded, AudioPace.Burst - TimeSpan.FromSeconds(0.5), AudioPace.Burst + TimeSpan.FromSeconds(2));
        // Speaking at the pace of speech still works afterwards.
        Assert.True((await Microphone.SpeakAsync(participant, Microphone.Tone(0.5))).Ok);
    }

    [Fact]
    public async Task A_turn_records_at_most_its_configured_length_and_the_microphone_is_told_why_it_stopped()
    {
        await using var host = new TestHost(Redis, settings: new Dictionary<string, string> { ["LiveSession:MaxTurnRecording"] = "00:00:01.5" });
        var (id, _, participant, turn) = await OnlineSpeakerAsync(host);

        var stopped = await Microphone.SpeakAsync(participant, Microphone.Tone(3));

        Assert.Equal("recording_full", stopped.ErrorCode);
        Assert.Contains("đã ghi âm đủ 2 giây", stopped.ErrorMessage);
        Assert.Equal((long)(1.5 * AudioFormat.BytesPerSecond), await RecordedBytesAsync(host, id, turn));
    }

    [Fact]
    public async Task A_long_recording_is_played_back_streamed_not_loaded_whole()
    {
        var (id, _, participant, turn) = await OnlineSpeakerAsync();
        Assert.True((await Microphone.SpeakAsync(participant, Microphone.Tone(0.2))).Ok);
        // Ten minutes of audio on disk, encrypted as a long turn leaves it (appended directly: speaking it would take ten minutes).
        var dataDirectory = Host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hub.Configuration.LiveSessionOptions>>().Value.DataDirectory;
        File.Delete(Path.Combine(dataDirectory, "audio", id, turn + ".pcm"));
        var recordings = Host.Services.GetRequiredService<TurnRecordings>();
        var block = new byte[10 * AudioFormat.BytesPerSecond];
        for (var i = 0; i < 60; i++) Assert.True(await recordings.AppendAsync(id, turn, block, default));
        var size = 60L * block.Length;

        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        var before = GC.GetTotalAllocatedBytes(precise: true);
        using var response = await http.GetAsync($"/api/audio/turns/{turn}.wav?t={Uri.EscapeDataString(Host.Token(id, Role.Secretary))}",
            HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long received = 0;
        for (int read; (read = await body.ReadAsync(buffer)) > 0;) received += read;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(44 + size, received);
        Assert.True(allocated < size / 4, $"serving {size / 1_000_000} MB allocated {allocated / 1_000_000} MB: the recording was loaded whole");
    }

    private static async IAsyncEnumerable<AudioUpload> Once(byte[] pcm)
    {
        yield return new AudioUpload(pcm);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task An_online_speaker_is_played_in_the_hall_and_transcribed_from_their_own_microphone_while_the_hall_microphone_is_only_recorded_around_it()
    {
        var (id, chair, participant, turn) = await OnlineSpeakerAsync();
        var screen = await Connect(id, Role.Screen);
        var played = new ConcurrentQueue<AudioPacket>();
        await screen.ListenAudioAsync(packet => { played.Enqueue(packet); return Task.CompletedTask; });
        var transcriber = await Connect(id, Role.Transcriber);
        var fed = new ConcurrentQueue<AudioPacket>();
        using var stopFeed = new CancellationTokenSource();
        var feeding = Task.Run(async () =>
        {
            await foreach (var packet in transcriber.AudioFeedAsync(Host.Clock.GetUtcNow().AddSeconds(-5), stopFeed.Token)) fed.Enqueue(packet);
        });
        var hallMicrophone = await Connect(id, Role.Microphone);

        // A block counts as spoken during the 100 ms before it arrived: start talking once that is after the call.
        await Eventually.PassedAsync(Host.Clock, chair.State!.CurrentTurn!.StartedAt.AddMilliseconds(150), "the floor has been open a block's length");
        var voice = Microphone.Tone(1.0, 300);
        var hall = Microphone.SpeakAsync(hallMicrophone, Microphone.Tone(1.0, 800));
        Assert.True((await Microphone.SpeakAsync(participant, voice)).Ok);
        Assert.True((await hall).Ok);

        await Eventually.TrueAsync(() => played.Count >= 10 && fed.Count >= 10, "the hall screen and the worker got the speaker's ten blocks");
        Assert.Equal((10, 10), (played.Count, fed.Count));
        Assert.All(played.Concat(fed), p => Assert.Equal(AudioSourceKind.Online, p.Source));
        Assert.Equal(AudioFormat.FromFloats(voice), played.SelectMany(p => p.Pcm).ToArray());
        // On the meeting's clock, one block after the other.
        var times = fed.Select(p => p.At).ToArray();
        Assert.Equal(times.Order(), times);
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.Equal(100, pair.Second - pair.First, tolerance: 1));

        // The floor ends: the speaker's microphone is refused, the hall microphone is the meeting's speech again.
        Assert.True((await chair.ExecuteAsync(new EndTurn())).Ok);
        await Eventually.TrueAsync(() => participant.Personal?.Registration?.Status == SpeakerStatus.Done, "the participant sees their turn ended");
        var refused = await Microphone.SpeakAsync(participant, Microphone.Tone(0.3));
        Assert.Equal(MicrophoneRules.NotYourTurn.Code, refused.ErrorCode);
        await Eventually.PassedAsync(Host.Clock, chair.State!.Turns.Single(t => t.Id == turn).EndedAt!.Value.AddMilliseconds(150), "the turn ended a block's length ago");
        Assert.True((await Microphone.SpeakAsync(hallMicrophone, Microphone.Tone(0.3, 800))).Ok);
        var ended = chair.State!.Turns.Single(t => t.Id == turn).EndedAt!.Value.ToUnixTimeMilliseconds();
        await Eventually.TrueAsync(() => fed.Count(p => p.Source == AudioSourceKind.Hall && p.At >= ended) == 3, "the hall microphone feeds the worker again");
        Assert.DoesNotContain(fed, p => p.Source == AudioSourceKind.Hall && p.At < ended);
        await stopFeed.CancelAsync();
        await feeding.ContinueWith(_ => { }, TaskScheduler.Default);

        // The turn's recording is the speaker's voice: as WAV exactly, as Ogg Opus close to it.
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        var secretary = Uri.EscapeDataString(Host.Token(id, Role.Secretary));
        var wav = await http.GetByteArrayAsync($"/api/audio/turns/{turn}.wav?t={secretary}");
        Assert.Equal(AudioFormat.ToWav(AudioFormat.FromFloats(voice)), wav);
        using var ogg = await http.GetAsync(TurnAudio.Link(turn, Host.Token(id, Role.Secretary)));
        Assert.Equal(HttpStatusCode.OK, ogg.StatusCode);
        Assert.Equal("audio/ogg", ogg.Content.Headers.ContentType!.MediaType);
        var (decoded, granule) = OggOpus.Decode(await ogg.Content.ReadAsByteArrayAsync());
        Assert.Equal(OggOpusWriter.PreSkip + voice.Length * 3L, granule); // 48 kHz granules, after the encoder's delay
        Assert.InRange(decoded.Length, voice.Length, voice.Length + 320);
        Assert.InRange(OggOpus.Rms(decoded.AsSpan(1600, 12_800)), 0.15, 0.3); // the tone's level (0.3 peak → 0.21 RMS)
        Assert.True(ogg.Content.Headers.ContentLength < wav.Length / 5, "Opus is several times smaller than WAV");
    }

    [Fact]
    public async Task Turn_recordings_are_for_the_secretary_chair_and_organizer_only()
    {
        var (id, _, participant, turn) = await OnlineSpeakerAsync();
        Assert.True((await Microphone.SpeakAsync(participant, Microphone.Tone(0.2))).Ok);
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        async Task<HttpStatusCode> Get(Role role, string file) =>
            (await http.GetAsync($"/api/audio/turns/{file}?t={Uri.EscapeDataString(Host.Token(id, role))}")).StatusCode;

        foreach (var role in new[] { Role.Secretary, Role.Chair, Role.Organizer })
            Assert.Equal(HttpStatusCode.OK, await Get(role, $"{turn}.ogg"));
        foreach (var role in new[] { Role.Participant, Role.Screen, Role.Transcriber, Role.Microphone })
            Assert.Equal(HttpStatusCode.Forbidden, await Get(role, $"{turn}.ogg"));
        Assert.Equal(HttpStatusCode.NotFound, await Get(Role.Secretary, "t99.ogg"));
        Assert.Equal(HttpStatusCode.NotFound, await Get(Role.Secretary, $"{turn}.mp3"));
        Assert.Equal(HttpStatusCode.NotFound, await Get(Role.Secretary, "..%2F..%2Fetc%2Fpasswd.wav"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/api/audio/turns/{turn}.ogg")).StatusCode);
    }

    [Fact]
    public async Task Bad_audio_and_wrong_roles_are_refused_with_a_reason_and_send_nothing_on()
    {
        var (id, _, participant, _) = await OnlineSpeakerAsync();
        var other = await Connect(id, Role.Participant);
        Assert.Equal("not_your_turn", (await other.UploadAudioAsync(Once(new byte[3200]))).ErrorCode);
        foreach (var role in new[] { Role.Chair, Role.Secretary, Role.Organizer, Role.Screen, Role.Transcriber })
            Assert.Equal("forbidden", (await (await Connect(id, role)).UploadAudioAsync(Once(new byte[3200]))).ErrorCode);
        Assert.Equal("invalid", (await participant.UploadAudioAsync(Once(new byte[3201]))).ErrorCode);          // half a sample
        Assert.Equal("invalid", (await participant.UploadAudioAsync(Once(new byte[AudioFormat.MaxBlockBytes + 2]))).ErrorCode);
        Assert.Equal("invalid", (await participant.UploadAudioAsync(Once([]))).ErrorCode);

        // One hall microphone at a time.
        var hall = await Connect(id, Role.Microphone);
        var second = await Connect(id, Role.Microphone);
        var speaking = Microphone.SpeakAsync(hall, Microphone.Tone(1.5));
        var store = Host.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>().GetDatabase();
        await Eventually.TrueAsync(async () => await store.KeyExistsAsync(new Hub.Store.MeetingKeys(id).HallMicrophone), "the first hall microphone holds the hall");
        Assert.Equal(MeetingAudio.HallMicrophoneTaken.Code, (await second.UploadAudioAsync(Once(new byte[3200]))).ErrorCode);
        Assert.True((await speaking).Ok);

        // Only the worker hears the meeting's audio, only the hall screen plays it, only the worker reports on it.
        var feed = await Assert.ThrowsAsync<HubRefusedException>(async () => { await foreach (var _ in participant.AudioFeedAsync(Host.Clock.GetUtcNow())) { } });
        Assert.Equal("forbidden", feed.Code);
        Assert.Equal("forbidden", (await participant.ListenAudioAsync(_ => Task.CompletedTask)).ErrorCode);
        Assert.Equal("forbidden", (await participant.PublishTranscriberStatusAsync(new TranscriberStatus(true, 3, 0, Host.Clock.GetUtcNow()))).ErrorCode);
        var transcriber = await Connect(id, Role.Transcriber);
        Assert.Equal("invalid", (await transcriber.PublishTranscriberStatusAsync(new TranscriberStatus(true, 1e9, 0, Host.Clock.GetUtcNow()))).ErrorCode);
        Assert.Equal("invalid", (await transcriber.PublishTranscriberStatusAsync(new TranscriberStatus(true, 1, -1, Host.Clock.GetUtcNow()))).ErrorCode);
    }

    [Fact]
    public async Task No_audio_is_taken_before_the_meeting_starts()
    {
        var id = await Host.CreateMeetingAsync(started: false);
        var hall = await Connect(id, Role.Microphone);
        Assert.Equal(MicrophoneRules.NotInProgress.Code, (await hall.UploadAudioAsync(Once(new byte[3200]))).ErrorCode);
    }

    [Fact]
    public async Task The_secretary_is_told_when_the_worker_falls_behind_and_catches_up()
    {
        var id = await Host.CreateMeetingAsync();
        var secretary = await Connect(id, Role.Secretary);
        var transcriber = await Connect(id, Role.Transcriber);
        Assert.True((await transcriber.PublishTranscriberStatusAsync(new TranscriberStatus(true, 12.5, 4, DateTimeOffset.UnixEpoch))).Ok);
        await Eventually.TrueAsync(() => secretary.Transcriber is { Behind: true, BacklogSeconds: 12.5, SkippedPartials: 4 }, "the secretary sees the worker is behind");
        // Stamped with the host's time, not the worker's.
        Assert.InRange(secretary.Transcriber!.At, Host.Clock.GetUtcNow().AddMinutes(-1), Host.Clock.GetUtcNow().AddMinutes(1));
        Assert.True((await transcriber.PublishTranscriberStatusAsync(new TranscriberStatus(false, 0, 4, Host.Clock.GetUtcNow()))).Ok);
        await Eventually.TrueAsync(() => secretary.Transcriber is { Behind: false }, "the secretary sees it caught up");
    }
}

/// <summary>Reads back what <see cref="OggOpusWriter"/> wrote: checks every page's CRC and decodes the packets.</summary>
internal static class OggOpus
{
    /// <summary>The decoded samples (16 kHz) and the last page's granule position.</summary>
    public static (short[] Samples, long Granule) Decode(byte[] file)
    {
        var decoder = OpusCodecFactory.CreateDecoder(16_000, 1);
        var samples = new List<short>();
        var frame = new short[960];
        var offset = 0;
        var packets = 0;
        long lastGranule = 0;
        while (offset < file.Length)
        {
            Assert.True("OggS"u8.SequenceEqual(file.AsSpan(offset, 4)), "page header");
            var lacing = file[offset + 26];
            var length = 0;
            for (var i = 0; i < lacing; i++) length += file[offset + 27 + i];
            var page = file.AsSpan(offset, 27 + lacing + length).ToArray();
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(22));
            page.AsSpan(22, 4).Clear();
            Assert.Equal(crc, OggOpusWriter.OggCrc.Compute(page));
            lastGranule = BinaryPrimitives.ReadInt64LittleEndian(page.AsSpan(6));
            var packet = page.AsSpan(27 + lacing, length);
            if (packets++ >= 2) // after OpusHead and OpusTags
            {
                var decoded = decoder.Decode(packet, frame, frame.Length);
                samples.AddRange(frame.AsSpan(0, decoded).ToArray());
            }
            offset += 27 + lacing + length;
        }
        return ([.. samples], lastGranule);
    }

    public static double Rms(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (var s in samples) sum += (s / 32768.0) * (s / 32768.0);
        return Math.Sqrt(sum / samples.Length);
    }
}
