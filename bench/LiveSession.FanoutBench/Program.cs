using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiveSession.Client;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Questions;
using LiveSession.Domain.Queue;
using LiveSession.FanoutBench;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

if (args.FirstOrDefault() == "bare-host")
{
    await BareHost.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture));
    return;
}

// Usage: dotnet run -c Release --project bench/LiveSession.FanoutBench -- [--levels 100,500,1000,2000] [--rounds 20] [--cycles 5] [--gap 100] [--backplane off] [--client lean|dotnet] [--trace] [--out docs/benchmarks.md]
// Starts redis-server and the host (its Release build) as child processes, opens a realistic mix of clients from this
// process in steps (participants, hall screens, secretary and organizer consoles), and times how long each chair action
// takes to reach every client: a single extendTimer probe, then a scripted meeting. Then the same through a bare relay.
var levels = (Arg("--levels") ?? "100,500,1000,2000").Split(',').Select(int.Parse).ToArray();
var rounds = int.Parse(Arg("--rounds") ?? "20", CultureInfo.InvariantCulture);
var cycles = int.Parse(Arg("--cycles") ?? "5", CultureInfo.InvariantCulture);
var gap = TimeSpan.FromMilliseconds(int.Parse(Arg("--gap") ?? "100", CultureInfo.InvariantCulture));
// `--trace`: print every round's time until all clients had it (to see whether a tail is one change or many).
var trace = args.Contains("--trace");
// `--client`: what the measured followers (LiveSession's and the bare relay's alike) are. `lean` (default): LeanClient,
// a bare WebSocket speaking the hub protocol that only recognizes each message's target; `dotnet`: the SignalR .NET
// HubConnection, which parses every message into objects and dispatches it to a handler. The chair, the organizer, the
// relay's sender and the message-size spy are .NET clients either way.
var clientKind = Arg("--client") ?? "lean";
if (clientKind is not ("lean" or "dotnet")) throw new ArgumentException($"--client {clientKind}: lean or dotnet");
var root = FindRoot();
var output = Arg("--out") ?? Path.Combine(root, "docs", "benchmarks.md");
var configuration = AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug";
var hubDll = Path.Combine(root, "src", "Hub", "bin", configuration, "net10.0", "LiveSession.Hub.dll");
// `attack`: the public link under attack beside the scripted meeting (see AttackRun); `attack-clients`: its attacker process.
if (args.FirstOrDefault() == "attack-clients")
{
    Environment.ExitCode = await AttackRun.AttackClientsAsync(args);
    return;
}
if (args.FirstOrDefault() == "hall-audio")
{
    Environment.ExitCode = await HallAudioRun.RunAsync(args, root, hubDll);
    return;
}
if (args.FirstOrDefault() == "attack")
{
    Environment.ExitCode = await AttackRun.RunAsync(args, root, hubDll);
    return;
}
var command = "dotnet run -c Release --project bench/LiveSession.FanoutBench" + (args.Length > 0 ? " -- " + string.Join(' ', args) : "");
const string adminKey = "fanout-bench";

await using var redis = await ChildProcess.StartRedisAsync();
// `--backplane off`: the host without the Redis backplane (one host only), to see what the backplane's hop costs.
var backplane = Arg("--backplane") != "off";
await using var host = await ChildProcess.StartHostAsync(hubDll, redis.Port, adminKey, backplane);
var baseUrl = new Uri($"http://127.0.0.1:{host.Port}");
var hubUrl = new Uri(baseUrl, HubContract.Path);
Console.WriteLine($"host pid {host.Process.Id} on {baseUrl}, {configuration} build");

// A meeting with some history: 40 registrations, 50 written questions, a speaker on the floor.
var TokenOf = await BenchMeetings.CreateAsync(baseUrl, adminKey, "Hội nghị đối thoại – đo hiệu năng");

await using var chair = new MeetingConnection(hubUrl, TokenOf("chair"));
await chair.StartAsync();
await using var organizer = new MeetingConnection(hubUrl, TokenOf("organizer"));
await organizer.StartAsync();
await Must(chair.ExecuteAsync(new StartMeeting()));
for (var i = 0; i < 40; i++)
    await Must(organizer.ExecuteAsync(new RegisterSpeaker($"Người đăng ký số {i + 1}", "Thôn Đông", Topic: "Đề nghị sửa chữa tuyến đường liên thôn")));
