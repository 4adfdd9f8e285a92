namespace LiveSession.Client.Protocol;

/// <summary>Whether the host keeps a recording of a turn (so a page offers "Nghe lại" only where there is one), and where in it a moment is.</summary>
public interface ITurnRecordingIndex
{
    bool Has(string meetingId, string turnId);

    /// <summary>Where in the turn's recording the speech spoken at <paramref name="at"/> (the hub's clock) is; null without a recording.</summary>
    TimeSpan? PositionOf(string meetingId, string turnId, DateTimeOffset at);
}

/// <summary>
/// Where a piece of a turn's recording began to be spoken: the recording is the turn's microphone streams one after
/// another, so each stream that fed it leaves a mark (when its first block was spoken, and how many bytes came before).
/// </summary>
public readonly record struct RecordingMark(DateTimeOffset SpokenAt, long Offset);

public static class RecordingTimeline
{
    /// <summary>
    /// The position in a recording of <paramref name="length"/> bytes of what was spoken at <paramref name="at"/>: within
    /// the last piece begun by then (kept inside it), the start of the first piece when earlier than all. The recording is
    /// 16 kHz mono PCM16 (<see cref="AudioFormat"/>).
    /// </summary>
    public static TimeSpan PositionOf(IReadOnlyList<RecordingMark> marks, DateTimeOffset at, long length)
    {
        ArgumentNullException.ThrowIfNull(marks);
        var piece = -1;
        for (var i = 0; i < marks.Count && marks[i].SpokenAt <= at; i++) piece = i;
        if (piece < 0) return TimeSpan.Zero;
        var start = marks[piece].Offset;
        var end = piece + 1 < marks.Count ? marks[piece + 1].Offset : length;
        var into = (long)((at - marks[piece].SpokenAt).TotalSeconds * AudioFormat.BytesPerSecond);
        var position = Math.Clamp(start + into, start, Math.Max(start, end));
        return TimeSpan.FromSeconds(position / (double)AudioFormat.BytesPerSecond);
    }
}
