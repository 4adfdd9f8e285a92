using System.Collections.Concurrent;
using Concentus;
using LiveSession.Client;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Audio;
using LiveSession.Hub.Configuration;
using LiveSession.Testing;

namespace LiveSession.Integration.Tests;

/// <summary>
/// Hall audio out through real SignalR clients: who may listen, the caps, what a listener receives (Opus that decodes
/// back to the speech), once, on the microphone's host and on another, the count the staff see, and a rotated link that
/// stops listening.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class HallAudioTests(RedisServer redis) : HostTest(redis)
{
    protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["LiveSession:HallAudio:MaxListenersPerMeeting"] = "2",
    };

    private static readonly string Clip = Path.Combine(Repository.Root, "tests", "fixtures", "vi-speech", "audio", "vivos_VIVOSSPK01_R050.wav");

    [Fact]
    public async Task Participants_hear_the_hall_within_the_caps_and_a_rotated_link_stops_listening()
    {
        var id = await Host.CreateMeetingAsync();
        var chair = await Connect(id, Role.Chair);
        foreach (var role in new[] { Role.Screen, Role.Microphone, Role.Secretary })
            Assert.Equal("forbidden", (await (await Connect(id, role)).ListenHallAsync(_ => Task.CompletedTask)).ErrorCode);

        var heard = new ConcurrentQueue<HallAudioPacket>();
        var first = await Connect(id, Role.Participant);
        Assert.True((await first.ListenHallAsync(p => { heard.Enqueue(p); return Task.CompletedTask; })).Ok);
        // Asking again changes nothing: one connection is one listener.
        Assert.True((await first.ListenHallAsync(_ => Task.CompletedTask)).Ok);
        var second = await Connect(id, Role.Participant);
        Assert.True((await second.ListenHallAsync(_ => Task.CompletedTask)).Ok);
        var third = await (await Connect(id, Role.Participant)).ListenHallAsync(_ => Task.CompletedTask);
        Assert.Equal("hall_audio_full", third.ErrorCode);
        Assert.Contains("người đang nghe hội trường", third.ErrorMessage);
        await Eventually.TrueAsync(() => chair.HallListeners?.Count == 2, "the chair is told that two listen");

        // The hall microphone speaks a second of the clip: the listener gets it as Opus, five 20 ms frames a packet.
        var pcm = File.ReadAllBytes(Clip)[44..][..AudioFormat.BytesPerSecond];
        var microphone = await Connect(id, Role.Microphone);
        Assert.True((await microphone.UploadAudioAsync(Blocks(pcm))).Ok);
        await Eventually.TrueAsync(() => heard.Count == 10, "ten packets of the second heard");
        Assert.All(heard, p => Assert.Equal((20, 5), (p.FrameMs, p.Frames.Length)));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => heard.First().Seq + i), heard.Select(p => p.Seq));
        var decoded = Decode(heard.SelectMany(p => p.Frames));
        var spoken = AudioFormat.ToFloats(pcm);
        Assert.Equal(spoken.Length, decoded.Length);
        // Opus keeps the speech's energy (within a few dB; the waveform itself is not kept sample for sample).
        var ratio = Rms(decoded) / Rms(spoken);
        Assert.InRange(ratio, 0.5, 2.0);
        // 18 kbit/s (the default) for the speech: the packets carry about that, not the 256 kbit/s of the PCM.
        var kbps = heard.Sum(p => p.Frames.Sum(f => f.Length)) * 8 / 1000.0;
        Assert.InRange(kbps, 8, 24);

        // The participants' link is rotated: the old connections are cut, and stop counting.
        Assert.True((await chair.ExecuteAsync(new RotateLink(Role.Participant))).Ok);
        await Eventually.TrueAsync(() => first.Revoked is not null, "the listener is told its link was revoked");
        await Eventually.TrueAsync(() => chair.HallListeners?.Count == 0, "nobody listens any more", 30);
    }

    [Fact]
    public async Task A_listener_on_the_microphones_host_and_one_on_another_host_each_hear_every_packet_once()
    {
        // Two hosts on one Redis: the microphone's host writes its packets to its own listener directly and to the other
        // host through Redis; its own copy coming back from Redis must not reach its listener a second time.
        var id = await Host.CreateMeetingAsync();
        await using var other = new TestHost(Redis, clock: Host.Clock);
        var chair = await Connect(id, Role.Chair);
        var (here, there) = (new ConcurrentQueue<HallAudioPacket>(), new ConcurrentQueue<HallAudioPacket>());
        Assert.True((await (await Connect(id, Role.Participant)).ListenHallAsync(p => { here.Enqueue(p); return Task.CompletedTask; })).Ok);
        Assert.True((await (await Connect(id, Role.Participant, other)).ListenHallAsync(p => { there.Enqueue(p); return Task.CompletedTask; })).Ok);
        await Eventually.TrueAsync(() => chair.HallListeners?.Count == 2, "the chair counts the listeners of both hosts");

        var pcm = File.ReadAllBytes(Clip)[44..][..AudioFormat.BytesPerSecond];
        var microphone = await Connect(id, Role.Microphone);
        Assert.True((await microphone.UploadAudioAsync(Blocks(pcm))).Ok);
        await Eventually.TrueAsync(() => here.Count >= 10 && there.Count >= 10, "the second's ten packets heard on both hosts");
        // A copy through Redis comes within milliseconds of the packet; a second is given to any that would.
        await Eventually.StaysTrueAsync(() => here.Count == 10 && there.Count == 10, TimeSpan.FromSeconds(1), "each listener has each packet once");
        foreach (var heard in new[] { here, there })
            Assert.Equal(Enumerable.Range(0, 10).Select(i => here.First().Seq + i), heard.Select(p => p.Seq));
        // The same encode reached both: the same Opus bytes.
        Assert.Equal(here.SelectMany(p => p.Frames).SelectMany(f => f), there.SelectMany(p => p.Frames).SelectMany(f => f));
    }

    [Fact]
    public void The_encoder_cuts_blocks_into_frames_and_never_joins_sound_from_two_moments()
    {
        var encoder = new HallEncoder(new HallAudioOptions { FrameMilliseconds = 60 });
        var block = new byte[3_200]; // 100 ms
        // 100 ms blocks into 60 ms frames: one frame, then two (120 ms + the 80 ms carried), each stamped where it starts.
        var a = encoder.Encode(1_000, block, 0)!;
        var b = encoder.Encode(1_100, block, 0)!;
        Assert.Equal((1_000L, 1), (a.At, a.Frames.Length));
        Assert.Equal((1_060L, 2), (b.At, b.Frames.Length));
        Assert.Equal(a.Seq + 1, b.Seq);
        // 20 ms left over, 20 ms more come: no frame yet. A block seconds later does not continue those 40 ms: its own
        // frames start with it.
        Assert.Null(encoder.Encode(1_200, new byte[640], 0));
        var c = encoder.Encode(5_000, block, 0)!;
        Assert.Equal((5_000L, 1), (c.At, c.Frames.Length));
    }

    private static async IAsyncEnumerable<AudioUpload> Blocks(byte[] pcm)
    {
        for (var at = 0; at < pcm.Length; at += 3_200)
        {
            yield return new AudioUpload(pcm[at..(at + 3_200)]);
            await Task.Delay(100);
        }
    }

    private static float[] Decode(IEnumerable<byte[]> frames)
    {
        var decoder = OpusCodecFactory.CreateDecoder(HallAudioPacket.SampleRate, 1);
        var output = new List<float>();
        var buffer = new float[HallAudioPacket.SampleRate / 10];
        foreach (var frame in frames)
        {
            var samples = decoder.Decode(frame, buffer, buffer.Length);
            output.AddRange(buffer.AsSpan(0, samples).ToArray());
        }
        return [.. output];
    }

    private static double Rms(float[] samples) => Math.Sqrt(samples.Average(s => (double)s * s));
}
