using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using LiveSession.Client;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Testing;
using LiveSession.Transcription;
using LiveSession.Transcription.Pipeline;
using LiveSession.Transcription.Whisper;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveSession.WhisperBench;

/// <summary>
/// Live caption latency through the whole path: a microphone client streams speech in real time to a real host
/// (Kestrel + redis-server), the worker follows the hub's audio feed with real Silero VAD and real whisper.cpp
/// compute, and a hall-screen client times each caption's arrival. Latencies are measured on the meeting's
/// audio clock (the hub stamps when each block was spoken): first partial − speech start, final caption −
/// speech end. The test models have no weights, so whisper's own text is replaced by the utterance's times
/// (the compute is whisper's, unchanged) — which is also how each caption is matched to its utterance.
/// </summary>
internal static class CaptionLatency
{
    private const int Rate = 16_000;

    public static async Task<int> RunAsync(BenchData data, string root, Dictionary<string, string?> options)
    {
        var models = (options.GetValueOrDefault("models") ?? "tiny,base,small").Split(',');
        var threads = int.Parse(options.GetValueOrDefault("threads") ?? "2", CultureInfo.InvariantCulture);
        var count = int.Parse(options.GetValueOrDefault("utterances") ?? "8", CultureInfo.InvariantCulture);
        var clips = data.Clips(count);
        // Each clip, then 2 s of silence: one utterance per clip.
        var audio = Microphone.Join([.. clips.SelectMany(c => new[] { c, Microphone.Silence(2) })]);
        var vadPath = data.VadModel;

        // The host runs in this process (as in the tests); tell it where its content root is.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_LIVESESSION_HUB", Path.Combine(root, "src", "Hub"));
        await using var redis = new RedisServer();
        await redis.InitializeAsync();
        var rows = new List<string>();
        foreach (var model in models)
        {
            await using var host = new TestHost(redis);
            var result = await MeasureAsync(host, data.Model(model), vadPath, threads, audio);
            var row = string.Create(CultureInfo.InvariantCulture,
                $"| {model} | {threads} | {result.Finals.Count} | {Percentile(result.FirstPartials, 50):0.00} | {Percentile(result.FirstPartials, 95):0.00} | {Percentile(result.Finals, 50):0.00} | {Percentile(result.Finals, 95):0.00} | {result.Finals.DefaultIfEmpty().Max():0.00} | {result.Partials} | {result.Skipped} | {result.MaxBacklog:0.0} |");
            Console.WriteLine(row);
            rows.Add(row);
        }

        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        var section = new StringBuilder()
            .AppendLine("## Live caption latency")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"A .NET microphone client streams {clips.Count} clips of {data.ClipSource} (each followed by 2 s of silence, {audio.Length / (double)Rate:0} s in all)")
            .AppendLine("in real time, 100 ms blocks, to a real host (Kestrel, redis-server on loopback); the worker follows the hub's audio feed")
            .AppendLine("(0.5 s chunks, Silero VAD, partial every 1.5 s of speech once 1 s is heard, final at 0.53 s of silence) and runs")
            .AppendLine("whisper.cpp with the worker's settings; a hall-screen client times each caption. Measured on the meeting's audio clock:")
            .AppendLine("first partial = its arrival − the utterance's speech start; final = the final caption's arrival − the speech end")
            .AppendLine("(both as found by the VAD). Whisper's compute is real, its text is replaced by the utterance's times (which also matches")
            .AppendLine("captions to utterances)" + (data.TestModels(models) ? $"; the models are the weightless test models of {data.ModelSource}." : $"; models from {data.ModelSource}.")
                + $" Host, worker, clients and whisper share the {Environment.ProcessorCount} cores.")
            .AppendLine(CultureInfo.InvariantCulture, $"Reproduce: `dotnet run -c Release --project bench/LiveSession.WhisperBench -- latency --utterances {clips.Count}{data.Reproduce} --write` ({DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, 1-minute load average {load} at the end).")
            .AppendLine()
            .AppendLine("| model | threads | utterances | first partial p50 s | first partial p95 s | final p50 s | final p95 s | final max s | partials shown | partials skipped | max backlog s |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows) section.AppendLine(row);
        if (options.ContainsKey("write"))
        {
            BenchmarkDoc.WriteSection(Path.Combine(root, "docs", "benchmarks.md"), "Live caption latency", section.ToString());
            Console.WriteLine("wrote docs/benchmarks.md");
        }
        else
        {
            Console.WriteLine(section);
        }
        return 0;
    }

    private sealed record Result(List<double> FirstPartials, List<double> Finals, int Partials, int Skipped, double MaxBacklog);

