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
using LiveSession.Domain.Survey;

namespace LiveSession.FanoutBench;

/// <summary>
/// The public link under attack, beside the scripted meeting: the chair runs <see cref="MeetingScript"/> without
/// pause, the desk registers hall speakers and approves questions, genuine participants (each their own address)
/// register, withdraw and ask; first alone, then while an attacker mints new identities from ten addresses (each
/// joining, registering, asking and answering the survey) and streams refused commands. Clients reach the host
/// through it as through a trusted proxy: X-Forwarded-For names their address.
/// The attacker's clients run in a child process of this bench ("attack-clients").
/// Usage: dotnet run -c Release --project bench/LiveSession.FanoutBench -- attack [--seconds 60] [--genuine 200]
///   [--identities-per-minute 1000] [--refusers 20] [--out docs/benchmarks.md]
/// </summary>
public static class AttackRun
{
    private const string AdminKey = "attack-bench";
    private const int AttackAddresses = 10;

    private sealed class Phase
    {
        public readonly ConcurrentBag<double> Chair = [];
        public int GenuineSent, GenuineAccepted, DeskSent, DeskRefused;
        public int IdentitiesTried, IdentitiesGiven, FollowOnly, JoinsRefused, AttackAccepted, AttackRefused, Refused, PutOut;
        public readonly ConcurrentDictionary<string, int> GenuineRefusals = new();
        /// <summary>The host's CPU over the phase (% of one core) and the machine's load average at its end.</summary>
        public double HostCorePercent, LoadAverage;
    }

    public static async Task<int> RunAsync(string[] args, string root, string hubDll)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var seconds = int.Parse(Arg("--seconds") ?? "60", CultureInfo.InvariantCulture);
        var genuineCount = int.Parse(Arg("--genuine") ?? "200", CultureInfo.InvariantCulture);
        var identitiesPerMinute = int.Parse(Arg("--identities-per-minute") ?? "1000", CultureInfo.InvariantCulture);
        var refuserCount = int.Parse(Arg("--refusers") ?? "20", CultureInfo.InvariantCulture);
        var output = Arg("--out") ?? Path.Combine(root, "docs", "benchmarks.md");

        await using var redis = await ChildProcess.StartRedisAsync();
        await using var host = await ChildProcess.StartHostAsync(hubDll, redis.Port, AdminKey, settings: new Dictionary<string, string>
        {
            ["LiveSession__TrustedProxies__0"] = "127.0.0.1",
        });
        var baseUrl = new Uri($"http://127.0.0.1:{host.Port}");
        var hubUrl = new Uri(baseUrl, HubContract.Path);
        var TokenOf = await BenchMeetings.CreateAsync(baseUrl, AdminKey, "Hội nghị đối thoại – đo khi bị tấn công");
        var participantToken = TokenOf("participant");

        MeetingConnection From(string address, string? token = null) =>
            new(hubUrl, token ?? participantToken, o => o.Headers["X-Forwarded-For"] = address);

        await using var chair = new MeetingConnection(hubUrl, TokenOf("chair"));
        await chair.StartAsync();
        await using var desk = new MeetingConnection(hubUrl, TokenOf("organizer"));
        await desk.StartAsync();
        await Must(chair.ExecuteAsync(new StartMeeting()));
        for (var i = 0; i < 5; i++) await Must(desk.ExecuteAsync(new RegisterSpeaker($"Người đăng ký số {i + 1}", "Thôn Đông")));
        await Must(chair.ExecuteAsync(new CallNext()));
        await Must(chair.ExecuteAsync(new OpenSurvey()));
        // A chair expecting a crowd online lets more requests wait.
        await Must(chair.ExecuteAsync(new SetPendingRequestLimit(QueueRules.MaxPendingRequestLimit)));

        var genuine = new List<MeetingConnection>();
        for (var i = 0; i < genuineCount; i++)
        {
            var phone = From($"10.1.{i / 250}.{i % 250 + 1}");
            await phone.StartAsync();
            genuine.Add(phone);
        }
        Console.WriteLine($"host pid {host.Process.Id}; {genuineCount} genuine participants joined");