for (var i = 0; i < 50; i++)
    await Must(organizer.ExecuteAsync(new SubmitQuestion($"Người hỏi {i + 1}", "Thôn Tây", $"Câu hỏi số {i + 1} về đất đai, giải phóng mặt bằng và tiền bồi thường.", "Đất đai")));
await Must(chair.ExecuteAsync(new CallNext()));
var participantToken = TokenOf("participant");

Round? current = null;
long received = 0;
var deltaJson = "{}";
// What one chair action costs on the wire: the participants' part-delta against the events the chair's console gets.
var sizes = await MessageSizesAsync();

await Task.Delay(2000);
var baseline = host.ResidentBytes();
var clients = new List<IAsyncDisposable>();
var mix = new Dictionary<ClientKind, int>();
var probeRows = new List<string>();
var scriptRows = new List<string>();
var resourceRows = new List<string>();
var results = new Dictionary<int, (Percentiles Probe, Deliveries Script, List<string> Samples)>();
var stepSizes = new Dictionary<string, List<int>>();

// The same fan-out through a bare relay hub: the limit of SignalR itself on this machine, the same messages
// (the participants' bytes of each change, recorded at the same level) to the same number of connections, measured
// right after LiveSession at each level so that both see about the same load on the machine.
await using var bare = await ChildProcess.StartBareHostAsync();
var bareUrl = new Uri($"http://127.0.0.1:{bare.Port}{BareHost.Path}");
var delta = JsonDocument.Parse(deltaJson).RootElement;
await using var sender = await ConnectAsync(bareUrl, null, ClientKind.Participant, -1);
var probeComparison = new List<string>();
var scriptComparison = new List<string>();
var bareClients = new List<IAsyncDisposable>();
foreach (var level in levels)
{
    var connectWatch = Stopwatch.StartNew();
    foreach (var (kind, count) in Mix(level))
    {
        while (mix.GetValueOrDefault(kind) < count)
        {
            var batch = Math.Min(100, count - mix.GetValueOrDefault(kind));
            clients.AddRange(await Task.WhenAll(Enumerable.Range(clients.Count, batch).Select(i => ConnectFollowerAsync(kind, i))));
            mix[kind] = mix.GetValueOrDefault(kind) + batch;
        }
    }
    connectWatch.Stop();
    await Task.Delay(3000);
    var resident = host.ResidentBytes();

    var (probe, _) = await RoundsAsync(clients.Count, 2, Enumerable.Repeat(() => Must(chair.ExecuteAsync(new ExtendTimer(10))), rounds + 2), TimeSpan.FromMilliseconds(250));
    var probeEach = probe.Each;
    probeRows.Add(string.Create(CultureInfo.InvariantCulture,
        $"| {level:N0} | {(resident - baseline) / 1024.0 / level:F1} | {resident / 1024.0 / 1024:F0} | {connectWatch.Elapsed.TotalSeconds:F1} | " +
        $"{probeEach.P50:F1} | {probeEach.P95:F1} | {probeEach.P99:F1} | {probe.Last.P50:F1} |"));
    Console.WriteLine(probeRows[^1]);

    // The scripted meeting: one warm-up cycle, then the measured ones; resources are read over the measured part.
    var warmUp = MeetingScript.Cycle.Count;
    var before = Sample();
    var receivedBefore = Interlocked.Read(ref received);
    var phase = Stopwatch.StartNew();
    var (script, samples) = await RoundsAsync(clients.Count, warmUp, ScriptSteps(cycles + 1), gap, () =>
    {
        before = Sample();
        receivedBefore = Interlocked.Read(ref received);
        phase.Restart();
    });
    var usage = Sample().Since(before);
    var messagesPerSecond = (Interlocked.Read(ref received) - receivedBefore) / phase.Elapsed.TotalSeconds;
    var load = ProcessSample.LoadAverage();
    for (var i = 0; i < samples.Count; i++)
    {
        var name = MeetingScript.Cycle[i % MeetingScript.Cycle.Count].Name;
        if (!stepSizes.TryGetValue(name, out var list)) stepSizes[name] = list = [];
        list.Add(Encoding.UTF8.GetByteCount(samples[i] ?? ""));
    }
    var mixLabel = $"{mix.GetValueOrDefault(ClientKind.Participant):N0} + {mix.GetValueOrDefault(ClientKind.Screen)} + {mix.GetValueOrDefault(ClientKind.Secretary) + mix.GetValueOrDefault(ClientKind.Organizer)}";
    scriptRows.Add(string.Create(CultureInfo.InvariantCulture, $"| {level:N0} | {mixLabel} | {script.Changes} | {script.Each} | {script.Last} | {load:F2} |"));
    resourceRows.Add(string.Create(CultureInfo.InvariantCulture,
        $"| {level:N0} | {messagesPerSecond:N0} | {usage.Host.SentBytesPerSecond / 1024:N0} | {usage.Host.CorePercent:F0} | {usage.Host.MachinePercent:F0} | " +
        $"{usage.Redis.CorePercent:F0} | {usage.Clients.CorePercent:F0} | {host.ResidentBytes() / 1024.0 / 1024:F0} | {load:F2} |"));
    Console.WriteLine(scriptRows[^1]);
    Console.WriteLine(resourceRows[^1]);
    results[level] = (probeEach, script, samples.Skip(warmUp).Select(s => s ?? "").ToList());

    // The bare relay right after, at the same level, so both see the same load on the machine.
    while (bareClients.Count < level)
        bareClients.AddRange(await Task.WhenAll(Enumerable.Range(bareClients.Count, Math.Min(100, level - bareClients.Count)).Select(i => FollowAsync(bareUrl, null, ClientKind.Participant, i))));
    await Task.Delay(3000);
    var (bareProbe, _) = await RoundsAsync(bareClients.Count, 2, Enumerable.Repeat(() => sender.InvokeAsync("Broadcast", delta), rounds + 2), TimeSpan.FromMilliseconds(250));
    var bareOurs = results[level];
    probeComparison.Add(string.Create(CultureInfo.InvariantCulture,
        $"| {level:N0} | {bareProbe.Each.P50:F1} | {bareProbe.Each.P95:F1} | {bareProbe.Each.P99:F1} | {bareOurs.Probe.P50:F1} | {bareOurs.Probe.P99:F1} | {bareOurs.Probe.P99 / bareProbe.Each.P99:F1}× |"));
    Console.WriteLine(probeComparison[^1]);

    var bareReplay = bareOurs.Samples.Select(json => JsonDocument.Parse(json).RootElement).ToList();
    var bareWarmUp = MeetingScript.Cycle.Count;
    var bareBefore = ProcessSample.Of(bare.Process.Id, bare.Port);
    var bareReceivedBefore = Interlocked.Read(ref received);
    var barePhase = Stopwatch.StartNew();
    var bareSteps = bareReplay.Take(bareWarmUp).Concat(bareReplay).Select(message => (Func<Task>)(() => sender.InvokeAsync("Broadcast", message)));
    var (bareScript, _) = await RoundsAsync(bareClients.Count, bareWarmUp, bareSteps, gap, () =>
    {
        bareBefore = ProcessSample.Of(bare.Process.Id, bare.Port);
        bareReceivedBefore = Interlocked.Read(ref received);
        barePhase.Restart();
    });
    var bareUsage = ProcessSample.Of(bare.Process.Id, bare.Port).Since(bareBefore);
    var bareMessagesPerSecond = (Interlocked.Read(ref received) - bareReceivedBefore) / barePhase.Elapsed.TotalSeconds;
    var bareLoad = ProcessSample.LoadAverage();
    var (bareEach, bareLast) = (bareScript.Each, bareScript.Last);
    scriptComparison.Add(string.Create(CultureInfo.InvariantCulture,
        $"| {level:N0} | {bareScript.Changes} | {bareEach} | {bareLast.P99:F1} | {bareOurs.Script.Each.P99 / bareEach.P99:F1}× | {bareOurs.Script.Last.P99 / bareLast.P99:F1}× | " +
        $"{bareMessagesPerSecond:N0} | {bareUsage.CorePercent:F0} | {bareUsage.SentBytesPerSecond / 1024:N0} | {bareLoad:F2} |"));
    Console.WriteLine(scriptComparison[^1]);
}
foreach (var client in clients.Concat(bareClients)) await client.DisposeAsync();

