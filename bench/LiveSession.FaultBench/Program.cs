using System.Diagnostics;
using System.Globalization;
using System.Text;
using LiveSession.Client;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Queue;
using LiveSession.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

// How long recovery takes, and that nothing acknowledged is lost, for the faults of issue 9:
// the host killed with -9 and restarted, one of two hosts behind a balancer killed, redis-server killed and restarted.
// Usage: dotnet run -c Release --project bench/LiveSession.FaultBench -- [--clients 200,1000] [--out docs/benchmarks.md]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var levels = (Arg("--clients") ?? "200,1000").Split(',').Select(int.Parse).ToArray();
var root = FindRoot();
var output = Arg("--out") ?? Path.Combine(root, "docs", "benchmarks.md");
var command = "dotnet run -c Release --project bench/LiveSession.FaultBench" + (args.Length > 0 ? " -- " + string.Join(' ', args) : "");

// WebApplicationFactory reads its manifest from the working directory; name the host's content root instead.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_LIVESESSION_HUB", Path.Combine(root, "src", "Hub"));
var redis = new RedisServer();
await redis.InitializeAsync();
// An in-process host: it issues the role links and creates meetings, and is the survivor in the two-host case.
var survivor = new TestHost(redis);
var kills = new List<string>();
var failovers = new List<string>();
string outage;
try
{
    foreach (var clients in levels) kills.Add(await HostKilledAsync(clients));
    foreach (var clients in levels) failovers.Add(await OneOfTwoHostsKilledAsync(clients));
    outage = await RedisKilledAsync(levels[0]);
}
finally
{
    await survivor.DisposeAsync();
    await redis.DisposeAsync();
}

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"Reproduce: `{command}` ({DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores). Clients are .NET SignalR clients");
report.AppendLine("(`MeetingConnection`, reconnecting with a back-off of 0.2, 0.4, 0.8, 1.6, 3.2 then 5 s) in the bench process; hosts are");
report.AppendLine("`dotnet LiveSession.Hub.dll` processes; redis-server runs with AOF and `appendfsync always`. Times are from the fault.");
report.AppendLine();
report.AppendLine("**Host killed (-9) mid-meeting and restarted at once** (as a service manager does), the chair registering a speaker");
report.AppendLine("every 20 ms throughout. \"Resynced\" = the client is connected again and shows at least every change stored before the host was back.");
report.AppendLine();
report.AppendLine("| clients | host back (health) s | clients resynced p50 s | p95 s | max s | commands acknowledged | stored | acknowledged but lost | load 1 min |");
report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
kills.ForEach(row => report.AppendLine(row));
report.AppendLine();
report.AppendLine("**One of two hosts killed (-9)** behind a failover balancer (a TCP proxy that sends each new connection to the first");
report.AppendLine("host that accepts it). The chair and 5 organizer consoles are on the surviving host, which also serves the clients that move.");
report.AppendLine();
report.AppendLine("| clients moved | resynced on the survivor p50 s | p95 s | max s | connections the balancer sent to the survivor | chair commands refused | consoles' missed or repeated events | consoles' reconnects | load 1 min |");
report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
failovers.ForEach(row => report.AppendLine(row));
report.AppendLine();
report.AppendLine("**redis-server killed (-9) for 3 s and restarted** (AOF replayed), one host, the chair trying a command every 100 ms.");
report.AppendLine();
report.AppendLine("| clients | clients told \"mất kết nối máy chủ dữ liệu\" p50 s | max s | commands in the outage | refused as `store_unavailable` | half-applied | clients told it is back p50 s (from restart) | max s | first command accepted s (from restart) | state after = before + the one accepted command | load 1 min |");
report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
report.AppendLine(outage);
WriteSection(output, report.ToString());
Console.WriteLine(report);
return;

