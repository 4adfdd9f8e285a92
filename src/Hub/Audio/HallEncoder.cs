using Concentus;
using Concentus.Enums;
using LiveSession.Client.Protocol;
using LiveSession.Hub.Configuration;

namespace LiveSession.Hub.Audio;

/// <summary>
/// One meeting's Opus encoder (Concentus, 16 kHz mono, speech): PCM blocks in, the frames they complete out. A block that
/// does not fill its last frame leaves the rest for the next one; a block that does not follow on (a pause, another
/// microphone) drops the unfinished frame, so a frame never joins sound from two moments. Not thread-safe: one caller at a time.
/// </summary>
public sealed class HallEncoder
{
    /// <summary>A block this far from where the previous one ended does not continue it.</summary>
    private const int ContinuityMs = 40;
    private readonly IOpusEncoder _encoder;
    private readonly int _frameSamples;
    private readonly int _frameMs;
    private readonly short[] _pending;
    private readonly byte[] _packet = new byte[1275];
    private int _pendingCount;
    private long _pendingAt;
    private long _expectedAt = long.MinValue;
    private long _sequence;

    public HallEncoder(HallAudioOptions options)
    {
        _frameMs = options.FrameMilliseconds;
        _frameSamples = HallAudioPacket.SampleRate * _frameMs / 1000;
        _pending = new short[_frameSamples];
        _encoder = OpusCodecFactory.CreateEncoder(HallAudioPacket.SampleRate, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        _encoder.Bitrate = options.Bitrate;
        _encoder.SignalType = OpusSignal.OPUS_SIGNAL_VOICE;
    }

    /// <summary>When the caller last gave it audio (its owner drops encoders left idle).</summary>
    public long LastUsedAt { get; private set; }

    /// <summary>Encodes a block of 16-bit PCM spoken at <paramref name="at"/> (Unix ms); null when it completes no frame.</summary>
    public HallAudioPacket? Encode(long at, ReadOnlySpan<byte> pcm, long now)
    {
        LastUsedAt = now;
        var samples = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(pcm[..(pcm.Length & ~1)]);
        if (Math.Abs(at - _expectedAt) > ContinuityMs) _pendingCount = 0;
        _expectedAt = at + samples.Length * 1000L / HallAudioPacket.SampleRate;
        if (_pendingCount == 0) _pendingAt = at;
        var firstAt = _pendingAt;
        var frames = new List<byte[]>(samples.Length / _frameSamples + 1);
        while (!samples.IsEmpty)
        {
            var take = Math.Min(samples.Length, _frameSamples - _pendingCount);
            samples[..take].CopyTo(_pending.AsSpan(_pendingCount));
            _pendingCount += take;
            samples = samples[take..];
            if (_pendingCount < _frameSamples) break;
            var length = _encoder.Encode(_pending, _frameSamples, _packet, _packet.Length);
            frames.Add(_packet[..length]);
            _pendingCount = 0;
            _pendingAt += _frameMs;
        }
        return frames.Count == 0 ? null : new HallAudioPacket(++_sequence, firstAt, _frameMs, [.. frames]);
    }
}
