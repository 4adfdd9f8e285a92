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

// Usage: dotnet run -c Release --project bench/LiveSession.FanoutBench -- [--levels 500,1000,2000] [--rounds 20] [--out docs/benchmarks.md]
// Starts redis-server and the host (its Release build) as child processes, opens participant connections from this
// process in steps, and times how long a chair action takes to reach every participant.
var levels = (Arg("--levels") ?? "500,1000,2000").Split(',').Select(int.Parse).ToArray();
var rounds = int.Parse(Arg("--rounds") ?? "20");
var root = FindRoot();
var output = Arg("--out") ?? Path.Combine(root, "docs", "benchmarks.md");
var configuration = AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug";
var hubDll = Path.Combine(root, "src", "Hub", "bin", configuration, "net10.0", "LiveSession.Hub.dll");
const string adminKey = "fanout-bench";

await using var redis = await ChildProcess.StartRedisAsync();
await using var host = await ChildProcess.StartHostAsync(hubDll, redis.Port, adminKey);
var baseUrl = new Uri($"http://127.0.0.1:{host.Port}");
var hubUrl = new Uri(baseUrl, HubContract.Path);
Console.WriteLine($"host pid {host.Process.Id} on {baseUrl}, {configuration} build");

// A meeting with some history: 40 registrations, 50 written questions, a speaker on the floor.
using var http = new HttpClient { BaseAddress = baseUrl };
var create = new HttpRequestMessage(HttpMethod.Post, "/api/meetings")
{
    Content = JsonContent.Create(new
    {
        title = "Hội nghị đối thoại – đo hiệu năng", kind = "periodic", form = "hybrid", venue = "Hội trường UBND xã",
        scheduledStart = DateTimeOffset.UtcNow, chairName = "Nguyễn Văn An", secretaryName = "Trần Thị Bình",
    }),
};
create.Headers.Add("X-Admin-Key", adminKey);
var created = await (await http.SendAsync(create)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
string TokenOf(string role) => Uri.UnescapeDataString(created.GetProperty("links").GetProperty(role).GetString()!.Split("?t=")[1]);

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
var deltaJson = "{}";
// What one chair action costs on the wire: the participants' part-delta against the events the chair's console gets.
var sizes = await MessageSizesAsync();

await Task.Delay(2000);
var baseline = host.ResidentBytes();
var participants = new List<HubConnection>();
var rows = new List<string>();
var results = new Dictionary<int, (double P50, double P95, double P99)>();
foreach (var level in levels)
{
    var connectWatch = Stopwatch.StartNew();
    while (participants.Count < level)
    {
        var batch = Enumerable.Range(0, Math.Min(100, level - participants.Count)).Select(_ => ConnectParticipantAsync()).ToArray();
        participants.AddRange(await Task.WhenAll(batch));
    }
    connectWatch.Stop();
    await Task.Delay(3000);
    var resident = host.ResidentBytes();

    var (latencies, lastArrivals) = await RoundsAsync(participants.Count, () => Must(chair.ExecuteAsync(new ExtendTimer(10))));
    var row = string.Create(CultureInfo.InvariantCulture,
        $"| {level:N0} | {(resident - baseline) / 1024.0 / level:F1} | {resident / 1024.0 / 1024:F0} | {connectWatch.Elapsed.TotalSeconds:F1} | " +
        $"{Percentile(latencies, 50):F1} | {Percentile(latencies, 95):F1} | {Percentile(latencies, 99):F1} | {Percentile(lastArrivals, 50):F1} |");
    Console.WriteLine(row);
    rows.Add(row);
    results[level] = (Percentile(latencies, 50), Percentile(latencies, 95), Percentile(latencies, 99));
}
foreach (var participant in participants) await participant.DisposeAsync();
participants.Clear();

// The same fan-out through a bare relay hub: the limit of SignalR itself on this machine, message of the same size.
await using var bare = await ChildProcess.StartBareHostAsync();
var bareUrl = new Uri($"http://127.0.0.1:{bare.Port}{BareHost.Path}");
var delta = JsonDocument.Parse(deltaJson).RootElement;
await using var sender = await ConnectAsync(bareUrl, null, join: false);
var bareClients = new List<HubConnection>();
var comparison = new List<string>();
foreach (var level in levels)
{
    while (bareClients.Count < level)
        bareClients.AddRange(await Task.WhenAll(Enumerable.Range(0, Math.Min(100, level - bareClients.Count)).Select(_ => ConnectAsync(bareUrl, null, join: false))));
    await Task.Delay(3000);
    var (latencies, _) = await RoundsAsync(bareClients.Count, () => sender.InvokeAsync("Broadcast", delta));
    var ours = results[level];
    var line = string.Create(CultureInfo.InvariantCulture,
        $"| {level:N0} | {Percentile(latencies, 50):F1} | {Percentile(latencies, 95):F1} | {Percentile(latencies, 99):F1} | {ours.P50:F1} | {ours.P99:F1} | {ours.P99 / Percentile(latencies, 99):F1}× |");
    Console.WriteLine(line);
    comparison.Add(line);
}
foreach (var client in bareClients) await client.DisposeAsync();

var report = new StringBuilder();
report.AppendLine("Participants are SignalR WebSocket connections (.NET client, JSON protocol) opened from the bench process to one host");
report.AppendLine("process (`dotnet LiveSession.Hub.dll`, Production, Redis backplane on, redis-server on loopback). Each joins as a");
report.AppendLine("participant and then receives only the public view's changed parts. The chair action is `extendTimer` (+10 s);");
report.AppendLine($"latency = from the chair sending it to each participant's handler running, over {rounds} rounds per row (after 2 warm-up");
report.AppendLine("rounds). Memory = host resident set (VmRSS) above its level before any participant connected, divided by the");
report.AppendLine("connections. Clients and host share the same 2 cores, so latencies include the clients' own work; the machine is");
report.AppendLine("also shared with other work, and repeated runs differ by up to about 1.5× in latency.");
report.AppendLine($"Reproduce: `dotnet run -c Release --project bench/LiveSession.FanoutBench` ({DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores).");
report.AppendLine();
report.AppendLine("| participants | host KB / connection | host RSS MB | connect s | p50 ms | p95 ms | p99 ms | last arrival p50 ms |");
report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var row in rows) report.AppendLine(row);
report.AppendLine();
report.AppendLine("The same participants, the same message (the 451-byte view delta) and the same process model through a bare SignalR");
report.AppendLine("relay hub (`BareHost`: no meeting, no Redis, no views) — the physical limit of this stack on this machine:");
report.AppendLine();
report.AppendLine("| connections | bare p50 ms | bare p95 ms | bare p99 ms | LiveSession p50 ms | LiveSession p99 ms | p99 vs bare |");
report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
foreach (var line in comparison) report.AppendLine(line);
report.AppendLine();
report.AppendLine("What one message weighs in this meeting (40 registrations, 50 questions, one speaker), in bytes of JSON:");
report.AppendLine();
report.AppendLine("| message | bytes |");
report.AppendLine("|---|---:|");
foreach (var (what, bytes) in sizes) report.AppendLine($"| {what} | {bytes:N0} |");
Console.WriteLine(report);
WriteSection(output, report.ToString());
Console.WriteLine($"Written to {output}");