async Task<string> HostKilledAsync(int count)
{
    var (id, host, clients, chair) = await MeetingOnItsOwnHostAsync(count);
    await using var _ = host;
    var busy = new BusyChair(chair, TimeSpan.FromMilliseconds(20));
    await Eventually.TrueAsync(() => busy.Acknowledged.Count >= 20, "the meeting is busy");

    await host.KillAsync();
    var clock = Stopwatch.StartNew();
    await host.StartAsync();
    var back = clock.Elapsed.TotalSeconds;
    var storedWhenBack = (await survivor.Meetings.LoadFreshAsync(id))!.Version;
    var resynced = await TimesUntilAsync(clients, c => c.Reconnects >= 1 && c.ConnectionState == HubConnectionState.Connected && c.View?.Version >= storedWhenBack, clock);
    await Eventually.TrueAsync(() => busy.Acknowledged.Count >= 40, "the chair carries on", 60);
    await busy.StopAsync();
    var acknowledged = busy.Acknowledged;

    var events = await survivor.Services.GetRequiredService<LiveSession.Hub.Store.MeetingStore>().AllEventsAsync(id);
    var registered = events.Where(e => e.Event is SpeakerRegistered).Select(e => e.Version).ToHashSet();
    var lost = acknowledged.Count(v => !registered.Contains(v));
    var final = (await survivor.Meetings.LoadFreshAsync(id))!.Version;
    await Eventually.TrueAsync(() => clients.All(c => c.View?.Version == final), "every client reaches the last version", 60);
    await DisposeAllAsync(clients.Append(chair));
    return $"| {count:N0} | {back:0.00} | {Percentile(resynced, 50):0.00} | {Percentile(resynced, 95):0.00} | {resynced.Max():0.00} | {acknowledged.Count} | {registered.Count} | {lost} | {Load()} |";
}

async Task<string> OneOfTwoHostsKilledAsync(int count)
{
    var id = await survivor.CreateMeetingAsync();
    await using var doomed = new HostProcess(redis, RedisServer.FreePort());
    await doomed.StartAsync();
    await using var balancer = new FailoverProxy(doomed.BaseAddress.Port, survivor.Port);
    var movers = await ConnectAsync(new Uri(balancer.BaseAddress, HubContract.Path), id, count);
    var consoles = new List<EventWatcher>();
    for (var i = 0; i < 5; i++) consoles.Add(await EventWatcher.StartAsync(survivor.HubUrl, survivor.Token(id, Role.Organizer)));
    var chair = await survivor.ConnectAsync(id, Role.Chair);
    var busy = new BusyChair(chair, TimeSpan.FromMilliseconds(20));
    await Eventually.TrueAsync(() => busy.Answers.Count >= 20, "the meeting is busy");

    var storedAtKill = (await survivor.Meetings.LoadFreshAsync(id))!.Version;
    await doomed.KillAsync();
    var clock = Stopwatch.StartNew();
    var resynced = await TimesUntilAsync(movers, c => c.Reconnects >= 1 && c.ConnectionState == HubConnectionState.Connected && c.View?.Version >= storedAtKill, clock);
    await busy.StopAsync();

    var final = (await survivor.Meetings.LoadFreshAsync(id))!.Version;
    await Eventually.TrueAsync(() => movers.All(c => c.View?.Version == final), "the moved clients reach the last version", 60);
    var missedOrRepeated = 0;
    var reconnects = 0;
    foreach (var console in consoles)
    {
        await Eventually.TrueAsync(() => console.Versions.LastOrDefault() == final, "the console has the last event");
        missedOrRepeated += console.Irregularities(final);
        reconnects += console.State == HubConnectionState.Connected ? 0 : 1;
        await console.DisposeAsync();
    }
    var refused = busy.Answers.Count(r => !r.Ok) + busy.Failures;
    await DisposeAllAsync(movers.Append(chair));
    return $"| {count:N0} | {Percentile(resynced, 50):0.00} | {Percentile(resynced, 95):0.00} | {resynced.Max():0.00} | {balancer.RoutedTo(survivor.Port):N0} | {refused} | {missedOrRepeated} | {reconnects} | {Load()} |";
}

