using System.Buffers.Binary;
using Concentus;
using Concentus.Enums;

namespace LiveSession.Hub.Audio;

/// <summary>
/// Compresses 16 kHz mono PCM to an Ogg Opus file (RFC 7845) with the Concentus encoder, for keeping
/// and playing back a turn's audio (about 1/20 of the WAV size at 24 kbit/s, speech quality). Concentus
/// has no Ogg muxer, hence the small page writer here.
/// </summary>
public static class OggOpusWriter
{
    private const int InputRate = 16_000;
    private const int FrameSamples = InputRate / 50; // 20 ms
    private const int GranuleRate = 48_000;          // Ogg Opus granules always count 48 kHz samples
    public const int PreSkip = 312;                  // the encoder's look-ahead at 48 kHz (6.5 ms)
    private const int Bitrate = 24_000;

    /// <summary>
    /// Encodes the first <paramref name="length"/> bytes of PCM16 read from <paramref name="pcm"/> to <paramref name="output"/>,
    /// a frame at a time: memory stays small however long the recording.
    /// </summary>
    public static async Task EncodeAsync(Stream pcm, long length, Stream output, CancellationToken cancellationToken)
    {
        var encoder = OpusCodecFactory.CreateEncoder(InputRate, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        encoder.Bitrate = Bitrate;
        var pages = new OggPageWriter(serial: 0x4C53_4155); // "LSAU"
        await output.WriteAsync(pages.Page(OpusHead(), granule: 0, first: true, last: false), cancellationToken);
        await output.WriteAsync(pages.Page(OpusTags(), granule: 0, first: false, last: false), cancellationToken);

        var samples = length / 2;
        var bytes = new byte[FrameSamples * 2];
        var frame = new short[FrameSamples];
        var packet = new byte[1275];
        var frames = Math.Max(1, (samples + FrameSamples - 1) / FrameSamples);
        for (long i = 0; i < frames; i++)
        {
            var from = i * FrameSamples;
            var count = (int)Math.Clamp(samples - from, 0, FrameSamples);
            await pcm.ReadExactlyAsync(bytes.AsMemory(0, count * 2), cancellationToken);
            frame.AsSpan().Clear();
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(bytes.AsSpan(0, count * 2)).CopyTo(frame);
            var encoded = encoder.Encode(frame, FrameSamples, packet, packet.Length);
            var granule = PreSkip + Math.Min(samples, (i + 1) * FrameSamples) * (GranuleRate / InputRate);
            await output.WriteAsync(pages.Page(packet.AsSpan(0, encoded), granule, first: false, last: i == frames - 1), cancellationToken);
        }
    }

    private static byte[] OpusHead()
    {
        var head = new byte[19];
        "OpusHead"u8.CopyTo(head);
        head[8] = 1;                                            // version
        head[9] = 1;                                            // channels
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(10), PreSkip);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(12), InputRate);
        return head;                                            // output gain 0, mapping family 0
    }

    private static byte[] OpusTags()
    {
        var vendor = "LiveSession (Concentus)"u8;
        var tags = new byte[8 + 4 + vendor.Length + 4];
        "OpusTags"u8.CopyTo(tags);
        BinaryPrimitives.WriteUInt32LittleEndian(tags.AsSpan(8), (uint)vendor.Length);
        vendor.CopyTo(tags.AsSpan(12));
        return tags;                                            // no user comments
    }

    /// <summary>One packet per Ogg page (simple, and fine for speech-sized files).</summary>
    private sealed class OggPageWriter(uint serial)
    {
        private uint _sequence;

        public byte[] Page(ReadOnlySpan<byte> packet, long granule, bool first, bool last)
        {
            var lacing = packet.Length / 255 + 1;
            var page = new byte[27 + lacing + packet.Length];
            "OggS"u8.CopyTo(page);
            page[5] = (byte)((first ? 0x02 : 0) | (last ? 0x04 : 0));
            BinaryPrimitives.WriteInt64LittleEndian(page.AsSpan(6), granule);
            BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(14), serial);
            BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(18), _sequence++);
            page[26] = (byte)lacing;
            for (var i = 0; i < lacing - 1; i++) page[27 + i] = 255;
            page[27 + lacing - 1] = (byte)(packet.Length % 255);
            packet.CopyTo(page.AsSpan(27 + lacing));
            BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(22), OggCrc.Compute(page));
            return page;
        }
    }

    /// <summary>Ogg's CRC-32: polynomial 0x04C11DB7, not reflected, initial value 0.</summary>
    internal static class OggCrc
    {
        private static readonly uint[] Table = BuildTable();

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint i = 0; i < 256; i++)
            {
                var r = i << 24;
                for (var bit = 0; bit < 8; bit++) r = (r & 0x8000_0000) != 0 ? (r << 1) ^ 0x04C1_1DB7 : r << 1;
                table[i] = r;
            }
            return table;
        }

        public static uint Compute(ReadOnlySpan<byte> data)
        {
            uint crc = 0;
            foreach (var b in data) crc = (crc << 8) ^ Table[((crc >> 24) & 0xFF) ^ b];
            return crc;
        }
    }
}
