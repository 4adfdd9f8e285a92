using System.Globalization;
using System.Text;
using LiveSession.Transcription.Whisper;

namespace LiveSession.WhisperBench;

/// <summary>
/// Processing time ÷ audio time over the first N clips of the manifest (tests/fixtures/vi-speech unless --manifest), for each model size and thread
/// count, in two modes: a full 30 s encoder window per clip (what whisper-cli does) and the worker's
/// settings (encoder context fitted to the utterance, no temperature fallback, tokens capped).
/// The test models (the default) have no weights: the compute is the real architecture's, but the decoder never
/// stops early, so it runs to the token cap — an upper bound on decoding for real speech.
/// </summary>
internal static class RealTimeFactor
{
    public static int Run(BenchData data, string root, Dictionary<string, string?> options)
    {
        var models = (options.GetValueOrDefault("models") ?? "tiny,base,small").Split(',');
        var threads = (options.GetValueOrDefault("threads") ?? "1,2").Split(',').Select(int.Parse).ToArray();
        var clipCount = int.Parse(options.GetValueOrDefault("clips") ?? "3", CultureInfo.InvariantCulture);
        var clips = data.Clips(clipCount);
        var audioSeconds = clips.Sum(c => c.Length / 16000.0);
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

        var rows = new List<string>();
        foreach (var model in models)
        {
            using var factory = WhisperFactory.FromPath(data.Model(model));
            foreach (var n in threads)
            {
                var full = Measure(factory, n, fitted: false, clips);
                var fitted = Measure(factory, n, fitted: true, clips);
                var row = string.Create(CultureInfo.InvariantCulture,
                    $"| {model} | {n} | {audioSeconds:0.0} | {full.Seconds / audioSeconds:0.00} | {full.Cpu / audioSeconds:0.00} | {fitted.Seconds / audioSeconds:0.00} | {fitted.Cpu / audioSeconds:0.00} | {fitted.PerClip:0.00} |");
                Console.WriteLine(row);
                rows.Add(row);
            }
        }

        var cores = Environment.ProcessorCount;
        var section = new StringBuilder()
            .AppendLine("## Whisper real-time factor")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"whisper.cpp {WhisperLibrary.Version} through the project's binding (src/Transcription/Whisper), greedy decoding, language vi,")
            .AppendLine(CultureInfo.InvariantCulture, $"over the first {clips.Count} clips of {data.ClipSource} ({audioSeconds:0.0} s of speech, {clips.Min(c => c.Length) / 16000.0:0.0}–{clips.Max(c => c.Length) / 16000.0:0.0} s each), one call per clip.")
            .AppendLine("RTF = processing time ÷ audio time (below 1 keeps up with live speech). \"full window\" encodes a 30 s window per clip")
            .AppendLine("as whisper-cli does; \"worker settings\" fits the encoder context to the clip (50 frames/s + 64), no temperature fallback,")
            .AppendLine("at most 25 tokens per second of audio. " + (data.TestModels(models)
                ? $"The test models ({data.ModelSource}/for-tests-ggml-*.bin) have the real architectures and no weights: encoder cost is real; their decoder never ends a segment, so decoding runs to the token cap — an upper bound for real speech."
                : $"Models from {data.ModelSource}."))
            .AppendLine("CPU features: " + WhisperLibrary.SystemInfo.Replace("|", "/", StringComparison.Ordinal).Trim() + ".")
            .AppendLine("Wall-clock RTF depends on what else runs; \"CPU-s per audio-s\" (process CPU time ÷ audio time) is steadier: with")
            .AppendLine("1 thread it is what the wall-clock RTF would be on an idle core (with 2 threads ggml's OpenMP workers also count time spent spinning, so it may overstate).")
            .AppendLine(CultureInfo.InvariantCulture, $"Reproduce: `dotnet run -c Release --project bench/LiveSession.WhisperBench -- rtf --clips {clipCount}{data.Reproduce} --write`")
            .AppendLine(CultureInfo.InvariantCulture, $"({DateTime.UtcNow:yyyy-MM-dd}, {cores} cores, shared with other builds: 1-minute load average {load} at the end).")
            .AppendLine()
            .AppendLine("| model | threads | audio s | RTF full window | CPU-s per audio-s, full | RTF worker settings | CPU-s per audio-s, worker | s per utterance, worker |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows) section.AppendLine(row);

        if (options.ContainsKey("write"))
        {
            var path = Path.Combine(root, "docs", "benchmarks.md");
            BenchmarkDoc.WriteSection(path, "Whisper real-time factor", section.ToString());
            Console.WriteLine($"wrote {path}");
        }
        else
        {
            Console.WriteLine(section);
        }
        return 0;
    }

    private static (double Seconds, double PerClip, double Cpu) Measure(WhisperFactory factory, int threads, bool fitted, IReadOnlyList<float[]> clips)
    {
        using var processor = factory.CreateBuilder().WithLanguage("vi").WithThreads(threads)
            .WithFittedAudioContext(fitted).WithTemperatureIncrement(0).WithMaxTokensPerSecond(25).Build();
        processor.Process(clips[0].AsSpan(0, 8000)); // warm-up: first-call allocations
        var total = 0.0;
        var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var clip in clips)
        {
            processor.Process(clip);
            total += processor.LastTiming!.Processing.TotalSeconds;
        }
        var cpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        return (total, total / clips.Count, cpu);
    }
}

/// <summary>Replaces (or appends) one "## Title" section of docs/benchmarks.md, keeping the others.</summary>
internal static class BenchmarkDoc
{
    public static void WriteSection(string path, string title, string section)
    {
        var lines = File.Exists(path) ? File.ReadAllLines(path).ToList() : ["# Benchmarks", ""];
        var start = lines.FindIndex(l => l.Trim() == "## " + title);
        var body = section.TrimEnd('\n', '\r').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (start < 0)
        {
            if (lines.Count > 0 && lines[^1].Length > 0) lines.Add("");
            lines.AddRange(body);
        }
        else
        {
            var end = lines.FindIndex(start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
            if (end < 0) end = lines.Count;
            var replacement = new List<string>(body);
            if (end < lines.Count) replacement.Add("");
            lines.RemoveRange(start, end - start);
            lines.InsertRange(start, replacement);
        }
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
    }
}
