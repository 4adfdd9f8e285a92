using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveSession.Transcription.Whisper;

/// <summary>A recognised piece of text with its times relative to the start of the processed audio.</summary>
public sealed record SegmentData(string Text, TimeSpan Start, TimeSpan End, float NoSpeechProbability, string Language);

/// <summary>How long a call took for how much audio; <see cref="RealTimeFactor"/> below 1 keeps up with live speech.</summary>
public sealed record ProcessingTiming(TimeSpan Audio, TimeSpan Processing)
{
    public double RealTimeFactor => Audio > TimeSpan.Zero ? Processing / Audio : 0;
}

/// <summary>
/// Transcribes 16 kHz mono audio, like Whisper.net's <c>WhisperProcessor</c>. One call at a time per
/// processor (calls are serialised); build one processor per concurrent stream.
/// </summary>
public sealed class WhisperProcessor : IDisposable, IAsyncDisposable
{
    public const int SampleRate = 16_000;

    private readonly WhisperFactory _factory;
    private readonly SemaphoreSlim _busy = new(1, 1);
    private nint _context;
    private nint _state;
    private nint _abortFlag;

    internal WhisperProcessor(WhisperFactory factory, WhisperProcessorOptions options)
    {
        _factory = factory;
        Options = options;
        _context = factory.AcquireContext();
        _state = Native.StateNew(_context);
        if (_state == 0)
        {
            factory.Release();
            throw new WhisperModelException($"Could not allocate a whisper decoding state: {Native.LastErrorText()}");
        }
        _abortFlag = Marshal.AllocHGlobal(sizeof(int));
        Marshal.WriteInt32(_abortFlag, 0);
    }

    public WhisperProcessorOptions Options { get; }

    /// <summary>Wall time of the last call and the audio it covered.</summary>
    public ProcessingTiming? LastTiming { get; private set; }

    /// <summary>Transcribes samples (16 kHz, mono, -1..1) and returns the segments.</summary>
    public IReadOnlyList<SegmentData> Process(ReadOnlySpan<float> samples, CancellationToken cancellationToken = default)
    {
        _busy.Wait(cancellationToken);
        try
        {
            return Run(samples, cancellationToken);
        }
        finally
        {
            _busy.Release();
        }
    }

    /// <summary>Transcribes samples on a worker thread and yields the segments.</summary>
    public async IAsyncEnumerable<SegmentData> ProcessAsync(float[] samples, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _busy.WaitAsync(cancellationToken);
        IReadOnlyList<SegmentData> segments;
        try
        {
            segments = await Task.Run(() => Run(samples, cancellationToken), cancellationToken);
        }
        finally
        {
            _busy.Release();
        }
        foreach (var segment in segments) yield return segment;
    }

    /// <summary>Transcribes a WAV stream, which must be 16 kHz (mono, or channels that are averaged).</summary>
    public IAsyncEnumerable<SegmentData> ProcessAsync(Stream wave, CancellationToken cancellationToken = default)
    {
        var audio = WaveFile.Read(wave);
        if (audio.SampleRate != SampleRate)
            throw new WaveFormatException(
                $"The audio is {audio.SampleRate} Hz; whisper needs {SampleRate} Hz mono. Resample it first (AudioFile.LoadMono16k does, or ffmpeg -ar 16000 -ac 1).");
        return ProcessAsync(audio.Mono(), cancellationToken);
    }

    private unsafe IReadOnlyList<SegmentData> Run(ReadOnlySpan<float> samples, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_state == 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        // whisper.cpp refuses input shorter than 100 ms worth of mel frames; pad short chunks with silence.
        const int minimum = SampleRate / 10 + SampleRate / 100;
        float[]? padded = null;
        if (samples.Length < minimum)
        {
            padded = new float[minimum];
            samples.CopyTo(padded);
            samples = padded;
        }
        var flag = (int*)_abortFlag;
        *flag = 0;
        using var registration = cancellationToken.Register(() => Volatile.Write(ref *flag, 1));
        int result;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        fixed (float* data = samples)
        {
            var o = Options;
            result = Native.Full(_context, _state, data, samples.Length, o.Language, o.Threads, o.Translate ? 1 : 0,
                o.NoContext ? 1 : 0, o.SingleSegment ? 1 : 0, o.NoTimestamps ? 1 : 0, AudioContext(o, samples.Length), o.BeamSize,
                o.Temperature, o.TemperatureIncrement, o.Prompt, o.SuppressBlank ? 1 : 0, MaxTokens(o, samples.Length), flag);
        }
        watch.Stop();
        cancellationToken.ThrowIfCancellationRequested();
        LastTiming = new ProcessingTiming(TimeSpan.FromSeconds(samples.Length / (double)SampleRate), watch.Elapsed);
        if (result != 0) throw new WhisperProcessingException($"whisper.cpp could not process the audio (code {result}): {Native.LastErrorText()}");
        var count = Native.SegmentCount(_state);
        var language = Options.Language;
        var segments = new List<SegmentData>(count);
        for (var i = 0; i < count; i++)
        {
            segments.Add(new SegmentData(
                Native.Utf8(Native.SegmentText(_state, i)) ?? "",
                TimeSpan.FromMilliseconds(Native.SegmentStart(_state, i) * 10),
                TimeSpan.FromMilliseconds(Native.SegmentEnd(_state, i) * 10),
                Native.SegmentNoSpeechProbability(_state, i),
                language));
        }
        return segments;
    }

    private static int AudioContext(WhisperProcessorOptions options, int sampleCount)
    {
        if (options.AudioContextSize > 0 || !options.FitAudioContext) return options.AudioContextSize;
        // 50 encoder frames per second; the margin keeps the end of speech inside the context.
        var frames = (int)Math.Ceiling(sampleCount / (double)SampleRate * 50) + 64;
        return frames >= 1500 ? 0 : frames;
    }

    private static int MaxTokens(WhisperProcessorOptions options, int sampleCount) =>
        options.MaxTokensPerSecond <= 0 ? 0
            : 8 + (int)Math.Ceiling(Math.Min(sampleCount, 30 * SampleRate) / (double)SampleRate * options.MaxTokensPerSecond);

    public void Dispose()
    {
        _busy.Wait();
        try
        {
            if (_state == 0) return;
            Native.StateFree(_state);
            _state = 0;
            Marshal.FreeHGlobal(_abortFlag);
            _abortFlag = 0;
            _context = 0;
            _factory.Release();
        }
        finally
        {
            _busy.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
