using LiveSession.Transcription.Whisper;

namespace LiveSession.WhisperBench;

/// <summary>
/// Where the bench's models and audio come from. By default the repository's test fixtures (tests/fixtures: whisper.cpp's
/// weightless tiny/base/small test models, the real Silero VAD model and 5 VIVOS clips); <c>--model-dir</c> points at a
/// folder of real models (ggml-{size}.bin, ggml-silero-v6.2.0.bin, or the for-tests names) and <c>--manifest</c> at a
/// larger set of clips (columns: file relative to the manifest, seconds, reference_text).
/// </summary>
internal sealed class BenchData(string root, string modelDir, string manifest, string reproduce)
{
    public static BenchData From(string root, Dictionary<string, string?> options)
    {
        var fixtures = Path.Combine(root, "tests", "fixtures");
        var modelDir = Path.GetFullPath(options.GetValueOrDefault("model-dir") ?? Path.Combine(fixtures, "models"));
        var manifest = Path.GetFullPath(options.GetValueOrDefault("manifest") ?? Path.Combine(fixtures, "vi-speech", "manifest.tsv"));
        if (!Directory.Exists(modelDir)) throw new ArgumentException($"--model-dir {modelDir} does not exist");
        if (!File.Exists(manifest)) throw new ArgumentException($"--manifest {manifest} does not exist");
        var reproduce = string.Concat(new[] { "model-dir", "manifest" }.Where(options.ContainsKey).Select(o => $" --{o} {options[o]}"));
        return new BenchData(root, modelDir, manifest, reproduce);
    }

    /// <summary>The data options given on the command line, to repeat in a "Reproduce:" line (empty for the fixtures).</summary>
    public string Reproduce => reproduce;

    public string Manifest => manifest;

    /// <summary>The whisper model of a size: ggml-{size}.bin if the folder has it, else the test model for-tests-ggml-{size}.bin.</summary>
    public string Model(string size) => Find($"ggml-{size}.bin", $"for-tests-ggml-{size}.bin");

    public string VadModel => Find("ggml-silero-v6.2.0.bin", "for-tests-silero-v6.2.0-ggml.bin");

    /// <summary>True when the whisper models used are whisper.cpp's test models (real architectures, no weights).</summary>
    public bool TestModels(IEnumerable<string> sizes) => sizes.All(size => Path.GetFileName(Model(size)).StartsWith("for-tests-", StringComparison.Ordinal));

    /// <summary>The first <paramref name="count"/> clips of the manifest (fewer if it has fewer).</summary>
    public IReadOnlyList<float[]> Clips(int count)
    {
        var folder = Path.GetDirectoryName(manifest)!;
        return [.. File.ReadLines(manifest).Skip(1).Where(line => line.Length > 0).Take(count)
            .Select(line => AudioFile.LoadMono16k(Path.Combine(folder, line.Split('\t')[0])))];
    }

    /// <summary>How the docs name the clips: the manifest's folder relative to the repository when it is inside it.</summary>
    public string ClipSource => Describe(Path.GetDirectoryName(manifest)!);

    public string ModelSource => Describe(modelDir);

    private string Describe(string path)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative.Replace('\\', '/');
    }

    private string Find(params string[] names) =>
        names.Select(name => Path.Combine(modelDir, name)).FirstOrDefault(File.Exists)
        ?? throw new ArgumentException($"none of {string.Join(", ", names)} in {modelDir} (--model-dir)");
}
