using System.Buffers.Binary;
using System.Text;

namespace LiveSession.Transcription.Whisper;

/// <summary>The audio is not in a form that can be used.</summary>
public sealed class WaveFormatException(string message) : Exception(message);

/// <summary>Decoded PCM audio: interleaved samples in -1..1.</summary>
public sealed record PcmAudio(float[] Interleaved, int SampleRate, int Channels)
{
    public int FrameCount => Interleaved.Length / Channels;
    public TimeSpan Duration => TimeSpan.FromSeconds((double)FrameCount / SampleRate);

    /// <summary>The channels averaged into one.</summary>
    public float[] Mono()
    {
        if (Channels == 1) return Interleaved;
        var mono = new float[FrameCount];
        for (var i = 0; i < mono.Length; i++)
        {
            var sum = 0f;
            for (var c = 0; c < Channels; c++) sum += Interleaved[i * Channels + c];
            mono[i] = sum / Channels;
        }
        return mono;
    }
}

/// <summary>Reads and writes RIFF/WAVE files: PCM 8/16/24/32-bit and IEEE float 32/64-bit.</summary>
public static class WaveFile
{
    public static PcmAudio Read(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            return Read(stream);
        }
        catch (WaveFormatException ex)
        {
            throw new WaveFormatException($"{path}: {ex.Message}");
        }
    }

    public static PcmAudio Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.ASCII, leaveOpen: true);
        if (!TryTag(reader, out var riff) || riff != "RIFF")
            throw new WaveFormatException("not a WAV file (no RIFF header)");
        reader.ReadUInt32();
        if (!TryTag(reader, out var wave) || wave != "WAVE")
            throw new WaveFormatException("not a WAV file (no WAVE tag)");
        int format = 0, channels = 0, sampleRate = 0, bits = 0;
        while (TryTag(reader, out var chunk))
        {
            var size = reader.ReadUInt32();
            if (chunk == "fmt ")
            {
                var fmt = reader.ReadBytes((int)size);
                if (fmt.Length < 16) throw new WaveFormatException("truncated fmt chunk");
                format = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(2));
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(fmt.AsSpan(4));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(14));
                if (format == 0xFFFE && fmt.Length >= 26) format = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(24));
            }
            else if (chunk == "data")
            {
                if (channels == 0) throw new WaveFormatException("data chunk before fmt chunk");
                // Streams written live may carry 0 or 0xFFFFFFFF as size: read to the end then.
                var data = size is 0 or uint.MaxValue ? ReadToEnd(reader.BaseStream) : reader.ReadBytes((int)Math.Min(size, int.MaxValue));
                return new PcmAudio(Decode(data, format, bits), sampleRate, channels);
            }
            else
            {
                Skip(reader, size + (size & 1));
                continue;
            }
            if ((size & 1) == 1) Skip(reader, 1);
        }
        throw new WaveFormatException("no data chunk");
    }

    private static float[] Decode(byte[] data, int format, int bits)
    {
        switch (format, bits)
        {
            case (1, 16):
            {
                var samples = new float[data.Length / 2];
                for (var i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(data.AsSpan(i * 2)) / 32768f;
                return samples;
            }
            case (1, 8):
                return [.. data.Select(b => (b - 128) / 128f)];
            case (1, 24):
            {
                var samples = new float[data.Length / 3];
                for (var i = 0; i < samples.Length; i++)
                    samples[i] = ((data[i * 3] << 8 | data[i * 3 + 1] << 16 | data[i * 3 + 2] << 24) >> 8) / 8388608f;
                return samples;
            }
            case (1, 32):
            {
                var samples = new float[data.Length / 4];
                for (var i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(i * 4)) / 2147483648f;
                return samples;
            }
            case (3, 32):
            {
                var samples = new float[data.Length / 4];
                for (var i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan(i * 4));
                return samples;
            }
            case (3, 64):
            {
                var samples = new float[data.Length / 8];
                for (var i = 0; i < samples.Length; i++) samples[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(data.AsSpan(i * 8));
                return samples;
            }
            default:
                throw new WaveFormatException($"unsupported WAV encoding (format {format}, {bits} bits); use PCM or float");
        }
    }

    /// <summary>Writes 16-bit PCM mono.</summary>
    public static void WriteMono16(string path, ReadOnlySpan<float> samples, int sampleRate) =>
        File.WriteAllBytes(path, Client.Protocol.AudioFormat.ToWav(Client.Protocol.AudioFormat.FromFloats(samples), sampleRate));

    private static bool TryTag(BinaryReader reader, out string tag)
    {
        var bytes = reader.ReadBytes(4);
        tag = Encoding.ASCII.GetString(bytes);
        return bytes.Length == 4;
    }

    private static void Skip(BinaryReader reader, long count)
    {
        if (reader.BaseStream.CanSeek) reader.BaseStream.Seek(count, SeekOrigin.Current);
        else reader.ReadBytes((int)count);
    }

    private static byte[] ReadToEnd(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
