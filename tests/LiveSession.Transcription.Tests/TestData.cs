using LiveSession.Transcription.Whisper;

namespace LiveSession.Transcription.Tests;

/// <summary>The models and audio the tests read: tests/fixtures in the repository (see its README.md).</summary>
public static class TestData
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Fixtures { get; } = Path.Combine(RepositoryRoot, "tests", "fixtures");

    public static string Model(string size) => Path.Combine(Fixtures, "models", $"for-tests-ggml-{size}.bin");

    public static string VadModel => Path.Combine(Fixtures, "models", "for-tests-silero-v6.2.0-ggml.bin");

    public static string SpeechFolder => Path.Combine(Fixtures, "vi-speech");

    /// <summary>The vi-speech clips with their reference text, from manifest.tsv.</summary>
    public static IReadOnlyList<(string Path, double Seconds, string Text)> SpeechClips { get; } =
        [.. File.ReadLines(Path.Combine(SpeechFolder, "manifest.tsv")).Skip(1)
            .Select(line => line.Split('\t'))
            .Select(f => (Path.Combine(SpeechFolder, f[0]), double.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture), f[2]))];

    public static IReadOnlyList<string> TtsClips { get; } =
        [.. Directory.GetFiles(Path.Combine(Fixtures, "vi-tts"), "*.wav").Order()];

    public static float[] Load(string path) => AudioFile.LoadMono16k(path);

    public static string TempFile(string extension)
    {
        var folder = Path.Combine(Path.GetTempPath(), "livesession-transcription-tests");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{Guid.NewGuid():N}{extension}");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LiveSession.sln"))) return dir.FullName;
        throw new InvalidOperationException("LiveSession.sln not found above " + AppContext.BaseDirectory);
    }
}
