using System.Diagnostics.Metrics;
using System.Globalization;
using LiveSession.Hub.Live;
using LiveSession.Hub.Workers;
using StackExchange.Redis;

namespace LiveSession.Hub.Health;

/// <summary>
/// The live figures an operator watches, as the .NET meter "LiveSession.Hub": connections to this host, meeting commands
/// by outcome, the commit's round trip to Redis, each meeting's transcription backlog and Redis's memory. The office reads
/// them at /metrics (Prometheus text; commands/s and the commit p99 are what Prometheus computes from the counter and the
/// histogram), and <c>dotnet-counters monitor -n LiveSession.Hub --counters LiveSession.Hub</c> shows them on the box.
/// </summary>
public sealed class HubMetrics
{
    public const string MeterName = "LiveSession.Hub";
    public const string Path = "/metrics";

    private readonly Counter<long> _commands;
    private readonly Histogram<double> _commit;

    public HubMetrics(IMeterFactory meters, LocalConnections<MeetingHub> connections, TranscriberStatuses transcribers,
        IConnectionMultiplexer redis, TimeProvider clock)
    {
        var meter = meters.Create(MeterName);
        _commands = meter.CreateCounter<long>("livesession.commands", "{command}", "Meeting commands decided on this host, by outcome");
        _commit = meter.CreateHistogram<double>("livesession.commit.duration", "s", "Round trip of one commit (a batch of commands) to Redis",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5] });
        meter.CreateObservableGauge("livesession.connections", () => connections.Count, "{connection}",
            "Hub connections open on this host (phones, pages, microphones, workers)");
        meter.CreateObservableGauge("livesession.transcription.backlog", () => transcribers.FreshHere(clock.GetUtcNow())
                .Select(s => new Measurement<double>(s.Value.BacklogSeconds, new KeyValuePair<string, object?>("meeting", s.Key))),
            "s", "Speech a meeting's transcription worker has not transcribed yet, as it last reported");
        meter.CreateObservableGauge("livesession.redis.memory", () => RedisMemory(redis), "By", "Memory Redis uses (used_memory)");
    }

    public void Decided(bool accepted) => _commands.Add(1, new KeyValuePair<string, object?>("outcome", accepted ? "accepted" : "refused"));

    public void Committed(TimeSpan roundTrip) => _commit.Record(roundTrip.TotalSeconds);

    // INFO through a script: the client library lets INFO itself through only on a connection in admin mode, which would
    // also let this host's code flush or reconfigure the store.
    private static IEnumerable<Measurement<long>> RedisMemory(IConnectionMultiplexer redis)
    {
        long? used = null;
        try
        {
            var info = (string?)redis.GetDatabase().ScriptEvaluate("return redis.call('INFO', 'memory')") ?? "";
            var line = info.Split('\n').FirstOrDefault(l => l.StartsWith("used_memory:", StringComparison.Ordinal));
            if (long.TryParse(line?["used_memory:".Length..].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes)) used = bytes;
        }
        catch (RedisException)
        {
            // Redis away: no figure rather than a wrong one (the health check says it is down).
        }
        return used is { } value ? [new Measurement<long>(value)] : [];
    }
}