    private static async Task<Result> MeasureAsync(TestHost host, string modelPath, string vadPath, int threads, float[] audio)
    {
        var meetingId = await host.CreateMeetingAsync();
        await using var chair = await host.ConnectAsync(meetingId, Role.Chair);
        await using var screen = await host.ConnectAsync(meetingId, Role.Screen);
        await using var microphone = await host.ConnectAsync(meetingId, Role.Microphone);
        await using var transcriber = await host.ConnectAsync(meetingId, Role.Transcriber);
        await chair.ExecuteAsync(new Interject("Phát biểu"));

        // Caption text "partial|final start end" (ms on the audio clock) → arrival, per utterance.
        var firstPartial = new ConcurrentDictionary<long, double>();
        var finals = new ConcurrentDictionary<long, double>();
        var partials = 0;
        var origin = transcriber.State!.StartedAt!.Value;
        screen.Changed += _ =>
        {
            if (screen.Captions.LastOrDefault() is { } line && line.Text.Split(' ') is [var kind, var start, var end])
            {
                var arrival = host.Clock.GetUtcNow();
                var (from, to) = (long.Parse(start, CultureInfo.InvariantCulture), long.Parse(end, CultureInfo.InvariantCulture));
                if (kind == "partial" && firstPartial.TryAdd(from, (arrival - (origin + TimeSpan.FromMilliseconds(from))).TotalSeconds)) Interlocked.Increment(ref partials);
                else if (kind == "partial") Interlocked.Increment(ref partials);
                if (kind == "final") finals.TryAdd(from, (arrival - (origin + TimeSpan.FromMilliseconds(to))).TotalSeconds);
            }
            return Task.CompletedTask;
        };

        using var factory = WhisperFactory.FromPath(modelPath);
        using var processor = factory.CreateBuilder().WithLanguage("vi").WithThreads(threads)
            .WithFittedAudioContext(true).WithTemperatureIncrement(0).WithMaxTokensPerSecond(25).Build();
        using var vad = WhisperVad.FromPath(vadPath, 1);
        // From now on the meeting's clock, the host's (a TestClock, not the machine's date).
        var source = new HubAudioSource(transcriber, origin, host.Clock.GetUtcNow(), TimeProvider.System, NullLogger.Instance);
        // Whisper's compute on the real audio; the caption names the audio it was given.
        var pending = (Start: 0L, End: 0L);
        var pipeline = new TranscriptPipeline(source, new UtteranceSegmenter(vad, new VadOptions()),
            (samples, ct) =>
            {
                processor.Process(samples, ct);
                return [new SegmentData("x", TimeSpan.Zero, TimeSpan.FromSeconds(samples.Length / (double)Rate), 0, "vi")];
            },
            new TimesSink(new HubTranscriptSink(transcriber, TimeProvider.System, NullLogger.Instance), () => pending),
            NullLogger.Instance);
        pipeline.Partial += p => pending = Times(p.Start, p.End, origin);
        var maxBacklog = 0.0;
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => pipeline.RunAsync(stop.Token));
        var watching = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                maxBacklog = Math.Max(maxBacklog, pipeline.Status.BacklogSeconds);
                await Task.Delay(100);
            }
        });

        await Microphone.SpeakAsync(microphone, audio);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (pipeline.Backlog > 0 && DateTime.UtcNow < deadline) await Task.Delay(200);
        await Task.Delay(2000);
        await stop.CancelAsync();
        await Task.WhenAll(running, watching).ContinueWith(_ => { }, TaskScheduler.Default);
        return new Result([.. firstPartial.Values], [.. finals.Values], partials, pipeline.Status.SkippedPartials, maxBacklog);
    }

    private static (long, long) Times(DateTimeOffset start, DateTimeOffset end, DateTimeOffset origin) =>
        ((long)(start - origin).TotalMilliseconds, (long)(end - origin).TotalMilliseconds);

    /// <summary>Sends to the hub as the worker does, with the caption text replaced by the utterance's times.</summary>
    private sealed class TimesSink(HubTranscriptSink inner, Func<(long Start, long End)> pending) : ITranscriptSink
    {
        public IReadOnlyList<LiveSession.Transcription.Attribution.FloorSpan> Floor => inner.Floor;
        public bool AlreadySent(int sequence) => inner.AlreadySent(sequence);

        public Task SendAsync(string turnId, int sequence, int endSequence, string text, CancellationToken cancellationToken) =>
            inner.SendAsync(turnId, sequence, endSequence, $"final {sequence} {endSequence}", cancellationToken);

        public Task ShowPartialAsync(string? turnId, string text, CancellationToken cancellationToken)
        {
            var (start, end) = pending();
            return inner.ShowPartialAsync(turnId, $"partial {start} {end}", cancellationToken);
        }
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Clamp(Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