async Task<string> RedisKilledAsync(int count)
{
    var (id, host, clients, chair) = await MeetingOnItsOwnHostAsync(count);
    await using var _ = host;
    for (var i = 0; i < 5; i++) await chair.ExecuteAsync(new RegisterSpeaker($"Người {i}"));
    var before = (await survivor.Meetings.LoadFreshAsync(id))!.Version;

    await redis.KillAsync();
    var clock = Stopwatch.StartNew();
    var attempts = new List<CommandResult>();
    var told = await TimesUntilAsync(clients, c => !c.Store.Available, clock);
    while (clock.Elapsed < TimeSpan.FromSeconds(3))
    {
        try { attempts.Add(await chair.ExecuteAsync(new RegisterSpeaker("Trong lúc mất kết nối"))); }
        catch (Microsoft.AspNetCore.SignalR.HubException) { attempts.Add(new CommandResult(false, -1, "error")); }
        await Task.Delay(100);
    }

    var restart = Stopwatch.StartNew(); // from launching redis-server again, its AOF replay included
    await redis.StartAsync();
    var back = await TimesUntilAsync(clients, c => c.Store.Available, restart);
    double accepted;
    while (true)
    {
        var result = await chair.ExecuteAsync(new RegisterSpeaker("Sau khi có lại kết nối"));
        if (result.Ok) { accepted = restart.Elapsed.TotalSeconds; break; }
        await Task.Delay(50);
    }
    var after = (await survivor.Meetings.LoadFreshAsync(id))!;
    var halfApplied = after.Speakers.Count(s => s.Name == "Trong lúc mất kết nối");
    var intact = after.Version == before + 1 && after.Speakers.Count == 6 && halfApplied == 0;
    await DisposeAllAsync(clients.Append(chair));
    return $"| {count:N0} | {Percentile(told, 50):0.00} | {told.Max():0.00} | {attempts.Count} | {attempts.Count(a => a.ErrorCode == "store_unavailable")} | {halfApplied} | " +
        $"{Percentile(back, 50):0.00} | {back.Max():0.00} | {accepted:0.00} | {(intact ? "yes" : "no")} | {Load()} |";
}

// A new meeting on a host process of its own, with the clients (a screen in ten) and the chair connected.
async Task<(string, HostProcess, List<MeetingConnection>, MeetingConnection)> MeetingOnItsOwnHostAsync(int count)
{
    var id = await survivor.CreateMeetingAsync();
    var host = new HostProcess(redis, RedisServer.FreePort());
    await host.StartAsync();
    var clients = await ConnectAsync(host.HubUrl, id, count);
    var chair = new MeetingConnection(host.HubUrl, survivor.Token(id, Role.Chair));
    await chair.StartAsync();
    return (id, host, clients, chair);
}

async Task<List<MeetingConnection>> ConnectAsync(Uri hubUrl, string id, int count)
{
    var clients = new MeetingConnection[count];
    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
    {
        clients[i] = new MeetingConnection(hubUrl, survivor.Token(id, i % 10 == 0 ? Role.Screen : Role.Participant));
        await clients[i].StartAsync(token);
    });
    return [.. clients];
}

// Seconds from the clock's start until each item met the condition (polled every 10 ms, at most 120 s).
static async Task<double[]> TimesUntilAsync<T>(IReadOnlyList<T> items, Func<T, bool> done, Stopwatch clock)
{
    var times = new double[items.Count];
    Array.Fill(times, double.NaN);
    while (times.Any(double.IsNaN))
    {
        if (clock.Elapsed > TimeSpan.FromSeconds(120)) throw new TimeoutException($"{times.Count(double.IsNaN)} of {items.Count} never recovered");
        for (var i = 0; i < items.Count; i++)
            if (double.IsNaN(times[i]) && done(items[i])) times[i] = clock.Elapsed.TotalSeconds;
        await Task.Delay(10);
    }
    return times;
}

static async Task DisposeAllAsync(IEnumerable<MeetingConnection> connections)
{
    foreach (var connection in connections) await connection.DisposeAsync();
}

static double Percentile(double[] values, double percent)
{
    var sorted = values.Order().ToArray();
    return sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

static string FindRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LiveSession.sln"))) directory = directory.Parent;
    return directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
}

static void WriteSection(string path, string body)
{
    const string begin = "<!-- fault-bench:begin -->", end = "<!-- fault-bench:end -->";
    var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
    var section = $"{begin}\n{body.TrimEnd()}\n{end}";
    var start = text.IndexOf(begin, StringComparison.Ordinal);
    text = start < 0
        ? text.TrimEnd() + "\n\n## Faults: recovery time and nothing lost\n\n" + section + "\n"
        : text[..start] + section + text[(text.IndexOf(end, StringComparison.Ordinal) + end.Length)..];
    File.WriteAllText(path, text);
}
