using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Concentus;
using Concentus.Enums;
using LiveSession.Client;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveSession.FanoutBench;

/// <summary>
/// Hall audio out at scale: a microphone client streams real Vietnamese speech (tests/fixtures/vi-speech, looped) in
/// real time, 100 ms blocks, into the host (the hall microphone's link); N listeners (lean WebSocket clients with a
/// participant's link, each having invoked ListenHall) timestamp each Opus packet as it arrives. Mouth-to-ear transport
/// delay of a block = from the moment the microphone client sent it (its last sample captured) to the moment the LAST
/// listener had its packet; before any phone's jitter buffer. Beside it, in the same run and at the same numbers of
/// connections, a bare relay (<see cref="BareHost"/>: one SignalR hub that only forwards a message to every other
/// connection) carries the same packets (as the listeners received them), sent at the same pace.
/// Usage: dotnet run -c Release --project bench/LiveSession.FanoutBench -- hall-audio [--levels 100,500,1000,2000]
///   [--seconds 15] [--out docs/benchmarks.md]
/// </summary>
public static class HallAudioRun
{
    private const string AdminKey = "hall-audio-bench";
    private static readonly TimeSpan Block = TimeSpan.FromMilliseconds(100);

    /// <summary>Deliveries of one phase, by packet sequence number: how many listeners had it and when the last one did.</summary>
    private sealed class Deliveries(int listeners)
    {
        public readonly ConcurrentDictionary<long, Slot> Slots = new();
        public readonly ConcurrentBag<(long Seq, long At)> All = [];
        public long FirstListenerBytes, FirstListenerMessages;
        public readonly ConcurrentQueue<string> Recorded = new();
        public int Listeners => listeners;

        public sealed class Slot
        {
            public int Count;
            public long Last;
        }

        public void Record(int index, long timestamp, ReadOnlySpan<byte> message)
        {
            if (index >= listeners) return;
            var seq = Seq(message);
            var slot = Slots.GetOrAdd(seq, _ => new Slot());
            Interlocked.Increment(ref slot.Count);
            long last;
            while ((last = Interlocked.Read(ref slot.Last)) < timestamp && Interlocked.CompareExchange(ref slot.Last, timestamp, last) != last) { }
            All.Add((seq, timestamp));
            if (index != 0) return;
            Recorded.Enqueue(LeanClient.FirstArgument(message));
            FirstListenerBytes += message.Length + 1;
            FirstListenerMessages++;
        }
    }