return;

Task<HubConnection> ConnectParticipantAsync() => ConnectAsync(hubUrl, participantToken, join: true);

async Task<HubConnection> ConnectAsync(Uri url, string? token, bool join)
{
    var connection = new HubConnectionBuilder()
        .WithUrl(url, o =>
        {
            if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
        })
        .Build();
    connection.On<JsonElement>(HubContract.ViewChanged, _ => current?.Record(Stopwatch.GetTimestamp()));
    await connection.StartAsync();
    if (join) await connection.InvokeAsync<JsonElement>(HubContract.Join);
    return connection;
}

// Times one action per round until every connection got it; the first two rounds warm up.
async Task<(List<double> Latencies, List<double> LastArrivals)> RoundsAsync(int expected, Func<Task> act)
{
    var latencies = new List<double>();
    var lastArrivals = new List<double>();
    for (var r = 0; r < rounds + 2; r++)
    {
        var round = new Round(expected);
        current = round;
        var start = Stopwatch.GetTimestamp();
        round.Start = start;
        await act();
        if (!round.AllArrived.Wait(TimeSpan.FromSeconds(60)))
            throw new TimeoutException($"only {round.Arrived} of {expected} connections got round {r}");
        current = null;
        if (r >= 2)
        {
            latencies.AddRange(round.Latencies.Select(t => Stopwatch.GetElapsedTime(start, t).TotalMilliseconds));
            lastArrivals.Add(Stopwatch.GetElapsedTime(start, round.Latencies.Max()).TotalMilliseconds);
        }
        await Task.Delay(250);
    }
    latencies.Sort();
    lastArrivals.Sort();
    return (latencies, lastArrivals);
}

async Task<List<(string, int)>> MessageSizesAsync()
{
    var spy = await ConnectParticipantAsync();
    var deltaSeen = new TaskCompletionSource<string>();
    var events = new TaskCompletionSource<string>();
    spy.On<JsonElement>(HubContract.ViewChanged, json => deltaSeen.TrySetResult(json.GetRawText()));
    chair.Changed += e => { if (e.Count > 0) events.TrySetResult(DomainJson.Serialize(e)); return Task.CompletedTask; };
    var join = await spy.InvokeAsync<JsonElement>(HubContract.Join);
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

static double Percentile(List<double> sorted, double p) =>
    sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

static async Task Must(Task<CommandResult> command)
{
    var result = await command;
    if (!result.Ok) throw new InvalidOperationException($"{result.ErrorCode}: {result.ErrorMessage}");
}

string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

static string FindRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiveSession.sln"))) dir = dir.Parent;
    return dir?.FullName ?? Directory.GetCurrentDirectory();
}

// Writes only between this benchmark's markers, which sit under its heading (other benchmarks replace a section up
// to the next "## " heading, so a marker above the heading would be swallowed); every other section stays as it is.
static void WriteSection(string path, string body)
{
    const string heading = "## Participant fan-out (hall screen and phones)";
    const string begin = "<!-- fanout-bench:begin -->", end = "<!-- fanout-bench:end -->";
    var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
    var block = $"{begin}\n{body.TrimEnd()}\n{end}";
    var from = text.IndexOf(begin, StringComparison.Ordinal);
    var to = text.IndexOf(end, StringComparison.Ordinal);
    text = from >= 0 && to > from
        ? text[..from] + block + text[(to + end.Length)..]
        : text.TrimEnd() + $"\n\n{heading}\n\n{block}\n";
    File.WriteAllText(path, text);
}

/// <summary>One chair action on its way to every participant: when each one got it.</summary>
internal sealed class Round(int expected)
{
    private int _arrived;
    public long Start { get; set; }
    public ConcurrentBag<long> Latencies { get; } = [];
    public ManualResetEventSlim AllArrived { get; } = new();
    public int Arrived => Volatile.Read(ref _arrived);

    public void Record(long timestamp)
    {
        Latencies.Add(timestamp);
        if (Interlocked.Increment(ref _arrived) == expected) AllArrived.Set();
    }
}
