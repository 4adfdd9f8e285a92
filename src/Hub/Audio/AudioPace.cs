namespace LiveSession.Hub.Audio;

/// <summary>
/// Holds one microphone stream to the pace of speech: since the stream began, at most <see cref="MaxSpeed"/> seconds
/// of audio per second, plus <see cref="Burst"/> that a browser may have held back during a network stall and sends
/// at once. A client pushing audio faster is not a microphone.
/// </summary>
public sealed class AudioPace(TimeProvider clock)
{
    public const double MaxSpeed = 1.2;
    public static readonly TimeSpan Burst = TimeSpan.FromSeconds(3);

    private readonly long _started = clock.GetTimestamp();
    private TimeSpan _received;

    /// <summary>Counts a block of <paramref name="duration"/>; false when the stream has now run ahead of the pace.</summary>
    public bool Take(TimeSpan duration)
    {
        _received += duration;
        return _received <= clock.GetElapsedTime(_started) * MaxSpeed + Burst;
    }
}