    public static async Task<int> RunAsync(string[] args, string root, string hubDll)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var levels = (Arg("--levels") ?? "100,500,1000,2000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var seconds = int.Parse(Arg("--seconds") ?? "15", CultureInfo.InvariantCulture);
        var output = Arg("--out") ?? Path.Combine(root, "docs", "benchmarks.md");
        var command = "dotnet run -c Release --project bench/LiveSession.FanoutBench -- " + string.Join(' ', args);
        var speech = LoadSpeech(root);
        var started = DateTimeOffset.UtcNow;
        var loadAtStart = ProcessSample.LoadAverage();

        // The encoder alone, before anything else runs in this process: CPU per second of meeting audio.
        var encode = MeasureEncode(speech, TimeSpan.FromSeconds(60));
        Console.WriteLine($"encode: {encode.CpuMsPerAudioSecond:F2} ms CPU per second of audio ({encode.Bitrate / 1000} kbit/s, {encode.FrameMs} ms frames)");

        await using var redis = await ChildProcess.StartRedisAsync();
        // Every listener here comes from 127.0.0.1: the per-address cap is raised as for a hall behind one NAT address.
        await using var host = await ChildProcess.StartHostAsync(hubDll, redis.Port, AdminKey, settings: new Dictionary<string, string>
        {
            ["LiveSession__HallAudio__MaxListenersPerAddress"] = "100000",
        });
        await using var bare = await ChildProcess.StartBareHostAsync();
        var baseUrl = new Uri($"http://127.0.0.1:{host.Port}");
        var hubUrl = new Uri(baseUrl, HubContract.Path);
        var bareUrl = new Uri($"http://127.0.0.1:{bare.Port}{BareHost.Path}");
        var TokenOf = await BenchMeetings.CreateAsync(baseUrl, AdminKey, "Hội nghị đối thoại – đo âm thanh hội trường");
        await using var chair = new MeetingConnection(hubUrl, TokenOf("chair"));
        await chair.StartAsync();
        if (!(await chair.ExecuteAsync(new StartMeeting())).Ok) throw new InvalidOperationException("the meeting did not start");

        await using var sender = new HubConnectionBuilder()
            .WithUrl(bareUrl, o => { o.Transports = HttpTransportType.WebSockets; o.SkipNegotiation = true; })
            .Build();
        await sender.StartAsync();

        // A warm-up (the host compiles its paths), not measured: a few seconds of speech to one listener.
        await WarmUpAsync(hubUrl, TokenOf("participant"), TokenOf("microphone"), speech);
        var rows = new List<Row>();
        var listeners = new List<LeanClient>();
        var relayListeners = new List<LeanClient>();
        Deliveries? current = null, currentRelay = null;
        var speechAt = 0;
        foreach (var level in levels)
        {
            var rssBefore = host.ResidentBytes();
            var added = level - listeners.Count;
            while (listeners.Count < level)
            {
                var batch = Enumerable.Range(listeners.Count, Math.Min(100, level - listeners.Count)).Select(i =>
                    LeanClient.ConnectAsync(hubUrl, TokenOf("participant"), HubContract.HallAudio,
                        (at, message) => current?.Record(i, at, message), HubContract.ListenHall));
                listeners.AddRange(await Task.WhenAll(batch));
            }
            while (relayListeners.Count < level)
            {
                var batch = Enumerable.Range(relayListeners.Count, Math.Min(100, level - relayListeners.Count)).Select(i =>
                    LeanClient.ConnectAsync(bareUrl, null, HubContract.ViewChanged, (at, message) => currentRelay?.Record(i, at, message)));
                relayListeners.AddRange(await Task.WhenAll(batch));
            }
            await Task.Delay(TimeSpan.FromSeconds(3)); // the listeners' count reaches the encoding host (HallListeners.Refresh)
            GC.Collect();
            var rssAfter = host.ResidentBytes();

            // LiveSession: the microphone speaks for `seconds`.
            current = new Deliveries(level);
            var hostBefore = ProcessSample.Of(host.Process.Id);
            var sent = await SpeakAsync(hubUrl, TokenOf("microphone"), speech, speechAt, seconds);
            speechAt += sent.Count;
            await Task.Delay(TimeSpan.FromSeconds(1)); // the last packets land
            var hostUsage = ProcessSample.Of(host.Process.Id).Since(hostBefore);
            var live = current;
            current = null;
            var loadLive = ProcessSample.LoadAverage();

            // The bare relay: the same packets (as the first listener received them), at the same pace, to as many connections.
            var recorded = ListenedPackets(live);
            currentRelay = new Deliveries(level);
            var relayBefore = ProcessSample.Of(bare.Process.Id);
            var relaySent = await RelayAsync(sender, recorded);
            await Task.Delay(TimeSpan.FromSeconds(1));
            var relayUsage = ProcessSample.Of(bare.Process.Id).Since(relayBefore);
            var relay = currentRelay;
            currentRelay = null;

            var row = new Row(level, Delays(live, sent, level), Delays(relay, relaySent, level),
                hostUsage.CorePercent, relayUsage.CorePercent,
                added > 0 ? (rssAfter - rssBefore) / (double)added : double.NaN,
                live.FirstListenerMessages == 0 ? 0 : live.FirstListenerBytes * 8.0 / 1000 / (sent.Count * Block.TotalSeconds),
                loadLive, ProcessSample.LoadAverage());
            rows.Add(row);
            Console.WriteLine(row);
        }
        foreach (var client in listeners.Concat(relayListeners)) await client.DisposeAsync();

        var report = Report(rows, encode, command, started, loadAtStart, seconds);
        BenchmarksFile.WriteSection(output, "## Hall audio out (Opus to every listening phone)", "hall-audio-bench", report);
        Console.WriteLine(report);
        return 0;
    }

    private static async Task WarmUpAsync(Uri hubUrl, string participant, string microphone, byte[] speech)
    {
        await using var one = await LeanClient.ConnectAsync(hubUrl, participant, HubContract.HallAudio, (_, _) => { }, HubContract.ListenHall);
        await SpeakAsync(hubUrl, microphone, speech, 0, 5);
    }

    /// <summary>Streams <paramref name="seconds"/> of speech as the hall microphone, a 100 ms block every 100 ms; returns each block's send time.</summary>
    private static async Task<List<long>> SpeakAsync(Uri hubUrl, string token, byte[] speech, int fromBlock, int seconds)
    {
        await using var microphone = new MeetingConnection(hubUrl, token);
        await microphone.StartAsync();
        var sent = new List<long>();
        var blockBytes = (int)(AudioFormat.BytesPerSecond * Block.TotalSeconds);
        var blocks = speech.Length / blockBytes;
        async IAsyncEnumerable<AudioUpload> Blocks()
        {
            using var timer = new PeriodicTimer(Block);
            for (var i = 0; i < seconds * 10; i++)
            {
                await timer.WaitForNextTickAsync();
                var at = (fromBlock + i) % blocks * blockBytes;
                sent.Add(Stopwatch.GetTimestamp());
                yield return new AudioUpload(speech[at..(at + blockBytes)]);
            }
        }
        var result = await microphone.UploadAudioAsync(Blocks());
        if (!result.Ok) throw new InvalidOperationException($"the microphone was refused: {result.ErrorCode} {result.ErrorMessage}");
        return sent;
    }

