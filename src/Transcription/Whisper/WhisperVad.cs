namespace LiveSession.Transcription.Whisper;

/// <summary>A stretch of speech, in seconds from the start of the analysed samples.</summary>
public readonly record struct SpeechSpan(TimeSpan Start, TimeSpan End)
{
    public TimeSpan Duration => End - Start;
}

/// <summary>Settings of Silero voice-activity detection (whisper.cpp's defaults except where noted).</summary>
public sealed record VadOptions
{
    public float Threshold { get; init; } = 0.5f;
    public int MinSpeechMilliseconds { get; init; } = 250;
    /// <summary>Silence that ends an utterance. whisper.cpp's default is 100 ms; meetings pause mid-sentence, so longer.</summary>
    public int MinSilenceMilliseconds { get; init; } = 500;
    /// <summary>An utterance longer than this is cut (whisper decodes at most 30 s at once).</summary>
    public float MaxSpeechSeconds { get; init; } = 25f;
    public int SpeechPadMilliseconds { get; init; } = 30;
}

/// <summary>whisper.cpp's built-in Silero VAD, loaded from a ggml VAD model file.</summary>
public sealed class WhisperVad : IDisposable
{
    public const string ModelOption = "Transcription:VadModel";

    private nint _context;
    private readonly Lock _gate = new();

    private WhisperVad(nint context) => _context = context;

    public static WhisperVad FromPath(string path, int threads = 1, string optionName = ModelOption)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new WhisperModelException($"No VAD model is configured: set {optionName} to a Silero ggml model file (e.g. ggml-silero-v6.2.0.bin).");
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new WhisperModelException($"The VAD model file {full} (from {optionName}) does not exist.");
        WhisperLibrary.EnsureLoaded();
        var context = Native.VadInit(full, threads);
        if (context == 0)
            throw new WhisperModelException($"The file {full} (from {optionName}) is not a usable Silero VAD model: {Native.LastErrorText()}");
        return new WhisperVad(context);
    }

    /// <summary>Finds the speech in 16 kHz mono samples.</summary>
    public unsafe IReadOnlyList<SpeechSpan> DetectSpeech(ReadOnlySpan<float> samples, VadOptions? options = null)
    {
        options ??= new VadOptions();
        if (samples.IsEmpty) return [];
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_context == 0, this);
            nint segments;
            fixed (float* data = samples)
            {
                segments = Native.VadSegments(_context, data, samples.Length, options.Threshold, options.MinSpeechMilliseconds,
                    options.MinSilenceMilliseconds, options.MaxSpeechSeconds, options.SpeechPadMilliseconds);
            }
            if (segments == 0) throw new WhisperProcessingException($"Voice activity detection failed: {Native.LastErrorText()}");
            try
            {
                var count = Native.VadSegmentCount(segments);
                var spans = new List<SpeechSpan>(count);
                // whisper.cpp 1.9.1 reports VAD segment times in centiseconds.
                for (var i = 0; i < count; i++)
                    spans.Add(new SpeechSpan(
                        TimeSpan.FromMilliseconds(Native.VadSegmentStart(segments, i) * 10),
                        TimeSpan.FromMilliseconds(Native.VadSegmentEnd(segments, i) * 10)));
                return spans;
            }
            finally
            {
                Native.VadFreeSegments(segments);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_context == 0) return;
            Native.VadFree(_context);
            _context = 0;
        }
    }
}
