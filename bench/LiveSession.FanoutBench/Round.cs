using System.Diagnostics;

namespace LiveSession.FanoutBench;

/// <summary>
/// One change on its way to every client: when each client first got a message after the change was sent.
/// Clients are numbered; a second message to the same client in the same round does not count again.
/// </summary>
internal sealed class Round(int expected)
{
    private readonly long[] _arrivals = new long[expected];
    private int _arrived;

    public long Start { get; } = Stopwatch.GetTimestamp();
    public ManualResetEventSlim AllArrived { get; } = new();
    public int Arrived => Volatile.Read(ref _arrived);

    /// <summary>The raw message of one chosen client (a participant), to replay the same bytes through the bare relay.</summary>
    public string? Sample { get; set; }

    public void Record(int client, long timestamp)
    {
        if (client >= _arrivals.Length || Interlocked.CompareExchange(ref _arrivals[client], timestamp, 0) != 0) return;
        if (Interlocked.Increment(ref _arrived) == _arrivals.Length) AllArrived.Set();
    }

    /// <summary>Milliseconds from the send to each client's arrival.</summary>
    public IEnumerable<double> Latencies() => _arrivals.Select(t => Stopwatch.GetElapsedTime(Start, t).TotalMilliseconds);

    /// <summary>Milliseconds until the last client had it.</summary>
    public double LastArrival() => Stopwatch.GetElapsedTime(Start, _arrivals.Max()).TotalMilliseconds;
}

/// <summary>Latencies gathered over the rounds of one row: per delivery, and per change until every client had it.</summary>
internal sealed class Deliveries
{
    private readonly List<double> _each = [];
    private readonly List<double> _last = [];

    public void Add(Round round)
    {
        _each.AddRange(round.Latencies());
        _last.Add(round.LastArrival());
    }

    public int Changes => _last.Count;
    public Percentiles Each => Percentiles.Of(_each);
    public Percentiles Last => Percentiles.Of(_last);
}

internal readonly record struct Percentiles(double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(List<double> values)
    {
        var sorted = values.Order().ToList();
        return new Percentiles(At(sorted, 50), At(sorted, 95), At(sorted, 99), sorted.Count == 0 ? double.NaN : sorted[^1]);
    }

    public static double At(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{P50:F1} | {P95:F1} | {P99:F1} | {Max:F1}");
}