    /// <summary>The packets' JSON as the first listener received them, in order.</summary>
    private static List<string> ListenedPackets(Deliveries live) => [.. live.Recorded];

    private static async Task<List<long>> RelayAsync(HubConnection sender, List<string> packets)
    {
        var sent = new List<long>();
        using var timer = new PeriodicTimer(Block);
        foreach (var packet in packets)
        {
            await timer.WaitForNextTickAsync();
            sent.Add(Stopwatch.GetTimestamp());
            await sender.SendAsync("Broadcast", JsonDocument.Parse(packet).RootElement);
        }
        return sent;
    }

    /// <summary>Last-listener delays (ms) of the packets every listener had, matched to the blocks in order of sequence.</summary>
    private static Delay Delays(Deliveries deliveries, List<long> sent, int listeners)
    {
        var seqs = deliveries.Slots.Keys.Order().ToList();
        var last = new List<double>();
        var each = new List<double>();
        var complete = 0;
        var sentAt = seqs.Select((seq, i) => (seq, i)).ToDictionary(p => p.seq, p => p.i < sent.Count ? sent[p.i] : long.MinValue);
        foreach (var seq in seqs)
        {
            var slot = deliveries.Slots[seq];
            if (sentAt[seq] == long.MinValue) continue;
            if (slot.Count >= listeners)
            {
                complete++;
                last.Add(Stopwatch.GetElapsedTime(sentAt[seq], slot.Last).TotalMilliseconds);
            }
        }
        foreach (var (seq, at) in deliveries.All)
            if (sentAt.TryGetValue(seq, out var from) && from != long.MinValue) each.Add(Stopwatch.GetElapsedTime(from, at).TotalMilliseconds);
        last.Sort();
        each.Sort();
        return new Delay(Quantile(last, 0.5), Quantile(last, 0.95), Quantile(each, 0.5), complete, sent.Count, seqs.Count);
    }

    private static double Quantile(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];

    private static long Seq(ReadOnlySpan<byte> message)
    {
        var at = message.IndexOf("\"seq\":"u8);
        if (at < 0) return -1;
        return Utf8Parser.TryParse(message[(at + 6)..], out long seq, out _) ? seq : -1;
    }

    /// <summary>The speech the tests use, one clip after another: 16 kHz mono 16-bit PCM.</summary>
    private static byte[] LoadSpeech(string root)
    {
        var folder = Path.Combine(root, "tests", "fixtures", "vi-speech", "audio");
        using var all = new MemoryStream();
        foreach (var file in Directory.GetFiles(folder, "*.wav").Order(StringComparer.Ordinal))
        {
            var wav = File.ReadAllBytes(file);
            var data = wav.AsSpan().IndexOf("data"u8);
            if (data < 0 || BitConverter.ToInt32(wav, 24) != AudioFormat.SampleRate || BitConverter.ToInt16(wav, 22) != 1) continue;
            all.Write(wav.AsSpan(data + 8));
        }
        return all.ToArray();
    }

    /// <param name="CpuMsPerAudioSecond">CPU time (this process, one thread) per second of audio encoded.</param>
    private sealed record EncodeCost(double CpuMsPerAudioSecond, int Bitrate, int FrameMs, double AverageKbps);

    /// <summary>The host's encoder settings (HallEncoder: Concentus, 16 kHz mono VOIP, voice, default bitrate and frame).</summary>
    private static EncodeCost MeasureEncode(byte[] speech, TimeSpan length)
    {
        const int bitrate = 18_000, frameMs = 20, frameSamples = AudioFormat.SampleRate * frameMs / 1000;
        var encoder = OpusCodecFactory.CreateEncoder(AudioFormat.SampleRate, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        encoder.Bitrate = bitrate;
        encoder.SignalType = OpusSignal.OPUS_SIGNAL_VOICE;
        var samples = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(speech).ToArray();
        var frames = (int)(length.TotalMilliseconds / frameMs);
        var packet = new byte[1275];
        var frame = new short[frameSamples];
        long bytes = 0;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < frames; i++)
        {
            var from = i * frameSamples % (samples.Length - frameSamples);
            samples.AsSpan(from, frameSamples).CopyTo(frame);
            bytes += encoder.Encode(frame, frameSamples, packet, packet.Length);
        }
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        return new EncodeCost(cpu.TotalMilliseconds / length.TotalSeconds, bitrate, frameMs, bytes * 8.0 / 1000 / length.TotalSeconds);
    }

