using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace LiveSession.Transcription.Tests;

/// <summary>The worker's `transcribe` command, run as its own process.</summary>
public sealed partial class CommandLineTests
{
    private static (int ExitCode, string Output, string Error) Run(IDictionary<string, string>? environment, params string[] arguments)
    {
        var worker = Path.Combine(AppContext.BaseDirectory, "LiveSession.Transcription.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(worker);
        start.ArgumentList.Add("transcribe");
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    [Fact]
    public void Prints_file_tab_text_per_file_and_a_summary_with_the_real_time_factor()
    {
        var clips = TestData.SpeechClips.Take(2).Select(c => c.Path).ToArray();
        var (code, output, error) = Run(null, ["--model", TestData.Model("tiny"), "--language", "vi", "--threads", "2", "--fit-context", "--no-fallback", .. clips]);

        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith(clips[0] + "\t", lines[0]);
        Assert.StartsWith(clips[1] + "\t", lines[1]);
        var summary = Summary().Match(lines[2]);
        Assert.True(summary.Success, lines[2]);
        var audio = double.Parse(summary.Groups["audio"].Value, CultureInfo.InvariantCulture);
        Assert.Equal(TestData.SpeechClips.Take(2).Sum(c => c.Seconds), audio, 0.02);
        Assert.True(double.Parse(summary.Groups["factor"].Value, CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public void A_missing_library_is_a_clear_error_naming_the_option()
    {
        var nowhere = Path.Combine(Path.GetTempPath(), "livesession-no-whisper-here");
        var (code, _, error) = Run(new Dictionary<string, string> { ["LIVESESSION_WHISPER_CACHE"] = nowhere },
            ["--library", nowhere, "--model", TestData.Model("tiny"), TestData.SpeechClips[0].Path]);
        Assert.Equal(1, code);
        Assert.Contains("Transcription:WhisperLibraryPath", error);
        Assert.Contains("scripts/build-whisper.sh", error);
    }

    [Fact]
    public void A_missing_model_is_a_clear_error_naming_the_option()
    {
        var (code, _, error) = Run(null, ["--model", "/nonexistent/ggml-base.bin", TestData.SpeechClips[0].Path]);
        Assert.Equal(1, code);
        Assert.Contains("/nonexistent/ggml-base.bin", error);
        Assert.Contains("--model", error);
    }

    [GeneratedRegex(@"^# 2 files, audio (?<audio>[0-9.]+) s, processing (?<processing>[0-9.]+) s, real-time factor (?<factor>[0-9.]+)")]
    private static partial Regex Summary();
}
