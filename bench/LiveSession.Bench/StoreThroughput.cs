using System.Diagnostics;
using LiveSession.Domain.Floor;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Queue;
using LiveSession.Hub;
using LiveSession.Hub.Access;
using LiveSession.Hub.Meetings;
using StackExchange.Redis;
using Role = LiveSession.Domain.Meetings.Role;

namespace LiveSession.Bench;

/// <summary>
/// Commands per second on one meeting through the real MeetingService (decide → Lua commit with the
/// version check → broadcast), with 1, 4 and 16 concurrent writers on one host and 2 hosts × 8, beside
/// the bare Redis round trip (EVALSHA of a trivial script) with the same concurrency.
/// </summary>
public static class StoreThroughput
{
    public static async Task<string> RunAsync(string redis, TimeSpan duration)
    {
        await using var hostA = await StartHostAsync(redis);
        await using var hostB = await StartHostAsync(redis);
        var meetingsA = hostA.Services.GetRequiredService<MeetingService>();
        var meetingsB = hostB.Services.GetRequiredService<MeetingService>();
        var chair = await PrepareMeetingAsync(meetingsA);

        var rows = new List<string>
        {
            "| writers | hosts | commands/s | p50 ms | p99 ms | conflict retries | bare EVALSHA/s (same writers) | cost vs bare | load 1 min |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        // Warm up first (JIT tiers, connection pools): the first row would otherwise pay for it.
        await MeasureAsync(4, duration / 2, i => ExecuteOk(meetingsA, chair));
        await BareEvalShaAsync(redis, 4, duration / 2);
        foreach (var (writers, hosts) in new[] { (1, 1), (4, 1), (16, 1), (16, 2) })
        {
            var services = hosts == 1 ? new[] { meetingsA } : [meetingsA, meetingsB];
            var conflictsBefore = meetingsA.ConflictRetries + meetingsB.ConflictRetries;
            var store = await MeasureAsync(writers, duration, i => ExecuteOk(services[i % services.Length], chair));
            var conflicts = meetingsA.ConflictRetries + meetingsB.ConflictRetries - conflictsBefore;
            var bare = await BareEvalShaAsync(redis, writers, duration);
            rows.Add($"| {writers} | {hosts} | {store.PerSecond:N0} | {store.P50:0.00} | {store.P99:0.00} | {conflicts:N0} | {bare.PerSecond:N0} | {bare.PerSecond / store.PerSecond:0.0}× | {LoadAverage()} |");
            Console.WriteLine(rows[^1]);
        }
        var breakdown = await BreakdownAsync(hostA, chair, duration);
        return $"""
            Command `extendTimer` (state of constant size) on one meeting, {duration.TotalSeconds:0} s per row after a warm-up, redis-server on
            loopback, hosts in one process. "cost vs bare" = bare round trips per second ÷ commands per second.
            A host commits one meeting's waiting commands together (decided in order, one EVALSHA for the batch, each
            command its own version), so with several writers a command costs less than a round trip; a commit stores
            the events, and the whole state only every {LiveSession.Hub.Store.MeetingStore.SnapshotEvery} versions. The bare baseline pipelines the same number of
            concurrent EVALSHAs of `return 1`.
            Reproduce: `dotnet run -c Release --project bench/LiveSession.Bench -- --seconds {duration.TotalSeconds:0}`
            ({DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores).

            {string.Join("\n", rows)}

            Where one command's time goes, 1 writer on one host, each part timed alone in a loop for {duration.TotalSeconds:0} s
            (µs per call; the parts add up to the whole only roughly; 1-minute load average {LoadAverage()} at the end):

            | part | µs per call |
            |---|---:|
            {string.Join("\n", breakdown.Select(b => $"| {b.Part} | {b.Micros:0.0} |"))}
            """;
    }

    // Each step of MeetingService.ExecuteAsync alone, on the meeting's current state: what a command costs beyond the round trip.
    private static async Task<List<(string Part, double Micros)>> BreakdownAsync(WebApplication host, RoleGrant chair, TimeSpan duration)
    {
        var meetings = host.Services.GetRequiredService<MeetingService>();
        var store = host.Services.GetRequiredService<LiveSession.Hub.Store.MeetingStore>();
        var broadcaster = host.Services.GetRequiredService<LiveSession.Hub.Live.MeetingBroadcaster>();
        var redis = host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var state = (await meetings.LoadFreshAsync(chair.MeetingId))!;
        var context = new CommandContext(chair.Actor, DateTimeOffset.UtcNow);
        var (next, decision) = Decider.Execute(state, new ExtendTimer(1), context);
        var versioned = decision.Events.Select((e, i) => new VersionedEvent(state.Version + i + 1, e)).ToArray();
        var committedVersion = state.Version;
        var sha = Convert.FromHexString((string)(await redis.ExecuteAsync("SCRIPT", "LOAD", "return 1"))!);
        var parts = new List<(string, Func<Task>)>
        {
            ("bare EVALSHA round trip (trivial script)", () => redis.ScriptEvaluateAsync(sha)),
            ("decide and apply (`Decider.Execute`)", () => { Decider.Execute(state, new ExtendTimer(1), context); return Task.CompletedTask; }),
            ($"serialize state and event ({DomainJson.Serialize(next).Length:N0} + {DomainJson.Serialize(decision.Events[0]).Length} chars; a commit stores the state only once in {LiveSession.Hub.Store.MeetingStore.SnapshotEvery} versions)",
                () => { DomainJson.Serialize(next); DomainJson.Serialize(decision.Events[0]); return Task.CompletedTask; }),
            ("views and deltas, messages to the backplane (`MeetingBroadcaster.PublishAsync`)", () => broadcaster.PublishAsync(chair.MeetingId, versioned, state, next)),
            ("commit: serialize + EVALSHA of the commit script (`MeetingStore.CommitAsync`)", async () =>
            {
                var outcome = await store.CommitAsync(chair.MeetingId, committedVersion, next with { Version = committedVersion + 1 }, decision.Events);
                committedVersion = outcome.Version;
            }),
            ("whole command (`MeetingService.ExecuteAsync`)", () => ExecuteOk(meetings, chair)),
        };
        var result = new List<(string, double)>();
        foreach (var (part, operation) in parts)
        {
            var measured = await MeasureAsync(1, duration / 2, _ => operation());
            result.Add((part, 1_000_000 / measured.PerSecond));
        }
        // The commits above wrote behind the service's back: let it read the meeting afresh.
        await meetings.LoadFreshAsync(chair.MeetingId);
        return result;
    }

    // The machine's 1-minute load average (2 cores, shared with other work): above 2, figures are slowed by waiting for a core.
    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static async Task ExecuteOk(MeetingService meetings, RoleGrant chair)
    {
        var result = await meetings.ExecuteAsync(chair, new ExtendTimer(1));
        if (!result.Ok) throw new InvalidOperationException(result.ErrorMessage);
    }

    private static async Task<(double PerSecond, double P50, double P99)> MeasureAsync(int writers, TimeSpan duration, Func<int, Task> operation)
    {
        var latencies = new List<double>[writers];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            var mine = latencies[w] = [];
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                await operation(w);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return (all.Length / clock.Elapsed.TotalSeconds, all[all.Length / 2], all[(int)(all.Length * 0.99)]);
    }

    private static async Task<(double PerSecond, double P50, double P99)> BareEvalShaAsync(string redis, int writers, TimeSpan duration)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var db = connection.GetDatabase();
        var sha = Convert.FromHexString((string)(await db.ExecuteAsync("SCRIPT", "LOAD", "return 1"))!);
        return await MeasureAsync(writers, duration, _ => db.ScriptEvaluateAsync(sha));
    }