    private sealed record Delay(double LastP50, double LastP95, double EachP50, int Complete, int Blocks, int Packets);

    private sealed record Row(int Listeners, Delay Live, Delay Relay, double HostCorePercent, double RelayCorePercent, double BytesPerListener, double ListenerKbps, double LoadLive, double LoadEnd);

    private static string Report(List<Row> rows, EncodeCost encode, string command, DateTimeOffset started, double loadAtStart, int seconds)
    {
        var inv = CultureInfo.InvariantCulture;
        var report = new StringBuilder();
        report.AppendLine(inv, $"Written by `{command}` on {started:yyyy-MM-dd HH:mm} UTC: {Environment.ProcessorCount} cores shared with other builders, load average (1 min) {loadAtStart:F1} at the start. Release build; host, Redis, bare relay and all clients on this one machine.");
        report.AppendLine();
        report.AppendLine(inv, $"A microphone client streams real Vietnamese speech (tests/fixtures/vi-speech, looped) in 100 ms blocks in real time as the hall microphone, {seconds} s per level; the host encodes it once to Opus ({encode.Bitrate / 1000} kbit/s, {encode.FrameMs} ms frames, five frames per packet) and sends each packet to every listener (lean WebSocket clients with a participant's link that invoked `ListenHall`). **Mouth-to-ear transport** of a block: from the moment the microphone client sent it (its last sample captured) until the **last** listener had its packet, before any phone's jitter buffer. The **bare relay** is a SignalR hub that only forwards each message to every other connection: the same packets, at the same pace, to the same number of connections, in the same run.");
        report.AppendLine();
        report.AppendLine("| listeners | last listener p50 ms | p95 ms | each delivery p50 ms | bare relay: last p50 ms | p95 ms | p95 ÷ relay p95 | packets all had / sent | host CPU % of a core | host CPU µs per listener-second: all / added | relay CPU % | host memory per listener KB | one listener receives kbit/s | load while speaking / after |");
        report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        Row? previous = null;
        foreach (var r in rows)
        {
            // All of the host's CPU over all listeners; and what the listeners added since the level before cost each.
            var perListenerSecond = r.HostCorePercent / 100 * 1_000_000 / r.Listeners;
            var added = previous is null ? "–" : ((r.HostCorePercent - previous.HostCorePercent) / 100 * 1_000_000 / (r.Listeners - previous.Listeners)).ToString("F0", inv);
            previous = r;
            report.AppendLine(inv,
                $"| {r.Listeners:N0} | {r.Live.LastP50:F0} | {r.Live.LastP95:F0} | {r.Live.EachP50:F0} | {r.Relay.LastP50:F0} | {r.Relay.LastP95:F0} | {r.Live.LastP95 / r.Relay.LastP95:F2} | {r.Live.Complete}/{r.Live.Blocks} | {r.HostCorePercent:F0} | {perListenerSecond:F0} / {added} | {r.RelayCorePercent:F0} | {r.BytesPerListener / 1024:F1} | {r.ListenerKbps:F1} | {r.LoadLive:F1} / {r.LoadEnd:F1} |");
        }
        report.AppendLine();
        report.AppendLine(inv, $"**Encode cost:** {encode.CpuMsPerAudioSecond:F1} ms of CPU per second of meeting audio ({encode.CpuMsPerAudioSecond / 10:F2} % of one core) for the one Opus encode per meeting (Concentus, managed C#; {encode.AverageKbps:F1} kbit/s of Opus on this speech), measured alone in the bench process before the run.");
        report.AppendLine();
        report.AppendLine(inv, $"How to read it: host CPU covers everything the host did while the microphone spoke (taking the blocks, the Redis stream for the worker, the encode, the publish to Redis for other hosts, the writes to every listener); per listener-second it is that divided by listeners × seconds (\"all\": the speech's own cost, about the same at every level, spread over the listeners), and the rise from the level before divided by the listeners added (\"added\": what one more listener costs). Memory per listener is the host's resident memory after the level's listeners connected minus before, over the listeners added (GC noise of a few MB included). \"One listener receives\" counts the hub protocol messages as the first listener received them (JSON, the Opus bytes in base64; WebSocket and TCP headers, a few bytes a message, come on top).");
        return report.ToString();
    }
}
