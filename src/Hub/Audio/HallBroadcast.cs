using System.Collections.Concurrent;
using System.Text.Json;
using LiveSession.Client.Protocol;
using LiveSession.Hub.Configuration;
using LiveSession.Hub.Live;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveSession.Hub.Audio;

/// <summary>
/// Hall audio out: the meeting's speech as the hall hears it (what <see cref="LiveSession.Domain.Floor.MicrophoneRules"/>
/// routes to the transcript: the hall microphone, or the online speaker's own during their turn) is encoded once, on the
/// host that received it. That host writes each packet straight to its own listeners (<see cref="LocalConnections{THub}"/>:
/// serialized once, the same bytes to every connection, no Redis on the way) and publishes it once on a Redis channel
/// every host subscribes to; each of the other hosts writes it to its own listeners the same way, and the host that
/// published it recognises its own packet and drops it (a listener hears each packet once). Neither the microphone's
/// stream nor the Redis subscription waits for a slow listener: a connection's writes queue on it in order. Nothing is
/// encoded while nobody listens anywhere.
/// </summary>
public sealed partial class HallBroadcast(
    IConnectionMultiplexer redis,
    LocalConnections<MeetingHub> connections,
    HallListeners listeners,
    IOptions<LiveSessionOptions> options,
    TimeProvider clock,
    ILogger<HallBroadcast> logger) : IHostedService
{
    private static readonly TimeSpan IdleEncoder = TimeSpan.FromMinutes(2);
    /// <summary>The hall audio of every meeting, between hosts.</summary>
    public static readonly RedisChannel Channel = RedisChannel.Literal("ls-hall-audio");
    private readonly ConcurrentDictionary<string, HallEncoder> _encoders = new();
    /// <summary>This host, in what it publishes.</summary>
    private readonly string _origin = Guid.NewGuid().ToString("N");
    private ChannelMessageQueue? _relayed;
    private long _sweptAt;

    /// <summary>A packet on its way between hosts: which host encoded it, for which meeting.</summary>
    private sealed record Relayed(string From, string MeetingId, HallAudioPacket Packet);

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
        if (packet is null) return Task.CompletedTask;
        var toOtherHosts = redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.SerializeToUtf8Bytes(new Relayed(_origin, meetingId, packet)));
        SendHere(meetingId, packet);
        return toOtherHosts;
    }

    /// <summary>
    /// Subscribes to the other hosts' packets, once for the host's life: StackExchange.Redis subscribes again by itself
    /// after a lost connection (fire and forget, so that a host coming up while Redis is away still starts).
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _relayed = redis.GetSubscriber().Subscribe(Channel, CommandFlags.FireAndForget);
        _relayed.OnMessage(OnRelayed);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        _relayed is null ? Task.CompletedTask : _relayed.UnsubscribeAsync(CommandFlags.FireAndForget);

    private void OnRelayed(ChannelMessage message)
    {
        Relayed? relayed;
        try
        {
            relayed = JsonSerializer.Deserialize<Relayed>((byte[])message.Message!);
        }
        catch (JsonException ex)
        {
            LogBadRelay(ex);
            return;
        }
        if (relayed is null || relayed.From == _origin) return;
        SendHere(relayed.MeetingId, relayed.Packet);
    }

    /// <summary>Writes the packet to this host's listeners of the meeting, without waiting for the slow ones.</summary>
    private void SendHere(string meetingId, HallAudioPacket packet)
    {
        var written = connections.SendHereAsync(listeners.ListenersHere(meetingId), HubContract.HallAudio, packet);
        if (!written.IsCompleted) written.ContinueWith(t => LogWriteFailed(t.Exception!, meetingId), TaskContinuationOptions.OnlyOnFaulted);
        else if (written.IsFaulted) LogWriteFailed(written.Exception!, meetingId);
    }

    private void SweepIdle(long now)
    {
        var swept = Interlocked.Read(ref _sweptAt);
        if (now - swept < IdleEncoder.TotalMilliseconds || Interlocked.CompareExchange(ref _sweptAt, now, swept) != swept) return;
        foreach (var (meetingId, encoder) in _encoders)
            if (now - encoder.LastUsedAt > IdleEncoder.TotalMilliseconds) _encoders.TryRemove(meetingId, out _);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A hall audio packet from another host could not be read")]
    private partial void LogBadRelay(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meeting {MeetingId}: a hall audio packet could not be written to a listener")]
    private partial void LogWriteFailed(Exception exception, string meetingId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId}: hall audio encoder started ({Bitrate} bit/s, {FrameMs} ms frames)")]
    private partial void LogEncoderStarted(string meetingId, int bitrate, int frameMs);
}
