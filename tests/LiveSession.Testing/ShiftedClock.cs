namespace LiveSession.Testing;

/// <summary>The host's clock, which a test can move forward (e.g. to reach a speaker's overtime without waiting).</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Shift { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
}
