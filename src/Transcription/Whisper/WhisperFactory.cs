namespace LiveSession.Transcription.Whisper;

/// <summary>
/// A loaded whisper.cpp model, shaped like Whisper.net's <c>WhisperFactory</c>:
/// <c>WhisperFactory.FromPath(model).CreateBuilder().WithLanguage("vi").WithThreads(2).Build()</c>.
/// The weights are shared; every processor built from it has its own decoding state, so
/// processors of one factory may run at the same time.
/// </summary>
public sealed class WhisperFactory : IDisposable
{
    /// <summary>The configuration key of the model file, named in errors.</summary>
    public const string ModelOption = "Transcription:Model";

    private nint _context;
    private int _processors;
    private bool _disposeRequested;
    private readonly Lock _gate = new();

    private WhisperFactory(nint context, string path)
    {
        _context = context;
        ModelPath = path;
        ModelType = Native.Utf8(Native.ModelType(context)) ?? "unknown";
        IsMultilingual = Native.IsMultilingual(context) != 0;
    }

    public string ModelPath { get; }
    /// <summary>whisper.cpp's name of the architecture: tiny, base, small, medium, large.</summary>
    public string ModelType { get; }
    public bool IsMultilingual { get; }

    /// <summary>Loads a ggml model file. <paramref name="optionName"/> is named in the error when it cannot be used.</summary>
    public static WhisperFactory FromPath(string path, string optionName = ModelOption)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new WhisperModelException($"No whisper model is configured: set {optionName} to a ggml model file (see README, Transcription).");
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new WhisperModelException($"The whisper model file {full} (from {optionName}) does not exist.");
        WhisperLibrary.EnsureLoaded();
        var context = Native.Init(full, useGpu: 0, flashAttention: 0);
        if (context == 0)
            throw new WhisperModelException(
                $"The file {full} (from {optionName}) is not a usable whisper.cpp ggml model: {Native.LastErrorText()}");
        return new WhisperFactory(context, full);
    }

    public WhisperProcessorBuilder CreateBuilder() => new(this);

    internal nint AcquireContext()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_context == 0 || _disposeRequested, this);
            _processors++;
            return _context;
        }
    }

    internal void Release()
    {
        lock (_gate)
        {
            _processors--;
            if (_disposeRequested && _processors == 0) FreeContext();
        }
    }

    /// <summary>Frees the model once the last processor built from it is disposed.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposeRequested = true;
            if (_processors == 0) FreeContext();
        }
    }

    private void FreeContext()
    {
        if (_context == 0) return;
        Native.Free(_context);
        _context = 0;
    }
}

/// <summary>Options of a processor; set through <see cref="WhisperProcessorBuilder"/>.</summary>
public sealed record WhisperProcessorOptions
{
    public string Language { get; init; } = "auto";
    public int Threads { get; init; } = Math.Min(4, Environment.ProcessorCount);
    public bool Translate { get; init; }
    public bool NoContext { get; init; } = true;
    public bool SingleSegment { get; init; }
    public bool NoTimestamps { get; init; }
    /// <summary>Encoder context in frames (1500 = 30 s); 0 keeps the model's. Smaller is faster for short chunks but less accurate.</summary>
    public int AudioContextSize { get; init; }
    /// <summary>
    /// Sizes the encoder context to the audio (50 frames a second plus a margin) instead of a full 30 s
    /// window: several times faster for short utterances, at some cost in accuracy (whisper.cpp's
    /// stream example does the same). Ignored when <see cref="AudioContextSize"/> is set.
    /// </summary>
    public bool FitAudioContext { get; init; }
    /// <summary>1 = greedy decoding, more = beam search.</summary>
    public int BeamSize { get; init; } = 1;
    public float Temperature { get; init; }
    public float TemperatureIncrement { get; init; } = 0.2f;
    public string? Prompt { get; init; }
    public bool SuppressBlank { get; init; } = true;
    /// <summary>
    /// Caps decoded tokens at this many per second of audio (plus a few), 0 = whisper.cpp's own limit.
    /// Bounds the time a window can take when the model loops on noise; speech needs well under 10.
    /// </summary>
    public float MaxTokensPerSecond { get; init; }
}

/// <summary>Builds a <see cref="WhisperProcessor"/>, like Whisper.net's <c>WhisperProcessorBuilder</c>.</summary>
public sealed class WhisperProcessorBuilder
{
    private readonly WhisperFactory _factory;
    private WhisperProcessorOptions _options = new();

    internal WhisperProcessorBuilder(WhisperFactory factory) => _factory = factory;

    /// <summary>An ISO code such as "vi", or "auto" to detect.</summary>
    public WhisperProcessorBuilder WithLanguage(string language)
    {
        WhisperLibrary.EnsureLoaded();
        if (language != "auto" && Native.LanguageId(language) < 0)
            throw new ArgumentException($"Unknown language \"{language}\" for whisper (use an ISO code such as vi, or auto).", nameof(language));
        _options = _options with { Language = language };
        return this;
    }

    public WhisperProcessorBuilder WithLanguageDetection() => WithLanguage("auto");

    public WhisperProcessorBuilder WithThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _options = _options with { Threads = threads };
        return this;
    }

    public WhisperProcessorBuilder WithTranslate() { _options = _options with { Translate = true }; return this; }
    public WhisperProcessorBuilder WithContext() { _options = _options with { NoContext = false }; return this; }
    public WhisperProcessorBuilder WithSingleSegment() { _options = _options with { SingleSegment = true }; return this; }
    public WhisperProcessorBuilder WithoutTimestamps() { _options = _options with { NoTimestamps = true }; return this; }
    public WhisperProcessorBuilder WithPrompt(string prompt) { _options = _options with { Prompt = prompt }; return this; }
    public WhisperProcessorBuilder WithTemperature(float temperature) { _options = _options with { Temperature = temperature }; return this; }

    public WhisperProcessorBuilder WithAudioContextSize(int frames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        _options = _options with { AudioContextSize = frames };
        return this;
    }

    public WhisperProcessorBuilder WithFittedAudioContext(bool fit = true) { _options = _options with { FitAudioContext = fit }; return this; }

    public WhisperProcessorBuilder WithGreedySamplingStrategy() { _options = _options with { BeamSize = 1 }; return this; }

    public WhisperProcessorBuilder WithBeamSearchSamplingStrategy(int beamSize = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(beamSize, 1);
        _options = _options with { BeamSize = beamSize };
        return this;
    }

    /// <summary>0 disables the fallback to higher temperatures when a decode looks poor: faster, bounded time.</summary>
    public WhisperProcessorBuilder WithTemperatureIncrement(float increment) { _options = _options with { TemperatureIncrement = increment }; return this; }

    public WhisperProcessorBuilder WithMaxTokensPerSecond(float tokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        _options = _options with { MaxTokensPerSecond = tokens };
        return this;
    }

    public WhisperProcessorBuilder WithOptions(WhisperProcessorOptions options) { _options = options; return this; }

    public WhisperProcessor Build() => new(_factory, _options);
}