var report = new StringBuilder();
report.AppendLine(clientKind == "lean"
    ? "Clients are SignalR WebSocket connections (JSON protocol) opened from the bench process to one host"
    : "Clients are SignalR WebSocket connections (.NET client, JSON protocol) opened from the bench process to one host");
report.AppendLine(CultureInfo.InvariantCulture, $"process (`dotnet LiveSession.Hub.dll`, Production, Redis backplane {(backplane ? "on" : "off")}, redis-server on loopback), in a meeting's mix:");
report.AppendLine("mostly participants, a few hall screens (one per 250 clients, at least 2), and one secretary and two organizer");
report.AppendLine("consoles. Participants and screens get only the public view's changed parts; the consoles get the versioned events.");
if (clientKind == "lean")
{
    report.AppendLine("The measured clients (here and through the bare relay) are `--client lean` (`LeanClient`): a bare `ClientWebSocket`");
    report.AppendLine("that shakes hands, invokes Join and waits for its completion as the .NET client does, pings every 15 s, and in one");
    report.AppendLine("receive loop per connection splits what arrives on the record separator and reads only each message's \"type\" and");
    report.AppendLine("\"target\" (no parsing into objects, no dispatch to a handler), so that simulating the phones takes less of the");
    report.AppendLine("2 cores the host runs on; it changes the instrument's cost, not the host's. The chair's console and the organizer's");
    report.AppendLine("that set the meeting up (they send the commands), and the relay's sender, are .NET SignalR clients (`HubConnection`).");
    report.AppendLine("Latency = from the chair sending a command to each client reading the message off its socket and recognizing its");
    report.AppendLine("target (a client's first such message in the round counts).");
}
else
{
    report.AppendLine("The measured clients are `--client dotnet`: the SignalR .NET client (`HubConnection`), here and through the bare relay.");
    report.AppendLine("Latency = from the chair sending a command to each client's handler running.");
}
report.AppendLine("Clients and host share the same 2 cores, so latencies include the clients' own work; the machine is also shared with");
report.AppendLine("other work (the 1-minute load average is given beside each row), and repeated runs differ by up to about 1.5× in latency.");
report.AppendLine(CultureInfo.InvariantCulture, $"Reproduce: `{command}` ({DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores).");
report.AppendLine();
report.AppendLine("### Scripted meeting");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"The chair runs a meeting, one command after another ({gap.TotalMilliseconds:0} ms apart once every client has the last one):");
report.AppendLine(string.Join(", ", MeetingScript.Cycle.Select(s => s.Name)) + ".");
report.AppendLine(CultureInfo.InvariantCulture, $"One warm-up cycle, then {cycles} measured cycles. \"each delivery\" = every client's latency for every change;");
report.AppendLine("\"all have it\" = per change, the time until the last client had it.");
report.AppendLine();
Table(report, "| clients | participants + screens + consoles | changes | each delivery p50 ms | p95 ms | p99 ms | max ms | all have it p50 ms | p95 ms | p99 ms | max ms | load 1 min |", "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|", scriptRows);
report.AppendLine();
report.AppendLine("The same numbers of connections and the same messages (each change's bytes as a participant got them, replayed in");
report.AppendLine("order, same pacing) through a bare SignalR relay hub (`BareHost`: no meeting, no Redis, no views) — the physical");
report.AppendLine("limit of this stack on this machine:");
report.AppendLine();
Table(report, "| clients | changes | bare each p50 ms | p95 ms | p99 ms | max ms | bare all have it p99 ms | each p99 vs bare | all-have-it p99 vs bare | bare messages/s | bare host CPU % of a core | bare host sent KB/s | load 1 min |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|", scriptComparison);
report.AppendLine();
report.AppendLine("Resources over the measured cycles of the scripted meeting: messages/s = messages the clients received per second");
report.AppendLine("(the host's outgoing message rate is the same number: every message it sends arrives); sent = bytes the host sent on");
report.AppendLine("its clients' TCP connections per second (bytes_sent of `ss -ti`, WebSocket framing included); CPU = utime + stime");
report.AppendLine("(/proc/PID/stat) ÷ wall time, as % of one core and of the machine's 2 cores; RSS = VmRSS at the end.");
report.AppendLine();
Table(report, "| clients | messages/s received | host sent KB/s | host CPU % of a core | host CPU % of machine | redis-server CPU % of a core | bench clients CPU % of a core | host RSS MB | load 1 min |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|", resourceRows);
report.AppendLine();
report.AppendLine("Bytes of each scripted change as a participant gets it (view delta), averaged over the cycles:");
report.AppendLine();
Table(report, "| change | bytes |", "|---|---:|", MeetingScript.Cycle.Select(step => $"| {step.Name} | {stepSizes.GetValueOrDefault(step.Name)?.Average() ?? 0:N0} |"));
report.AppendLine();
report.AppendLine("### Single probe: `extendTimer`");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"The chair's `extendTimer` (+10 s) to the same clients, {rounds} rounds per row after 2 warm-up rounds, 250 ms apart.");
report.AppendLine("Memory = host resident set (VmRSS) above its level before any client connected, divided by the connections.");
report.AppendLine();
Table(report, "| clients | host KB / connection | host RSS MB | connect s | p50 ms | p95 ms | p99 ms | last arrival p50 ms |", "|---:|---:|---:|---:|---:|---:|---:|---:|", probeRows);
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"The same message (the {Encoding.UTF8.GetByteCount(deltaJson)}-byte view delta) to the same number of connections through the bare relay:");
report.AppendLine();
Table(report, "| connections | bare p50 ms | bare p95 ms | bare p99 ms | LiveSession p50 ms | LiveSession p99 ms | p99 vs bare |", "|---:|---:|---:|---:|---:|---:|---:|", probeComparison);
report.AppendLine();
report.AppendLine("What one message weighs in this meeting (40 registrations, 50 questions, one speaker), in bytes of JSON:");
report.AppendLine();
Table(report, "| message | bytes |", "|---|---:|", sizes.Select(size => $"| {size.Item1} | {size.Item2:N0} |"));
Console.WriteLine(report);
BenchmarksFile.WriteSection(output, "## Participant fan-out (hall screen and phones)", "fanout-bench", report.ToString());
Console.WriteLine($"Written to {output}");

