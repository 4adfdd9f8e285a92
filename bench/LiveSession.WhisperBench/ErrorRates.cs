using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LiveSession.Transcription.Whisper;

namespace LiveSession.WhisperBench;

/// <summary>
/// WER and CER of a real model over a manifest (columns: file, seconds, reference_text), with the
/// manifest's normalisation: NFC, lower case, no punctuation, single spaces. Runs only with a real
/// model path; the test models have no weights and would score 100 %.
/// </summary>
internal static partial class ErrorRates
{
    public static int Run(BenchData data, Dictionary<string, string?> options)
    {
        var model = options.GetValueOrDefault("model");
        if (string.IsNullOrEmpty(model))
        {
            Console.Error.WriteLine("wer needs --model PATH (a real ggml model; the test models have no weights)");
            return 2;
        }
        var manifest = data.Manifest;
        var threads = int.Parse(options.GetValueOrDefault("threads") ?? "2", CultureInfo.InvariantCulture);
        var folder = Path.GetDirectoryName(Path.GetFullPath(manifest))!;
        using var factory = WhisperFactory.FromPath(model, "--model");
        using var processor = factory.CreateBuilder().WithLanguage(options.GetValueOrDefault("language") ?? "vi").WithThreads(threads).Build();
        int wordErrors = 0, words = 0, charErrors = 0, chars = 0;
        double audio = 0, processing = 0;
        foreach (var line in File.ReadLines(manifest).Skip(1))
        {
            var fields = line.Split('\t');
            var samples = AudioFile.LoadMono16k(Path.Combine(folder, fields[0]));
            var hypothesis = Normalize(string.Join(' ', processor.Process(samples).Select(s => s.Text)));
            var reference = Normalize(fields[2]);
            audio += processor.LastTiming!.Audio.TotalSeconds;
            processing += processor.LastTiming.Processing.TotalSeconds;
            var refWords = reference.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var hypWords = hypothesis.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var we = Distance(refWords, hypWords);
            var ce = Distance(reference.ToCharArray(), hypothesis.ToCharArray());
            wordErrors += we; words += refWords.Length; charErrors += ce; chars += reference.Length;
            Console.WriteLine($"{fields[0]}\t{we}/{refWords.Length}\t{hypothesis}");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"WER {100.0 * wordErrors / Math.Max(1, words):0.0} %, CER {100.0 * charErrors / Math.Max(1, chars):0.0} %, audio {audio:0.0} s, processing {processing:0.0} s, RTF {processing / Math.Max(audio, 1e-9):0.00} ({factory.ModelType}, {threads} threads)"));
        return 0;
    }

    public static string Normalize(string text)
    {
        var nfc = text.Normalize(NormalizationForm.FormC).ToLowerInvariant();
        return Spaces().Replace(Punctuation().Replace(nfc, " "), " ").Trim();
    }

    private static int Distance<T>(IReadOnlyList<T> a, IReadOnlyList<T> b)
    {
        var previous = Enumerable.Range(0, b.Count + 1).ToArray();
        var current = new int[b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Count; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (EqualityComparer<T>.Default.Equals(a[i - 1], b[j - 1]) ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Count];
    }

    [GeneratedRegex(@"[\p{P}\p{S}]")]
    private static partial Regex Punctuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
