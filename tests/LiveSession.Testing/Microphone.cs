using System.Diagnostics;
using System.Runtime.CompilerServices;
using LiveSession.Client;
using LiveSession.Client.Protocol;

namespace LiveSession.Testing;

/// <summary>A microphone as a .NET hub client: sends audio in 100 ms blocks at the pace it would be spoken.</summary>
public static class Microphone
{
    public const int BlockSamples = AudioFormat.SampleRate / 10;

    /// <summary>Streams <paramref name="samples"/> (16 kHz mono) in real time; returns the hub's answer when the stream ends.</summary>
    public static Task<CommandResult> SpeakAsync(MeetingConnection connection, float[] samples, CancellationToken cancellationToken = default) =>
        connection.UploadAudioAsync(Blocks(samples, cancellationToken), cancellationToken);

    /// <summary>
    /// Streams <paramref name="parts"/> one after the other in real time, taking each part only when the stream reaches
    /// it: a lazy sequence decides as it goes what is said next (e.g. silence until a test's condition holds).
    /// </summary>
    public static Task<CommandResult> SpeakAsync(MeetingConnection connection, IEnumerable<float[]> parts, CancellationToken cancellationToken = default) =>
        connection.UploadAudioAsync(Blocks(parts, cancellationToken), cancellationToken);

    public static IAsyncEnumerable<AudioUpload> Blocks(float[] samples, CancellationToken cancellationToken = default) =>
        Blocks([samples], cancellationToken);

    /// <summary>
    /// Each block is sent when its audio begins by the stream's own stopwatch, as a sound card delivers it: a sender held
    /// up (a busy machine) sends what it owes at once and never falls behind the time the audio takes, so the hub stamps
    /// the audio when it was really spoken.
    /// </summary>
    public static async IAsyncEnumerable<AudioUpload> Blocks(IEnumerable<float[]> parts, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var running = Stopwatch.StartNew();
        long sent = 0;
        foreach (var part in parts)
            for (var offset = 0; offset < part.Length; offset += BlockSamples)
            {
                var due = TimeSpan.FromSeconds(sent / (double)AudioFormat.SampleRate) - running.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due, cancellationToken);
                var length = Math.Min(BlockSamples, part.Length - offset);
                sent += length;
                yield return new AudioUpload(AudioFormat.FromFloats(part.AsSpan(offset, length)));
            }
    }

    /// <summary>A tone (not speech): enough to hear and to count, not to transcribe.</summary>
    public static float[] Tone(double seconds, double hertz = 440, float level = 0.3f) =>
        [.. Enumerable.Range(0, (int)(seconds * AudioFormat.SampleRate)).Select(i => level * MathF.Sin((float)(2 * Math.PI * hertz * i / AudioFormat.SampleRate)))];

    public static float[] Silence(double seconds) => new float[(int)(seconds * AudioFormat.SampleRate)];

    public static float[] Join(params float[][] parts) => [.. parts.SelectMany(p => p)];

    /// <summary>Writes 16 kHz mono 16-bit PCM as a WAV file (e.g. for Chromium's fake microphone).</summary>
    public static string WriteWav(float[] samples)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ls-audio-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, AudioFormat.ToWav(AudioFormat.FromFloats(samples)));
        return path;
    }
}
