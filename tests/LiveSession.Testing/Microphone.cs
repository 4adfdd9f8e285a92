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

    public static async IAsyncEnumerable<AudioUpload> Blocks(float[] samples, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        for (var offset = 0; offset < samples.Length; offset += BlockSamples)
        {
            yield return new AudioUpload(AudioFormat.FromFloats(samples.AsSpan(offset, Math.Min(BlockSamples, samples.Length - offset))));
            await pace.WaitForNextTickAsync(cancellationToken);
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