        // The chair's script goes on across both phases (a step such as "pause the timer" needs the steps before it).
        var script = new ScriptPosition();
        var quiet = await MeasuredAsync(host.Process.Id, () => PlayAsync(chair, script, desk, genuine, TimeSpan.FromSeconds(seconds), attack: null));
        Console.WriteLine($"without attack: chair p99 {Percentiles.Of([.. quiet.Chair]).P99:F1} ms, genuine {Share(quiet.GenuineAccepted, quiet.GenuineSent)}");

        // The attacker is another machine: its clients run in a process of their own, not on this one's thread pool.
        var attacked = await MeasuredAsync(host.Process.Id, () => PlayAsync(chair, script, desk, genuine, TimeSpan.FromSeconds(seconds), attack: (phase, _) =>
            AttackerProcessAsync(phase, hubUrl, participantToken, seconds, identitiesPerMinute, refuserCount)));
        Console.WriteLine($"under attack: chair p99 {Percentiles.Of([.. attacked.Chair]).P99:F1} ms, genuine {Share(attacked.GenuineAccepted, attacked.GenuineSent)}");

        foreach (var phone in genuine) await phone.DisposeAsync();
        var report = Report(quiet, attacked, seconds, genuineCount, identitiesPerMinute, refuserCount, args);
        Console.WriteLine(report);
        BenchmarksFile.WriteSection(output, "## Hostile public link (attack beside the scripted meeting)", "attack-bench", report);
        return Met(quiet, attacked, seconds, identitiesPerMinute) ? 0 : 1;
    }

    /// <summary>The goal, for an attack delivered at (nearly) its full rate: genuine ≥ 99 %, chair p99 ≤ 1.5 × quiet, the desk never refused.</summary>
    private static bool Met(Phase quiet, Phase attacked, int seconds, int identitiesPerMinute) =>
        attacked.IdentitiesTried * 60.0 / seconds >= 0.95 * identitiesPerMinute
        && attacked.GenuineAccepted >= 0.99 * attacked.GenuineSent
        && Percentiles.Of([.. attacked.Chair]).P99 <= 1.5 * Percentiles.Of([.. quiet.Chair]).P99
        && attacked.DeskRefused == 0;

    private static async Task<Phase> MeasuredAsync(int hostProcessId, Func<Task<Phase>> play)
    {
        var before = ProcessSample.Of(hostProcessId);
        var phase = await play();
        phase.HostCorePercent = ProcessSample.Of(hostProcessId).Since(before).CorePercent;
        phase.LoadAverage = ProcessSample.LoadAverage();
        return phase;
    }

    /// <summary>Runs the attack's clients in a child process ("attack-clients") and adds what they counted to <paramref name="phase"/>.</summary>
    private static async Task AttackerProcessAsync(Phase phase, Uri hubUrl, string participantToken, int seconds, int identitiesPerMinute, int refusers)
    {
        // At the lowest CPU priority: it stands for other machines, whose CPU is not the host's. What load it still delivers
        // is counted (devices tried) and reported beside the goal's 1,000 a minute.
        var start = new ProcessStartInfo("nice") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-n", "19", "dotnet", typeof(AttackRun).Assembly.Location, "attack-clients", hubUrl.ToString(), participantToken,
                     seconds.ToString(CultureInfo.InvariantCulture), identitiesPerMinute.ToString(CultureInfo.InvariantCulture),
                     refusers.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var counts = JsonSerializer.Deserialize<AttackCounts>(output.Trim().Split('\n')[^1])!;
        phase.IdentitiesTried += counts.IdentitiesTried; phase.IdentitiesGiven += counts.IdentitiesGiven; phase.FollowOnly += counts.FollowOnly;
        phase.JoinsRefused += counts.JoinsRefused; phase.AttackAccepted += counts.AttackAccepted; phase.AttackRefused += counts.AttackRefused;
        phase.Refused += counts.Refused; phase.PutOut += counts.PutOut;
    }

    private sealed record AttackCounts(int IdentitiesTried, int IdentitiesGiven, int FollowOnly, int JoinsRefused, int AttackAccepted,
        int AttackRefused, int Refused, int PutOut);

    /// <summary>
    /// The attacker's side ("attack-clients HUB TOKEN SECONDS IDENTITIES-PER-MINUTE REFUSERS"): new identities from ten
    /// addresses and streams of forbidden commands for the given time; prints its counts as one JSON line.
    /// </summary>
    public static async Task<int> AttackClientsAsync(string[] args)
    {
        var hubUrl = new Uri(args[1]);
        var token = args[2];
        var length = TimeSpan.FromSeconds(int.Parse(args[3], CultureInfo.InvariantCulture));
        var identitiesPerMinute = int.Parse(args[4], CultureInfo.InvariantCulture);
        var refuserCount = int.Parse(args[5], CultureInfo.InvariantCulture);
        MeetingConnection From(string address) => new(hubUrl, token, o => o.Headers["X-Forwarded-For"] = address);

        var phase = new Phase();
        using var stop = new CancellationTokenSource(length);
        var addresses = Enumerable.Range(1, AttackAddresses).Select(i => $"203.0.113.{i}").ToArray();
        var refusers = Enumerable.Range(0, refuserCount).Select(i => RefuseStreamAsync(From(addresses[i % addresses.Length]), phase, stop.Token)).ToList();
        var minted = new List<Task>();
        if (identitiesPerMinute > 0)
        {
            var interval = TimeSpan.FromMinutes(1) / identitiesPerMinute;
            var clock = Stopwatch.StartNew();
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                minted.Add(NewIdentityAsync(From(addresses[n % addresses.Length]), n, phase));
                var due = interval * (n + 1) - clock.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due, CancellationToken.None);
            }
        }
        await Task.WhenAll(minted);
        await Task.WhenAll(refusers);
        Console.WriteLine(JsonSerializer.Serialize(new AttackCounts(phase.IdentitiesTried, phase.IdentitiesGiven, phase.FollowOnly, phase.JoinsRefused,
            phase.AttackAccepted, phase.AttackRefused, phase.Refused, phase.PutOut)));
        return 0;
    }

    /// <summary>One stretch of the meeting: the chair's script, the desk, the genuine participants, and the attack if any.</summary>
    private static async Task<Phase> PlayAsync(MeetingConnection chair, ScriptPosition script, MeetingConnection desk, List<MeetingConnection> genuine, TimeSpan length,
        Func<Phase, CancellationToken, Task>? attack)
    {
        var phase = new Phase();
        using var stop = new CancellationTokenSource(length);
        var tasks = new List<Task> { ChairAsync(chair, script, phase, stop.Token), DeskAsync(desk, phase, stop.Token) };
        tasks.AddRange(genuine.Select((phone, i) => GenuineAsync(phone, i, genuine.Count, phase, stop.Token)));
        if (attack is not null) tasks.Add(attack(phase, stop.Token));
        await Task.WhenAll(tasks);
        return phase;
    }

    /// <summary>Where the chair is in <see cref="MeetingScript.Cycle"/>: the second phase goes on from where the first stopped.</summary>
    private sealed class ScriptPosition
    {
        public int Step;
    }

    private static async Task ChairAsync(MeetingConnection chair, ScriptPosition script, Phase phase, CancellationToken stop)
    {
        for (; !stop.IsCancellationRequested; script.Step++)
        {
            var (name, next) = MeetingScript.Cycle[script.Step % MeetingScript.Cycle.Count];
            var command = next(chair.State!);
            var timer = Stopwatch.StartNew();
            var result = await chair.ExecuteAsync(command, cancellationToken: CancellationToken.None);
            phase.Chair.Add(timer.Elapsed.TotalMilliseconds);
            if (!result.Ok) throw new InvalidOperationException($"the chair was refused at \"{name}\" (state version {chair.State!.Version}, floor {chair.State.Floor?.TurnId ?? "empty"}): {result.ErrorCode} {result.ErrorMessage}");
            // The next step is chosen from the state this one made: on a loaded host its event may come after the answer.
            if (chair.State!.Version < result.Version) await chair.CatchUpAsync();
            await Task.Delay(100, CancellationToken.None);
        }
    }

    /// <summary>The desk: a hall speaker registered every two seconds, pending questions approved as they come.</summary>
    private static async Task DeskAsync(MeetingConnection desk, Phase phase, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var commands = new List<MeetingCommand> { new RegisterSpeaker($"Người ở hội trường {n}", "Thôn Nam") };
            commands.AddRange(desk.State!.Questions.Where(q => q.Status == QuestionStatus.Pending).Take(50).Select(q => new ApproveQuestion(q.Id)));
            foreach (var command in commands)
            {
                Interlocked.Increment(ref phase.DeskSent);
                var result = await desk.ExecuteAsync(command, cancellationToken: CancellationToken.None);
                // Approving a question the attacker already withdrew is the meeting moving on, not the desk being refused.
                if (!result.Ok && result.ErrorCode != "invalid_state") Interlocked.Increment(ref phase.DeskRefused);
            }
            await Task.Delay(2000, CancellationToken.None);
        }
    }

    /// <summary>A genuine participant acts every six seconds: asks to speak, withdraws, sends a question, in turn.</summary>
    private static async Task GenuineAsync(MeetingConnection phone, int index, int count, Phase phase, CancellationToken stop)
    {
        await Task.Delay(TimeSpan.FromSeconds(6.0 * index / count), CancellationToken.None);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var mine = phone.Personal?.Registration;
            MeetingCommand command = mine is { Status: SpeakerStatus.Requested or SpeakerStatus.Queued }
                ? new WithdrawSpeaker(mine.SpeakerId)
                : n % 3 == 2 ? new SubmitQuestion($"Người dân {index}", "Thôn Tây", $"Câu hỏi {n} về đường liên thôn.", "Giao thông")
                : new RegisterSpeaker($"Người dân {index}", "Thôn Tây", Topic: "Đường liên thôn");
            Interlocked.Increment(ref phase.GenuineSent);
            var result = await phone.ExecuteAsync(command, cancellationToken: CancellationToken.None);
            if (result.Ok) Interlocked.Increment(ref phase.GenuineAccepted);
            else phase.GenuineRefusals.AddOrUpdate(result.ErrorCode ?? "?", 1, (_, c) => c + 1);
            await Task.Delay(6000, CancellationToken.None);
        }
    }

    /// <summary>A new device of the attacker: joins, asks to speak, asks a question, answers the survey, leaves.</summary>
    private static async Task NewIdentityAsync(MeetingConnection device, int n, Phase phase)
    {
        Interlocked.Increment(ref phase.IdentitiesTried);
        try
        {
            await device.StartAsync();
            if (device.ParticipantId is null) Interlocked.Increment(ref phase.FollowOnly);
            else Interlocked.Increment(ref phase.IdentitiesGiven);
            foreach (var command in new MeetingCommand[]
                     {
                         new RegisterSpeaker($"Kẻ phá rối {n}", "Thôn Đông"),
                         new SubmitQuestion($"Kẻ phá rối {n}", null, "Câu hỏi rác", null),
                         new AnswerSurvey(1, false, "Phiếu rác"),
                     })
            {
                var result = await device.ExecuteAsync(command);
                Interlocked.Increment(ref result.Ok ? ref phase.AttackAccepted : ref phase.AttackRefused);
            }
        }
        catch (Exception)
        {
            Interlocked.Increment(ref phase.JoinsRefused);
        }
        finally
        {
            await device.DisposeAsync();
        }
    }

    /// <summary>Forbidden commands as fast as they go; once put out, back with a new connection.</summary>
    private static async Task RefuseStreamAsync(MeetingConnection first, Phase phase, CancellationToken stop)
    {
        var device = first;
        while (!stop.IsCancellationRequested)
        {
            var connected = device.ConnectionState == Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected;
            try
            {
                if (!connected) await device.StartAsync(CancellationToken.None);
                var result = await device.ExecuteAsync(new CallNext(), cancellationToken: CancellationToken.None);
                Interlocked.Increment(ref phase.Refused);
                if (result.ErrorCode == "put_out") Interlocked.Increment(ref phase.PutOut);
            }
            catch (Exception)
            {
                // Cut while sending (put out before the answer got through), or kept out on coming back.
                if (connected) Interlocked.Increment(ref phase.PutOut);
                await Task.Delay(200, CancellationToken.None);
            }
        }
        await device.DisposeAsync();
    }

    private static async Task Must(Task<CommandResult> command)
    {
        var result = await command;
        if (!result.Ok) throw new InvalidOperationException($"{result.ErrorCode}: {result.ErrorMessage}");
    }

    private static string Share(int part, int whole) => whole == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / whole:F2} % of {whole}");

    private static string Report(Phase quiet, Phase attacked, int seconds, int genuine, int identitiesPerMinute, int refusers, string[] args)
    {
        var q = Percentiles.Of([.. quiet.Chair]);
        var a = Percentiles.Of([.. attacked.Chair]);
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"Measured {DateTime.UtcNow:yyyy-MM-dd} on this machine ({Environment.ProcessorCount} cores) with `dotnet run -c Release --project bench/LiveSession.FanoutBench -- {string.Join(' ', args)}`:");
        text.AppendLine(inv, $"one host and redis-server; the chair runs the scripted meeting (a command every 100 ms after each answer); the desk registers a hall speaker every 2 s and approves pending questions; {genuine} genuine participants, each from its own address, ask to speak, withdraw or send a question every 6 s. Each phase lasts {seconds} s. The attack: {identitiesPerMinute} new identities a minute from {AttackAddresses} addresses (each joins, asks to speak, asks, answers the survey, leaves) and {refusers} connections streaming forbidden commands. The attacker runs in a process of its own at the lowest CPU priority (standing for other machines: its CPU is not the host's), all on the same 2 cores. Addresses come through X-Forwarded-For from a trusted loopback proxy.");
        text.AppendLine();
        text.AppendLine("| | without attack | under attack | goal |");
        text.AppendLine("|---|---:|---:|---|");
        text.AppendLine(inv, $"| chair round trip p50 / p99 (ms) | {q.P50:F1} / {q.P99:F1} | {a.P50:F1} / {a.P99:F1} | p99 ≤ 1.5 × {q.P99:F1} = {1.5 * q.P99:F1} |");
        text.AppendLine(inv, $"| chair commands | {quiet.Chair.Count} | {attacked.Chair.Count} | |");
        text.AppendLine(inv, $"| genuine commands accepted | {Share(quiet.GenuineAccepted, quiet.GenuineSent)} | {Share(attacked.GenuineAccepted, attacked.GenuineSent)} | ≥ 99 % |");
        text.AppendLine(inv, $"| desk commands refused | {quiet.DeskRefused} of {quiet.DeskSent} | {attacked.DeskRefused} of {attacked.DeskSent} | 0 |");
        text.AppendLine(inv, $"| new attacker devices a minute, as delivered | | {attacked.IdentitiesTried * 60.0 / seconds:F0} | ≥ 95 % of {identitiesPerMinute} |");
        text.AppendLine(inv, $"| attacker devices: given an identity / follow-only / join refused | | {attacked.IdentitiesGiven} / {attacked.FollowOnly} / {attacked.JoinsRefused} of {attacked.IdentitiesTried} | |");
        text.AppendLine(inv, $"| attacker commands accepted / refused | | {attacked.AttackAccepted} / {attacked.AttackRefused} | |");
        text.AppendLine(inv, $"| host CPU (% of one core) / machine load at the end | {quiet.HostCorePercent:F0} / {quiet.LoadAverage:F1} | {attacked.HostCorePercent:F0} / {attacked.LoadAverage:F1} | |");
        text.AppendLine(inv, $"| forbidden-command stream: answered / of which put out | | {attacked.Refused} / {attacked.PutOut} | |");
        var refusals = string.Join(", ", quiet.GenuineRefusals.Concat(attacked.GenuineRefusals).GroupBy(r => r.Key).Select(g => $"{g.Key} × {g.Sum(r => r.Value)}"));
        text.AppendLine();
        text.AppendLine(inv, $"Genuine refusals by reason (both phases): {(refusals.Length == 0 ? "none" : refusals)}.");
        var met = Met(quiet, attacked, seconds, identitiesPerMinute);
        text.AppendLine(inv, $"Goal {(met ? "met" : "NOT met")}.");
        return text.ToString();
    }
}
