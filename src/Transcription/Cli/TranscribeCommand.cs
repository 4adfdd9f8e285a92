using System.Diagnostics;
using System.Globalization;
using LiveSession.Transcription.Whisper;

namespace LiveSession.Transcription.Cli;

/// <summary>
/// <c>transcribe --model PATH [--language vi] [--threads N] [--vad-model PATH] FILE...</c>:
/// prints FILE&lt;TAB&gt;TEXT per file, then one summary line (audio seconds, processing seconds, real-time factor).
/// </summary>
public static class TranscribeCommand
{
    public const string Usage =
        "usage: transcribe --model PATH [--language vi|auto] [--threads N] [--vad-model PATH] [--fit-context] [--no-fallback] [--library DIR] FILE...";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        string? model = null, vadModel = null, language = "vi";
        var threads = Math.Min(4, Environment.ProcessorCount);
        bool fitContext = false, fallback = true;
        List<string> files = [];
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--model": model = Value(); break;
                    case "--language": language = Value(); break;
                    case "--threads": threads = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--vad-model": vadModel = Value(); break;
                    case "--library": WhisperLibrary.LibraryPath = Value(); break;
                    case "--fit-context": fitContext = true; break;
                    case "--no-fallback": fallback = false; break;
                    case "-h" or "--help": output.WriteLine(Usage); return 0;
                    default:
                        if (args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unknown option {args[i]}");
                        files.Add(args[i]);
                        break;
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                error.WriteLine(ex.Message);
                error.WriteLine(Usage);
                return 2;
            }
        }
        if (model is null || files.Count == 0)
        {
            error.WriteLine(model is null ? "--model is required" : "no audio file given");
            error.WriteLine(Usage);
            return 2;
        }

        try
        {
            using var factory = WhisperFactory.FromPath(model, "--model");
            using var vad = vadModel is null ? null : WhisperVad.FromPath(vadModel, threads, "--vad-model");
            using var processor = factory.CreateBuilder().WithLanguage(language).WithThreads(threads)
                .WithFittedAudioContext(fitContext).WithTemperatureIncrement(fallback ? 0.2f : 0).Build();
            double audioSeconds = 0, processingSeconds = 0;
            var failed = 0;
            foreach (var file in files)
            {
                float[] samples;
                try
                {
                    samples = AudioFile.LoadMono16k(file);
                }
                catch (Exception ex) when (ex is WaveFormatException or FileNotFoundException or IOException)
                {
                    error.WriteLine($"{file}: {ex.Message}");
                    failed++;
                    continue;
                }
                var watch = Stopwatch.StartNew();
                var text = Transcribe(processor, vad, samples);
                watch.Stop();
                audioSeconds += samples.Length / (double)WhisperProcessor.SampleRate;
                processingSeconds += watch.Elapsed.TotalSeconds;
                output.WriteLine($"{file}\t{text}");
            }
            var factor = audioSeconds > 0 ? processingSeconds / audioSeconds : 0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# {files.Count - failed} files, audio {audioSeconds:0.00} s, processing {processingSeconds:0.00} s, real-time factor {factor:0.000} (model {factory.ModelType}, {threads} threads)"));
            return failed == 0 ? 0 : 1;
        }
        catch (Exception ex) when (ex is WhisperLibraryException or WhisperModelException or WhisperProcessingException)
        {
            error.WriteLine(ex.Message);
            return 1;
        }
    }

    /// <summary>The whole file at once, or utterance by utterance when a VAD model is given.</summary>
    private static string Transcribe(WhisperProcessor processor, WhisperVad? vad, float[] samples)
    {
        if (vad is null) return Join(processor.Process(samples));
        var parts = new List<string>();
        foreach (var span in vad.DetectSpeech(samples))
        {
            var from = (int)(span.Start.TotalSeconds * WhisperProcessor.SampleRate);
            var to = Math.Min(samples.Length, (int)(span.End.TotalSeconds * WhisperProcessor.SampleRate));
            if (to > from) parts.Add(Join(processor.Process(samples.AsSpan(from, to - from))));
        }
        return string.Join(' ', parts.Where(p => p.Length > 0));
    }

    private static string Join(IEnumerable<SegmentData> segments) =>
        string.Join(' ', segments.Select(s => s.Text.Trim()).Where(t => t.Length > 0)).ReplaceLineEndings(" ").Replace('\t', ' ');
}