    private static async Task<RoleGrant> PrepareMeetingAsync(MeetingService meetings)
    {
        var id = $"bench{Guid.NewGuid():N}"[..16];
        var organizer = new RoleGrant(id, Role.Organizer, 0);
        var chair = new RoleGrant(id, Role.Chair, 0);
        await meetings.ExecuteAsync(organizer, new CreateMeeting("Benchmark", MeetingKind.Periodic, MeetingForm.Hybrid, "Hội trường",
            DateTimeOffset.UtcNow, "Chủ tịch", "Thư ký"));
        await meetings.ExecuteAsync(chair, new StartMeeting());
        await meetings.ExecuteAsync(chair, new RegisterSpeaker("Người phát biểu", RequestedMinutes: 30));
        await meetings.ExecuteAsync(chair, new CallNext());
        return chair;
    }

    private static async Task<WebApplication> StartHostAsync(string redis)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration["LiveSession:Redis"] = redis;
        builder.Configuration["LiveSession:DataDirectory"] = Path.Combine(Path.GetTempPath(), "ls-bench");
        builder.Configuration["Serilog:MinimumLevel:Default"] = "Warning";
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddLiveSession();
        var app = builder.Build();
        app.UseLiveSession();
        await app.StartAsync();
        return app;
    }
}
