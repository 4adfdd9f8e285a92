namespace LiveSession.Hub.Files;

/// <summary>
/// An encrypted file read as its plaintext: one chunk in memory at a time. Its first and last chunks are opened as it is
/// made (the last kept in memory: a writer may seal it again while this is read); the others as they are read.
/// </summary>
internal sealed class DecryptingStream : Stream
{
    private readonly FileStream _file;
    private readonly FileKey _key;
    private readonly ChunkLayout _layout;
    private readonly byte[] _slot = new byte[ChunkLayout.SlotSize];
    private readonly byte[] _chunk = new byte[FilesAtRest.ChunkSize];
    private readonly byte[] _tail;
    private long _chunkIndex = -1;
    private long _position;

    public DecryptingStream(FileStream file, FileKey key, ChunkLayout layout)
    {
        _file = file;
        _key = key;
        _layout = layout;
        _tail = new byte[layout.TailLength];
        if (layout.TailLength > 0)
        {
            var slot = _slot.AsSpan(0, FilesAtRest.SlotOverhead + layout.TailLength);
            file.Position = layout.SlotOffset(layout.FullChunks);
            file.ReadExactly(slot);
            key.Open(layout.FullChunks, slot, _tail);
        }
        if (layout.FullChunks > 0) Load(0);
    }

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => _layout.Length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    private long Index => _position / FilesAtRest.ChunkSize;

    /// <summary>Whether the chunk at the position must still be read from the file.</summary>
    private bool Missing => _position < _layout.Length && Index < _layout.FullChunks && Index != _chunkIndex;

    public override int Read(Span<byte> buffer)
    {
        if (Missing) Load(Index);
        return CopyOut(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Missing)
        {
            var index = Index;
            _file.Position = _layout.SlotOffset(index);
            await _file.ReadExactlyAsync(_slot, cancellationToken);
            Opened(index);
        }
        return CopyOut(buffer.Span);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Opens every chunk once (then starts again from the first).</summary>
    public void CheckWhole()
    {
        for (long index = 1; index < _layout.FullChunks; index++) Load(index);
        if (_layout.FullChunks > 0) Load(0);
    }

    private void Load(long index)
    {
        _file.Position = _layout.SlotOffset(index);
        _file.ReadExactly(_slot);
        Opened(index);
    }

    private void Opened(long index)
    {
        _chunkIndex = -1;
        _key.Open(index, _slot, _chunk);
        _chunkIndex = index;
    }

    private int CopyOut(Span<byte> buffer)
    {
        if (_position >= _layout.Length) return 0;
        var source = Index < _layout.FullChunks ? _chunk : _tail;
        var offset = (int)(_position % FilesAtRest.ChunkSize);
        var count = Math.Min(buffer.Length, source.Length - offset);
        source.AsSpan(offset, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => _layout.Length + offset,
    };

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
            _key.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync();
        _key.Dispose();
        await base.DisposeAsync();
    }
}
