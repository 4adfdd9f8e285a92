namespace LiveSession.Hub.Audio;

/// <summary>
/// Puts the blocks of one live microphone stream on the hub's clock. The stream is continuous at the
/// source, so a block starts where the blocks before it end (counted in samples); the stream as a whole
/// is placed by the earliest it could have been spoken: the smallest "arrival − audio sent so far"
/// seen. Network jitter and stalls only delay arrivals, so they never move the audio later; and a
/// block never starts before the previous one ended.
/// </summary>
public sealed class AudioClock
{
    private TimeSpan _sent;
    private DateTimeOffset? _anchor;
    private DateTimeOffset _previousEnd = DateTimeOffset.MinValue;

    /// <summary>When the block that just arrived at <paramref name="arrival"/>, <paramref name="duration"/> long, began to be spoken.</summary>
    public DateTimeOffset Stamp(DateTimeOffset arrival, TimeSpan duration)
    {
        var blockStart = _sent;
        _sent += duration;
        var anchor = arrival - _sent;
        if (_anchor is not { } known || anchor < known) _anchor = anchor;
        var start = _anchor.Value + blockStart;
        if (start < _previousEnd) start = _previousEnd;
        _previousEnd = start + duration;
        return start;
    }
}