return;

Task<HubConnection> ConnectParticipantAsync() => ConnectAsync(hubUrl, participantToken, ClientKind.Participant, -1);

// A meeting's audience for a number of clients: a secretary and two organizers (whole state), hall screens, participants.
static IEnumerable<(ClientKind Kind, int Count)> Mix(int clients)
{
    var screens = Math.Max(2, clients / 250);
    yield return (ClientKind.Participant, clients - screens - 3);
    yield return (ClientKind.Screen, screens);
    yield return (ClientKind.Secretary, 1);
    yield return (ClientKind.Organizer, 2);
}

Task<IAsyncDisposable> ConnectFollowerAsync(ClientKind kind, int index) => kind switch
{
    ClientKind.Participant => FollowAsync(hubUrl, participantToken, kind, index),
    _ => FollowAsync(hubUrl, TokenOf(kind.ToString().ToLowerInvariant()), kind, index),
};

// A measured follower numbered `index`, of the kind `--client` asks for; both count a delivery the same way: the first
// message of the role's target (Changed for the consoles, ViewChanged for the others) after the round's command was sent.
async Task<IAsyncDisposable> FollowAsync(Uri url, string? token, ClientKind kind, int index)
{
    if (clientKind == "dotnet") return await ConnectAsync(url, token, kind, index);
    var target = kind is ClientKind.Secretary or ClientKind.Organizer ? HubContract.Changed : HubContract.ViewChanged;
    return await LeanClient.ConnectAsync(url, token, target, (at, message) =>
    {
        Interlocked.Increment(ref received);
        if (index < 0 || current is not { } round) return;
        if (index == 0) round.Sample ??= LeanClient.FirstArgument(message);
        round.Record(index, at);
    });
}

