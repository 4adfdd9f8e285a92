using System.Collections.Concurrent;
using LiveSession.Client.Protocol;
using LiveSession.Hub.Configuration;
using LiveSession.Hub.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveSession.Hub.Audio;

/// <summary>
/// Hall audio out: the meeting's speech as the hall hears it (what <see cref="LiveSession.Domain.Floor.MicrophoneRules"/>
/// routes to the transcript: the hall microphone, or the online speaker's own during their turn) is encoded once, on the
/// host that received it, and sent to the listeners' group. SignalR serializes a group message once per protocol, and
/// the Redis backplane carries it to every host, each writing the same bytes to its own listeners. Nothing is encoded
/// while nobody listens anywhere.
/// </summary>
public sealed partial class HallBroadcast(
    IHubContext<MeetingHub> hub, HallListeners listeners, IOptions<LiveSessionOptions> options, TimeProvider clock, ILogger<HallBroadcast> logger)
{
    private static readonly TimeSpan IdleEncoder = TimeSpan.FromMinutes(2);
    private readonly ConcurrentDictionary<string, HallEncoder> _encoders = new();
    private long _sweptAt;

    public static string Group(string meetingId) => $"hall:{meetingId}";

    /// <summary>Encodes a block of the meeting's speech (16-bit PCM spoken at <paramref name="at"/>, Unix ms) and sends what it completes.</summary>
    public Task SendAsync(string meetingId, long at, ReadOnlyMemory<byte> pcm, CancellationToken cancellationToken)
    {
        if (!listeners.AnyListening(meetingId)) return Task.CompletedTask;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var encoder = _encoders.GetOrAdd(meetingId, id =>
        {
            LogEncoderStarted(id, options.Value.HallAudio.Bitrate, options.Value.HallAudio.FrameMilliseconds);
            return new HallEncoder(options.Value.HallAudio);
        });
        HallAudioPacket? packet;
        lock (encoder) packet = encoder.Encode(at, pcm.Span, now);
        SweepIdle(now);
        return packet is null ? Task.CompletedTask : hub.Clients.Group(Group(meetingId)).SendAsync(HubContract.HallAudio, packet, cancellationToken);
    }

    private void SweepIdle(long now)
    {
        var swept = Interlocked.Read(ref _sweptAt);
        if (now - swept < IdleEncoder.TotalMilliseconds || Interlocked.CompareExchange(ref _sweptAt, now, swept) != swept) return;
        foreach (var (meetingId, encoder) in _encoders)
            if (now - encoder.LastUsedAt > IdleEncoder.TotalMilliseconds) _encoders.TryRemove(meetingId, out _);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId}: hall audio encoder started ({Bitrate} bit/s, {FrameMs} ms frames)")]
    private partial void LogEncoderStarted(string meetingId, int bitrate, int frameMs);
}
