using LiveSession.Transcription.Whisper;

namespace LiveSession.Transcription.Pipeline;

/// <summary>A finished stretch of speech, <see cref="Offset"/> samples from the start of its source.</summary>
public sealed record Utterance(long Offset, float[] Samples)
{
    public TimeSpan Start => TimeSpan.FromSeconds(Offset / (double)WhisperProcessor.SampleRate);
    public TimeSpan End => TimeSpan.FromSeconds((Offset + Samples.Length) / (double)WhisperProcessor.SampleRate);
}

/// <summary>
/// Cuts a live audio stream into utterances with Silero VAD. Audio is buffered since the last cut;
/// after each chunk the buffer is analysed again, and every speech span followed by enough silence
/// (or longer than the maximum) is released. The result depends only on the audio and the chunking,
/// so a replay from the same start cuts at the same offsets — which keeps segment sequence numbers
/// stable across worker restarts. A jump in the audio (a gap between microphone streams) or a pause
/// finishes what was buffered; the speech still going on is offered as <see cref="Pending"/> for
/// partial captions.
/// </summary>
public sealed class UtteranceSegmenter(Func<float[], IReadOnlyList<SpeechSpan>> detect, VadOptions options)
{
    private const int Rate = WhisperProcessor.SampleRate;
    private readonly List<float> _buffer = [];
    private long _bufferOffset;
    private int? _pendingFrom;

    public UtteranceSegmenter(WhisperVad vad, VadOptions options) : this(samples => vad.DetectSpeech(samples, options), options) { }

    /// <summary>The speech begun but not finished yet (from its start to the newest audio); null in silence.</summary>
    public Utterance? Pending =>
        _pendingFrom is { } from && from < _buffer.Count ? new Utterance(_bufferOffset + from, [.. _buffer.Skip(from)]) : null;

    /// <summary>Adds audio and returns the utterances it completed.</summary>
    public IReadOnlyList<Utterance> Push(AudioChunk chunk)
    {
        if (chunk.Pause) return Flush();
        List<Utterance> done = [];
        if (_buffer.Count > 0 && chunk.Offset != _bufferOffset + _buffer.Count) done.AddRange(Flush());
        if (_buffer.Count == 0) _bufferOffset = chunk.Offset;
        _buffer.AddRange(chunk.Samples);
        done.AddRange(Cut(final: false));
        return done;
    }

    /// <summary>The source ended: whatever speech is buffered is an utterance.</summary>
    public IReadOnlyList<Utterance> Flush() => Cut(final: true);

    private IReadOnlyList<Utterance> Cut(bool final)
    {
        _pendingFrom = null;
        if (_buffer.Count == 0) return [];
        var samples = _buffer.ToArray();
        var spans = detect(samples);
        var silenceNeeded = TimeSpan.FromMilliseconds(options.MinSilenceMilliseconds + options.SpeechPadMilliseconds);
        var bufferEnd = TimeSpan.FromSeconds(samples.Length / (double)Rate);
        var maxLength = TimeSpan.FromSeconds(options.MaxSpeechSeconds);
        List<Utterance> done = [];
        var consumed = 0;
        foreach (var span in spans)
        {
            var complete = final || bufferEnd - span.End >= silenceNeeded || span.Duration >= maxLength;
            if (!complete) break;
            var from = Math.Clamp((int)(span.Start.TotalSeconds * Rate), consumed, samples.Length);
            var to = Math.Clamp((int)(span.End.TotalSeconds * Rate), from, samples.Length);
            if (to > from) done.Add(new Utterance(_bufferOffset + from, samples[from..to]));
            consumed = to;
        }
        if (final)
        {
            consumed = samples.Length;
        }
        else
        {
            // Keep a pending (unfinished) span from a little before its start; with none pending, keep
            // the last second, where speech too short to be detected yet may be beginning.
            var pending = spans.Skip(done.Count).Select(s => (int)(s.Start.TotalSeconds * Rate)).Cast<int?>().FirstOrDefault();
            var keepFrom = pending is { } start ? start - Rate / 5 : samples.Length - Rate;
            consumed = Math.Clamp(keepFrom, consumed, samples.Length);
            if (pending is { } pendingStart) _pendingFrom = Math.Max(0, pendingStart - consumed);
        }
        _buffer.RemoveRange(0, consumed);
        _bufferOffset += consumed;
        return done;
    }
}