// A client numbered `index` (-1: not counted in rounds); a joined one follows the meeting as its role does.
async Task<HubConnection> ConnectAsync(Uri url, string? token, ClientKind kind, int index)
{
    var connection = new HubConnectionBuilder()
        .WithUrl(url, o =>
        {
            if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
        })
        .Build();
    var wholeState = kind is ClientKind.Secretary or ClientKind.Organizer;
    connection.On<JsonElement>(wholeState ? HubContract.Changed : HubContract.ViewChanged, json =>
    {
        var at = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref received);
        if (index < 0 || current is not { } round) return;
        if (index == 0) round.Sample ??= json.GetRawText();
        round.Record(index, at);
    });
    await connection.StartAsync();
    if (token is not null) await connection.InvokeAsync<JsonElement>(HubContract.Join);
    return connection;
}

// The chair's scripted meeting, step after step; each waits until the chair's own state has the previous change.
IEnumerable<Func<Task>> ScriptSteps(int cycleCount)
{
    long version = 0;
    for (var i = 0; i < cycleCount * MeetingScript.Cycle.Count; i++)
    {
        var step = MeetingScript.Cycle[i % MeetingScript.Cycle.Count];
        yield return async () =>
        {
            while (chair.State!.Version < version) await Task.Delay(1);
            var result = await chair.ExecuteAsync(step.Command(chair.State!));
            if (!result.Ok) throw new InvalidOperationException($"{step.Name}: {result.ErrorCode}: {result.ErrorMessage}");
            version = result.Version;
        };
    }
}

