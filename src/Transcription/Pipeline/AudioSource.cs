using LiveSession.Transcription.Whisper;

namespace LiveSession.Transcription.Pipeline;

/// <summary>A block of 16 kHz mono audio at <see cref="Offset"/> samples from the start of its source.</summary>
/// <param name="Pause">No audio follows for now (the microphones went quiet): what is buffered should be finished.</param>
public sealed record AudioChunk(long Offset, float[] Samples, bool Pause = false)
{
    public long End => Offset + Samples.Length;

    public static AudioChunk PauseAt(long offset) => new(offset, [], Pause: true);
}

/// <summary>Audio of one meeting, 16 kHz mono, with the wall-clock time of its first sample.</summary>
public interface IAudioSource
{
    /// <summary>When sample 0 was spoken; audio times are Origin + offset / 16 kHz.</summary>
    DateTimeOffset Origin { get; }
    IAsyncEnumerable<AudioChunk> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Replays a recorded file as if it were the hall microphone: chunks are released at the pace of
/// their audio time from <see cref="Origin"/> (audio already in the past is released at once), or as
/// fast as possible when not paced.
/// </summary>
public sealed class FileReplaySource(string path, DateTimeOffset origin, bool paced, TimeProvider? clock = null) : IAudioSource
{
    public const int ChunkSamples = WhisperProcessor.SampleRate / 2;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public DateTimeOffset Origin { get; } = origin;

    public async IAsyncEnumerable<AudioChunk> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var samples = await Task.Run(() => AudioFile.LoadMono16k(path), cancellationToken);
        for (var offset = 0; offset < samples.Length; offset += ChunkSamples)
        {
            var length = Math.Min(ChunkSamples, samples.Length - offset);
            if (paced)
            {
                var due = Origin + TimeSpan.FromSeconds((offset + length) / (double)WhisperProcessor.SampleRate);
                var wait = due - _clock.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _clock, cancellationToken);
            }
            yield return new AudioChunk(offset, samples.AsSpan(offset, length).ToArray());
        }
    }
}
