using System.Diagnostics;

namespace LiveSession.Transcription.Whisper;

/// <summary>Loads audio files as whisper needs them: 16 kHz mono float samples.</summary>
public static class AudioFile
{
    /// <summary>
    /// WAV of any rate and channel count is averaged to mono and resampled here; other formats go
    /// through ffmpeg when it is installed, else a clear error.
    /// </summary>
    public static float[] LoadMono16k(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Audio file {path} does not exist.", path);
        if (LooksLikeWave(path))
        {
            var audio = WaveFile.Read(path);
            return Resample(audio.Mono(), audio.SampleRate, WhisperProcessor.SampleRate);
        }
        return DecodeWithFfmpeg(path);
    }

    private static bool LooksLikeWave(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[12];
        return stream.ReadAtLeast(head, 12, throwOnEndOfStream: false) == 12
            && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8);
    }

    /// <summary>Windowed-sinc resampling (band-limited to the lower Nyquist rate).</summary>
    public static float[] Resample(float[] input, int fromRate, int toRate)
    {
        if (fromRate <= 0) throw new WaveFormatException($"invalid sample rate {fromRate}");
        if (fromRate == toRate) return input;
        var ratio = (double)toRate / fromRate;
        var output = new float[(int)Math.Floor(input.Length * ratio)];
        var cutoff = Math.Min(1.0, ratio);
        const int halfWidth = 16;
        var support = halfWidth / cutoff;
        for (var i = 0; i < output.Length; i++)
        {
            var center = i / ratio;
            var first = (int)Math.Ceiling(center - support);
            var last = (int)Math.Floor(center + support);
            double sum = 0, weights = 0;
            for (var j = Math.Max(first, 0); j <= Math.Min(last, input.Length - 1); j++)
            {
                var x = (j - center) * cutoff;
                var sinc = x == 0 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
                var window = 0.5 + 0.5 * Math.Cos(Math.PI * (j - center) / support);
                var w = sinc * window;
                sum += input[j] * w;
                weights += w;
            }
            output[i] = weights == 0 ? 0 : (float)(sum / weights);
        }
        return output;
    }

    private static float[] DecodeWithFfmpeg(string path)
    {
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-nostdin", "-v", "error", "-i", path, "-f", "f32le", "-ac", "1", "-ar", "16000", "-" }) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new WaveFormatException($"{path} is not a WAV file and ffmpeg is not installed to convert it (apt-get install ffmpeg, or give 16 kHz mono WAV).");
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            using var buffer = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(buffer);
            process.WaitForExit();
            if (process.ExitCode != 0) throw new WaveFormatException($"ffmpeg could not decode {path}: {error.Result.Trim()}");
            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        }
    }
}
