using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace LiveSession.Hub.Files;

/// <summary>Where a file's chunks are: after its header, whole ones, then maybe a last, shorter one.</summary>
internal readonly record struct ChunkLayout(long DataStart, long FullChunks, int TailLength)
{
    public const int SlotSize = FilesAtRest.SlotOverhead + FilesAtRest.ChunkSize;

    /// <summary>The plaintext's length.</summary>
    public long Length => FullChunks * FilesAtRest.ChunkSize + TailLength;

    public long SlotOffset(long index) => DataStart + index * SlotSize;
}

/// <summary>One file's unwrapped data key: seals and opens its chunks.</summary>
internal sealed class FileKey : IDisposable
{
    private readonly AesGcm _aes;
    private readonly long _dataStart;
    private readonly byte[] _associatedData;
    private readonly string _name;

    /// <summary>Takes the key (and clears the array).</summary>
    public FileKey(byte[] dataKey, long dataStart, string name)
    {
        _aes = new AesGcm(dataKey, FilesAtRest.TagSize);
        CryptographicOperations.ZeroMemory(dataKey);
        _dataStart = dataStart;
        _associatedData = Encoding.UTF8.GetBytes(name);
        _name = name;
    }

    public ChunkLayout Layout(long fileLength)
    {
        var body = fileLength - _dataStart;
        var tail = (int)(body % ChunkLayout.SlotSize);
        if (tail is > 0 and <= FilesAtRest.SlotOverhead) throw Tampered("its last chunk is cut short");
        return new ChunkLayout(_dataStart, body / ChunkLayout.SlotSize, tail == 0 ? 0 : tail - FilesAtRest.SlotOverhead);
    }

    /// <summary>Seals <paramref name="plain"/> as chunks from <paramref name="index"/> on, the first under <paramref name="generation"/>.</summary>
    public async Task WriteChunksAsync(Stream file, long index, uint generation, ReadOnlyMemory<byte> plain, CancellationToken cancellationToken)
    {
        var slot = new byte[ChunkLayout.SlotSize];
        for (var offset = 0; offset < plain.Length; offset += FilesAtRest.ChunkSize, index++, generation = 0)
        {
            var length = Math.Min(FilesAtRest.ChunkSize, plain.Length - offset);
            Seal(index, generation, plain.Span.Slice(offset, length), slot);
            await file.WriteAsync(slot.AsMemory(0, FilesAtRest.SlotOverhead + length), cancellationToken);
        }
    }

    private void Seal(long index, uint generation, ReadOnlySpan<byte> plain, Span<byte> slot)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(slot, generation);
        Span<byte> nonce = stackalloc byte[12];
        Nonce(nonce, index, generation);
        var ciphertext = slot.Slice(FilesAtRest.GenerationSize, plain.Length);
        _aes.Encrypt(nonce, plain, ciphertext, slot.Slice(FilesAtRest.GenerationSize + plain.Length, FilesAtRest.TagSize), _associatedData);
    }

    /// <summary>Opens chunk <paramref name="index"/> from its whole slot into <paramref name="plain"/>; returns its generation.</summary>
    public uint Open(long index, ReadOnlySpan<byte> slot, Span<byte> plain)
    {
        var generation = BinaryPrimitives.ReadUInt32LittleEndian(slot);
        var length = slot.Length - FilesAtRest.SlotOverhead;
        Span<byte> nonce = stackalloc byte[12];
        Nonce(nonce, index, generation);
        try
        {
            _aes.Decrypt(nonce, slot.Slice(FilesAtRest.GenerationSize, length), slot.Slice(FilesAtRest.GenerationSize + length, FilesAtRest.TagSize),
                plain[..length], _associatedData);
        }
        catch (CryptographicException e)
        {
            throw Tampered($"chunk {index} is not as it was written (altered or damaged)", e);
        }
        return generation;
    }

    // A chunk index and how many times that (last, partial) chunk was sealed before: never the same nonce twice under one key.
    private static void Nonce(Span<byte> nonce, long index, uint generation)
    {
        BinaryPrimitives.WriteInt64LittleEndian(nonce, index);
        BinaryPrimitives.WriteUInt32LittleEndian(nonce[8..], generation);
    }

    public FileTamperedException Tampered(string reason, Exception? inner = null) => new(_name, reason, inner);

    public void Dispose() => _aes.Dispose();
}
