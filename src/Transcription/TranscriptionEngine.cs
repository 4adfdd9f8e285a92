using LiveSession.Transcription.Whisper;
using Microsoft.Extensions.Options;

namespace LiveSession.Transcription;

/// <summary>
/// The loaded model, shared by all meetings; each meeting gets its own processor and VAD.
/// Loading problems are kept as <see cref="Error"/> (naming the option to fix) rather than thrown,
/// so the worker still joins its meetings and says what is wrong.
/// </summary>
public sealed partial class TranscriptionEngine : IDisposable
{
    private readonly TranscriptionOptions _options;
    private readonly ILogger<TranscriptionEngine> _logger;
    private readonly Lazy<WhisperFactory?> _factory;

    public TranscriptionEngine(IOptions<TranscriptionOptions> options, ILogger<TranscriptionEngine> logger)
    {
        _options = options.Value;
        _logger = logger;
        _factory = new Lazy<WhisperFactory?>(Load);
    }

    /// <summary>Why transcription is unavailable, or null when the engine is ready.</summary>
    public string? Error { get; private set; }

    public bool IsReady => _factory.Value is not null;

    private WhisperFactory? Load()
    {
        try
        {
            if (!string.IsNullOrWhiteSpace(_options.WhisperLibraryPath)) WhisperLibrary.LibraryPath = _options.WhisperLibraryPath;
            WhisperLibrary.SetLogger((level, line) =>
            {
                if (level == WhisperLogLevel.Error) LogNative(line);
            });
            var factory = WhisperFactory.FromPath(_options.Model);
            // Open the VAD model once here so a bad path shows at start-up, not at the first meeting.
            using (WhisperVad.FromPath(_options.VadModel)) { }
            LogLoaded(factory.ModelPath, factory.ModelType, WhisperLibrary.Version, _options.Threads, WhisperLibrary.SystemInfo);
            return factory;
        }
        catch (Exception ex) when (ex is WhisperLibraryException or WhisperModelException)
        {
            Error = ex.Message;
            LogUnavailable(ex.Message);
            return null;
        }
    }

    public WhisperProcessor CreateProcessor() =>
        (_factory.Value ?? throw new InvalidOperationException(Error)).CreateBuilder()
            .WithLanguage(_options.Language)
            .WithThreads(_options.Threads)
            .WithFittedAudioContext(_options.FitAudioContext)
            .WithTemperatureIncrement(_options.TemperatureFallback ? 0.2f : 0)
            .WithMaxTokensPerSecond(_options.MaxTokensPerSecond)
            .Build();

    public WhisperVad CreateVad() => WhisperVad.FromPath(_options.VadModel, 1);

    public void Dispose()
    {
        if (_factory.IsValueCreated) _factory.Value?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Whisper model {Model} ({ModelType}) loaded, whisper.cpp {Version}, {Threads} threads per meeting, CPU {SystemInfo}")]
    private partial void LogLoaded(string model, string modelType, string version, int threads, string systemInfo);

    [LoggerMessage(Level = LogLevel.Error, Message = "Transcription is unavailable: {Reason}")]
    private partial void LogUnavailable(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "whisper.cpp: {Line}")]
    private partial void LogNative(string line);
}
