using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace LiveSession.Hub.Files;

/// <summary>
/// Voice recordings and photos encrypted at rest. Each file has its own random AES-256 data key, wrapped by the hub's
/// Data Protection (purpose <see cref="Purpose"/>: the key ring in Redis, encrypted with the install's certificate) and
/// kept in the file's header; the content follows in chunks of <see cref="ChunkSize"/> bytes, each sealed with AES-GCM
/// (its own nonce: the chunk's index and a generation, its own tag, the file's logical name as associated data). A file
/// is then appended to (only its last, partial chunk is sealed again, under the next generation) and read or sought
/// chunk by chunk, never whole. Files from before (no header) are read and appended to as they are.
/// <code>
/// "LSFENC01" | chunk size (int32 LE) | wrapped key length (uint16 LE) | wrapped key | chunk 0 | chunk 1 | …
/// chunk: generation (uint32 LE) | ciphertext (chunk size, the last one shorter) | tag (16)
/// </code>
/// </summary>
public sealed class FilesAtRest(IDataProtectionProvider protection)
{
    public const string Purpose = "LiveSession.FilesAtRest";
    public const int ChunkSize = 16 * 1024;
    internal const int GenerationSize = 4;
    internal const int TagSize = 16;
    internal const int SlotOverhead = GenerationSize + TagSize;
    private const int FixedHeader = 14;
    private const int MaxWrappedKey = 4096;
    private const int KeySize = 32;

    internal static ReadOnlySpan<byte> Magic => "LSFENC01"u8;

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);
    // Appending seals the last chunk again: one writer at a time per file, and a reader never sees it half written.
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    private SemaphoreSlim Gate(string path) => _gates[(int)((uint)StringComparer.Ordinal.GetHashCode(path) % (uint)_gates.Length)];

    /// <summary>Whether the file starts as this class writes them (false: plaintext from before encryption).</summary>
    public static bool IsEncrypted(string path)
    {
        Span<byte> head = stackalloc byte[8];
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.SequenceEqual(Magic);
    }

    /// <summary>Writes a new file holding <paramref name="content"/>; <paramref name="name"/> (e.g. "attachments/m/id") binds it to its place.</summary>
    public async Task CreateAsync(string path, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true);
        await WriteNewAsync(file, name, content, cancellationToken);
    }

    /// <summary>Appends to the file (made when missing); false and nothing written when its content would pass <paramref name="maxLength"/>.</summary>
    public async Task<bool> AppendAsync(string path, string name, ReadOnlyMemory<byte> data, long maxLength, CancellationToken cancellationToken)
    {
        var gate = Gate(path);
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096, useAsync: true);
            if (file.Length == 0)
            {
                if (data.Length > maxLength) return false;
                await WriteNewAsync(file, name, data, cancellationToken);
                return true;
            }
            var head = new byte[Math.Min(file.Length, FixedHeader + MaxWrappedKey)];
            await file.ReadExactlyAsync(head, cancellationToken);
            using var key = ReadKey(head, name);
            if (key is null)
            {
                // Plaintext from before encryption: it stays one format to its end.
                if (file.Length + data.Length > maxLength) return false;
                file.Seek(0, SeekOrigin.End);
                await file.WriteAsync(data, cancellationToken);
                return true;
            }
            var layout = key.Layout(file.Length);
            if (layout.Length + data.Length > maxLength) return false;
            if (data.IsEmpty) return true;
            var tail = new byte[layout.TailLength + data.Length];
            uint generation = 0;
            if (layout.TailLength > 0)
            {
                var slot = new byte[SlotOverhead + layout.TailLength];
                file.Position = layout.SlotOffset(layout.FullChunks);
                await file.ReadExactlyAsync(slot, cancellationToken);
                generation = key.Open(layout.FullChunks, slot, tail) + 1;
            }
            data.CopyTo(tail.AsMemory(layout.TailLength));
            file.Position = layout.SlotOffset(layout.FullChunks);
            await key.WriteChunksAsync(file, layout.FullChunks, generation, tail, cancellationToken);
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The file's content as a read-only, seekable stream decrypted a chunk at a time, its length as the file is now (a
    /// file appended to later grows past it); a file from before encryption as it is; null when there is no file.
    /// Throws <see cref="FileTamperedException"/> when its key cannot be unwrapped or its first or last chunk is not
    /// as written (every chunk when <paramref name="checkWhole"/>: a small file refused before any of it is sent); any
    /// other chunk is checked as it is read.
    /// </summary>
    public Stream? OpenRead(string path, string name, bool checkWhole = false)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024, useAsync: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        var gate = Gate(path);
        gate.Wait();
        try
        {
            var head = new byte[Math.Min(file.Length, FixedHeader + MaxWrappedKey)];
            file.ReadExactly(head);
            var key = ReadKey(head, name);
            if (key is null)
            {
                file.Position = 0;
                return file;
            }
            try
            {
                var stream = new DecryptingStream(file, key, key.Layout(file.Length));
                if (checkWhole) stream.CheckWhole();
                return stream;
            }
            catch
            {
                key.Dispose();
                throw;
            }
        }
        catch
        {
            file.Dispose();
            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task WriteNewAsync(Stream file, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var dataKey = RandomNumberGenerator.GetBytes(KeySize);
        var wrapped = _protector.Protect(dataKey);
        var head = new byte[FixedHeader + wrapped.Length];
        Magic.CopyTo(head);
        BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(8), ChunkSize);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(12), checked((ushort)wrapped.Length));
        wrapped.CopyTo(head, FixedHeader);
        using var key = new FileKey(dataKey, head.Length, name);
        await file.WriteAsync(head, cancellationToken);
        await key.WriteChunksAsync(file, 0, 0, content, cancellationToken);
    }

    /// <summary>The file's key from its header; null when the file has no header (plaintext from before).</summary>
    private FileKey? ReadKey(ReadOnlySpan<byte> head, string name)
    {
        if (!head.StartsWith(Magic)) return null;
        if (head.Length < FixedHeader) throw new FileTamperedException(name, "its header is cut short");
        var keyLength = BinaryPrimitives.ReadUInt16LittleEndian(head[12..]);
        if (BinaryPrimitives.ReadInt32LittleEndian(head[8..]) != ChunkSize || keyLength > MaxWrappedKey || head.Length < FixedHeader + keyLength)
            throw new FileTamperedException(name, "its header is not one this host writes");
        byte[] dataKey;
        try
        {
            dataKey = _protector.Unprotect(head.Slice(FixedHeader, keyLength).ToArray());
        }
        catch (CryptographicException e)
        {
            throw new FileTamperedException(name,
                "its key cannot be unwrapped (the file was altered, or this host's key ring and certificate are not the ones that wrote it)", e);
        }
        if (dataKey.Length != KeySize) throw new FileTamperedException(name, "its key is not an AES-256 key");
        return new FileKey(dataKey, FixedHeader + keyLength, name);
    }
}

/// <summary>A stored file that cannot be read as written: altered, damaged, or sealed with another key ring.</summary>
public sealed class FileTamperedException(string name, string reason, Exception? inner = null)
    : IOException($"The stored file {name} cannot be read: {reason}.", inner)
{
    public string Name { get; } = name;
}
