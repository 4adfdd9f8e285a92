namespace LiveSession.Client.Protocol;

/// <summary>Where meeting audio comes from: the hall's microphone page, or an online speaker's own microphone.</summary>
public enum AudioSourceKind { Hall, Online }

/// <summary>
/// The audio format on the wire, everywhere: 16 kHz mono, 16-bit little-endian PCM — what Whisper takes,
/// and small enough to relay (32 KB/s).
/// </summary>
public static class AudioFormat
{
    public const int SampleRate = 16_000;
    public const int BytesPerSample = 2;
    public const int BytesPerSecond = SampleRate * BytesPerSample;
    /// <summary>The longest block a client may send at once (half a second; browsers send about 0.1 s).</summary>
    public const int MaxBlockBytes = BytesPerSecond / 2;

    public static TimeSpan DurationOf(int bytes) => TimeSpan.FromSeconds(bytes / (double)BytesPerSecond);

    public static float[] ToFloats(ReadOnlySpan<byte> pcm)
    {
        var samples = new float[pcm.Length / BytesPerSample];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = System.Buffers.Binary.BinaryPrimitives.ReadInt16LittleEndian(pcm[(i * 2)..]) / 32768f;
        return samples;
    }

    /// <summary>Mono 16-bit PCM as a WAV file: this format, or another sample rate (files read in by the worker's tools).</summary>
    public static byte[] ToWav(ReadOnlySpan<byte> pcm, int sampleRate = SampleRate) => [.. WavHeader(pcm.Length, sampleRate), .. pcm];

    /// <summary>The 44 bytes that come before <paramref name="dataBytes"/> of mono 16-bit PCM in a WAV file.</summary>
    public static byte[] WavHeader(long dataBytes, int sampleRate = SampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dataBytes, int.MaxValue - 36);
        using var output = new MemoryStream(44);
        using var writer = new BinaryWriter(output);
        writer.Write("RIFF"u8); writer.Write(36 + (int)dataBytes); writer.Write("WAVE"u8);
        writer.Write("fmt "u8); writer.Write(16); writer.Write((short)1); writer.Write((short)1);
        writer.Write(sampleRate); writer.Write(sampleRate * BytesPerSample); writer.Write((short)BytesPerSample); writer.Write((short)16);
        writer.Write("data"u8); writer.Write((int)dataBytes);
        writer.Flush();
        return output.ToArray();
    }

    public static byte[] FromFloats(ReadOnlySpan<float> samples)
    {
        var pcm = new byte[samples.Length * BytesPerSample];
        for (var i = 0; i < samples.Length; i++)
            System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(i * 2),
                (short)Math.Clamp(MathF.Round(samples[i] * 32767f), short.MinValue, short.MaxValue));
        return pcm;
    }
}

/// <summary>A block of microphone audio sent by a browser or a .NET client (<see cref="AudioFormat"/>, base64 in JSON).</summary>
public sealed record AudioUpload(byte[] Pcm);

/// <summary>
/// Meeting audio as the hub relays it (to the worker, and an online speaker's to the hall screen):
/// <paramref name="At"/> is when its first sample was spoken, on the hub's clock, in Unix milliseconds.
/// </summary>
public sealed record AudioPacket(long At, AudioSourceKind Source, byte[] Pcm)
{
    public DateTimeOffset Start => DateTimeOffset.FromUnixTimeMilliseconds(At);
    public DateTimeOffset End => Start + AudioFormat.DurationOf(Pcm.Length);
}

/// <summary>
/// The worker's health as the secretary sees it: whether it keeps up with the audio, how far behind
/// it is, and the partial captions it skipped to catch up (final text is never skipped).
/// </summary>
public sealed record TranscriberStatus(bool Behind, double BacklogSeconds, int SkippedPartials, DateTimeOffset At)
{
    /// <summary>The worker says how it is at least this often; a status older than twice this means it is gone.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public bool IsStale(DateTimeOffset now) => now - At > 2 * Interval;
}

/// <summary>Where a turn's recording is fetched (Opus in Ogg), with a secretary's, chair's or organizer's token.</summary>
public static class TurnAudio
{
    public const string Path = "/api/audio/turns";

    /// <summary>The turn's recording as Opus, from its start or <paramref name="from"/> into it.</summary>
    public static string Link(string turnId, string token, TimeSpan? from = null) =>
        $"{Path}/{Uri.EscapeDataString(turnId)}.ogg?t={Uri.EscapeDataString(token)}"
        + (from is { } start ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"&from={start.TotalSeconds:0.0}") : "");
}

/// <summary>
/// Hall audio out: a block of the meeting's speech as the hall hears it, encoded once to Opus (16 kHz mono) by the host
/// that received it and sent as the same bytes to every listener.
/// </summary>
/// <param name="Seq">Counts the packets of one encoder (one host's share of a meeting's speech): a gap is a lost packet.</param>
/// <param name="At">When the first frame's first sample was spoken, on the hub's clock, in Unix milliseconds.</param>
/// <param name="FrameMs">Each frame's length in milliseconds (20, 40 or 60).</param>
/// <param name="Frames">Opus packets (RFC 6716), one per frame, in order.</param>
public sealed record HallAudioPacket(long Seq, long At, int FrameMs, byte[][] Frames)
{
    public const int SampleRate = 16_000;
}

/// <summary>How many listen to the hall audio, over all hosts (for the chair, secretary and organizer).</summary>
public sealed record HallListenerCount(int Count, DateTimeOffset At);