// Host, redis-server and this process (the clients) now.
Usage Sample() => new(ProcessSample.Of(host.Process.Id, host.Port), ProcessSample.Of(redis.Process.Id), ProcessSample.Of(Environment.ProcessId));

// Times one action per round until every client got it; the first `warmUp` rounds are not counted (after them,
// `measuring` runs once). Returns the latencies and, per measured or not round, one participant's raw message.
async Task<(Deliveries Deliveries, List<string?> Samples)> RoundsAsync(int expected, int warmUp, IEnumerable<Func<Task>> acts, TimeSpan pause, Action? measuring = null)
{
    var deliveries = new Deliveries();
    var samples = new List<string?>();
    var r = 0;
    foreach (var act in acts)
    {
        if (r == warmUp) measuring?.Invoke();
        var round = new Round(expected);
        current = round;
        await act();
        if (!round.AllArrived.Wait(TimeSpan.FromSeconds(60)))
            throw new TimeoutException($"only {round.Arrived} of {expected} connections got round {r}");
        current = null;
        if (trace) Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trace {expected} round {r}{(r < warmUp ? " (warm-up)" : "")}: all have it {round.LastArrival():F1} ms"));
        samples.Add(round.Sample);
        if (r++ >= warmUp) deliveries.Add(round);
        await Task.Delay(pause);
    }
    return (deliveries, samples);
}

async Task<List<(string, int)>> MessageSizesAsync()
{
    var spy = await ConnectParticipantAsync();
    var deltaSeen = new TaskCompletionSource<string>();
    var events = new TaskCompletionSource<string>();
    spy.On<JsonElement>(HubContract.ViewChanged, json => deltaSeen.TrySetResult(json.GetRawText()));
    chair.Changed += e => { if (e.Count > 0 && !events.Task.IsCompleted) events.TrySetResult(DomainJson.Serialize(e)); return Task.CompletedTask; };
    var join = (await spy.InvokeAsync<JsonElement>(HubContract.Join)).GetProperty("value");
    await Must(chair.ExecuteAsync(new ExtendTimer(10)));
    var result = new List<(string, int)>
    {
        ("participant's join snapshot (public + personal view)", Encoding.UTF8.GetByteCount(join.GetRawText())),
        ("whole meeting state (what every client got before)", Encoding.UTF8.GetByteCount(DomainJson.Serialize(chair.State))),
        ("`extendTimer` as a participant's view delta (floor part only)", Encoding.UTF8.GetByteCount(deltaJson = await deltaSeen.Task)),
        ("`extendTimer` as versioned events (chair, secretary, organizer)", Encoding.UTF8.GetByteCount(await events.Task)),
    };
    await spy.DisposeAsync();
    return result;
}

static async Task Must(Task<CommandResult> command)
{
    var result = await command;
    if (!result.Ok) throw new InvalidOperationException($"{result.ErrorCode}: {result.ErrorMessage}");
}

static void Table(StringBuilder report, string header, string alignment, IEnumerable<string> rows)
{
    report.AppendLine(header);
    report.AppendLine(alignment);
    foreach (var row in rows) report.AppendLine(row);
}

string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

static string FindRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiveSession.sln"))) dir = dir.Parent;
    return dir?.FullName ?? Directory.GetCurrentDirectory();
}

internal enum ClientKind { Participant, Screen, Secretary, Organizer }

/// <summary>What the host, redis-server and the bench's clients used between two moments.</summary>
internal readonly record struct Usage(ProcessSample Host, ProcessSample Redis, ProcessSample Clients)
{
    public (ProcessUsage Host, ProcessUsage Redis, ProcessUsage Clients) Since(Usage before) =>
        (Host.Since(before.Host), Redis.Since(before.Redis), Clients.Since(before.Clients));
}
