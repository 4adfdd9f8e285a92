using System.Diagnostics;

namespace LiveSession.Testing;

/// <summary>
/// The host's clock in tests: it starts at a fixed instant, not at the machine's date, and runs at real speed
/// from there (timers and countdowns need time to pass). A test sets the day it plays (<see cref="SetNow"/>)
/// or jumps ahead (<see cref="Shift"/>, e.g. to reach a speaker's overtime without waiting).
/// </summary>
public sealed class TestClock : TimeProvider
{
    /// <summary>Tuesday 10 March 2026, 09:00 in Vietnam: an ordinary working day, far from year and half-year ends.</summary>
    public static readonly DateTimeOffset DefaultStart = Vietnam(2026, 3, 10, 9, 0);

    private readonly Stopwatch _running = Stopwatch.StartNew();
    private DateTimeOffset _start;

    public TestClock(DateTimeOffset? start = null) => _start = start ?? DefaultStart;

    /// <summary>Moves the clock by this much on top of the time that has run.</summary>
    public TimeSpan Shift { get; set; }

    public override DateTimeOffset GetUtcNow() => (_start + _running.Elapsed + Shift).ToUniversalTime();

    /// <summary>Elapsed-time measures (rate limits, pacing) see the shift too.</summary>
    public override long GetTimestamp() => base.GetTimestamp() + (long)(Shift.TotalSeconds * TimestampFrequency);

    /// <summary>From now on the clock reads <paramref name="now"/> and runs on from there.</summary>
    public void SetNow(DateTimeOffset now)
    {
        _start = now - _running.Elapsed - Shift;
    }

    /// <summary>Today's date in Vietnam by this clock.</summary>
    public DateOnly VietnamToday() => DateOnly.FromDateTime(GetUtcNow().ToOffset(TimeSpan.FromHours(7)).DateTime);

    /// <summary>An instant given in Vietnam time (UTC+7), the way the tests name their days.</summary>
    public static DateTimeOffset Vietnam(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(7));
}
