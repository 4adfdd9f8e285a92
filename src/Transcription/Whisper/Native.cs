using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveSession.Transcription.Whisper;

/// <summary>
/// P/Invoke surface of the project's shim (src/Transcription/Native/livesession_whisper.cpp).
/// Only plain arguments cross the boundary; the shim fills whisper.cpp's parameter structs.
/// </summary>
internal static partial class Native
{
    public const string Library = "livesession_whisper";
    /// <summary>The shim's ABI version this code was written against (ls_abi_version).</summary>
    public const int AbiVersion = 2;

    [LibraryImport(Library, EntryPoint = "ls_abi_version")]
    public static partial int AbiVersionOfLibrary();

    [LibraryImport(Library, EntryPoint = "ls_whisper_version")]
    public static partial nint WhisperVersion();

    [LibraryImport(Library, EntryPoint = "ls_system_info")]
    public static partial nint SystemInfo();

    [LibraryImport(Library, EntryPoint = "ls_last_error")]
    public static partial nint LastError();

    [LibraryImport(Library, EntryPoint = "ls_set_log")]
    public static unsafe partial void SetLog(delegate* unmanaged[Cdecl]<int, byte*, void> callback);

    [LibraryImport(Library, EntryPoint = "ls_lang_id", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LanguageId(string language);

    [LibraryImport(Library, EntryPoint = "ls_init", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint Init(string modelPath, int useGpu, int flashAttention);

    [LibraryImport(Library, EntryPoint = "ls_free")]
    public static partial void Free(nint context);

    [LibraryImport(Library, EntryPoint = "ls_is_multilingual")]
    public static partial int IsMultilingual(nint context);

    [LibraryImport(Library, EntryPoint = "ls_model_type")]
    public static partial nint ModelType(nint context);

    [LibraryImport(Library, EntryPoint = "ls_state_new")]
    public static partial nint StateNew(nint context);

    [LibraryImport(Library, EntryPoint = "ls_state_free")]
    public static partial void StateFree(nint state);

    [LibraryImport(Library, EntryPoint = "ls_full", StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int Full(
        nint context, nint state, float* samples, int sampleCount,
        string language, int threads, int translate,
        int noContext, int singleSegment, int noTimestamps,
        int audioContext, int beamSize, float temperature, float temperatureIncrement,
        string? initialPrompt, int suppressBlank, int maxTokens, int* abortFlag);

    [LibraryImport(Library, EntryPoint = "ls_n_segments")]
    public static partial int SegmentCount(nint state);

    [LibraryImport(Library, EntryPoint = "ls_segment_t0")]
    public static partial long SegmentStart(nint state, int index);

    [LibraryImport(Library, EntryPoint = "ls_segment_t1")]
    public static partial long SegmentEnd(nint state, int index);

    [LibraryImport(Library, EntryPoint = "ls_segment_text")]
    public static partial nint SegmentText(nint state, int index);

    [LibraryImport(Library, EntryPoint = "ls_segment_no_speech_prob")]
    public static partial float SegmentNoSpeechProbability(nint state, int index);

    [LibraryImport(Library, EntryPoint = "ls_vad_init", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint VadInit(string modelPath, int threads);

    [LibraryImport(Library, EntryPoint = "ls_vad_free")]
    public static partial void VadFree(nint context);

    [LibraryImport(Library, EntryPoint = "ls_vad_segments")]
    public static unsafe partial nint VadSegments(
        nint context, float* samples, int sampleCount,
        float threshold, int minSpeechMs, int minSilenceMs, float maxSpeechSeconds, int speechPadMs);

    [LibraryImport(Library, EntryPoint = "ls_vad_n_segments")]
    public static partial int VadSegmentCount(nint segments);

    [LibraryImport(Library, EntryPoint = "ls_vad_segment_t0")]
    public static partial float VadSegmentStart(nint segments, int index);

    [LibraryImport(Library, EntryPoint = "ls_vad_segment_t1")]
    public static partial float VadSegmentEnd(nint segments, int index);

    [LibraryImport(Library, EntryPoint = "ls_vad_free_segments")]
    public static partial void VadFreeSegments(nint segments);

    public static string? Utf8(nint text) => text == 0 ? null : Marshal.PtrToStringUTF8(text);

    public static string LastErrorText()
    {
        var text = Utf8(LastError())?.Trim();
        return string.IsNullOrEmpty(text) ? "no detail from whisper.cpp" : text.ReplaceLineEndings(" ");
    }
}

/// <summary>
/// Finds and loads the native libraries (built by scripts/build-whisper.sh into a per-machine cache)
/// and routes whisper.cpp's log.
/// </summary>
public static class WhisperLibrary
{
    /// <summary>The configuration key a deployment sets to point at the folder of the native libraries.</summary>
    public const string LibraryPathOption = "Transcription:WhisperLibraryPath";
    public const string LibraryPathVariable = "LIVESESSION_WHISPER_LIB";
    public const string WhisperCppVersion = "1.9.1";

    private static readonly Lock Gate = new();
    private static string? _configuredPath;
    private static nint _handle;
    private static string? _loadedFrom;
    private static Action<WhisperLogLevel, string>? _log;

    /// <summary>
    /// A folder (or the shim file itself) to load from; tried before the environment variable, the
    /// application folder and the default cache. Must be set before the first load.
    /// </summary>
    public static string? LibraryPath
    {
        get => _configuredPath;
        set { lock (Gate) _configuredPath = string.IsNullOrWhiteSpace(value) ? null : value; }
    }

    /// <summary>Where the shim was loaded from, once loaded.</summary>
    public static string? LoadedFrom => _loadedFrom;

    /// <summary>The default cache folder of scripts/build-whisper.sh.</summary>
    public static string DefaultCacheFolder
    {
        get
        {
            var cache = Environment.GetEnvironmentVariable("LIVESESSION_WHISPER_CACHE");
            if (!string.IsNullOrEmpty(cache)) return Path.Combine(cache, "lib");
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var root = string.IsNullOrEmpty(xdg)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
                : xdg;
            return Path.Combine(root, "livesession", $"whisper-{WhisperCppVersion}", "lib");
        }
    }

    /// <summary>Loads the native libraries now; throws <see cref="WhisperLibraryException"/> naming the option when they are missing.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_handle != 0) return;
            var fileName = OperatingSystem.IsWindows() ? "livesession_whisper.dll"
                : OperatingSystem.IsMacOS() ? "liblivesession_whisper.dylib" : "liblivesession_whisper.so";
            List<string> tried = [];
            foreach (var candidate in Candidates(fileName))
            {
                tried.Add(candidate);
                if (!File.Exists(candidate)) continue;
                try
                {
                    _handle = NativeLibrary.Load(candidate);
                }
                catch (DllNotFoundException ex)
                {
                    throw new WhisperLibraryException(
                        $"The whisper library at {candidate} could not be loaded ({ex.Message}). Rebuild it with scripts/build-whisper.sh " +
                        $"or point {LibraryPathOption} (or {LibraryPathVariable}) at a working build.", ex);
                }
                _loadedFrom = candidate;
                NativeLibrary.SetDllImportResolver(typeof(WhisperLibrary).Assembly, Resolve);
                var abi = Native.AbiVersionOfLibrary();
                if (abi != Native.AbiVersion)
                    throw new WhisperLibraryException(
                        $"The whisper library at {candidate} has shim ABI {abi}, this build expects {Native.AbiVersion}: run scripts/build-whisper.sh again.");
                InstallLog();
                return;
            }
            throw new WhisperLibraryException(
                $"The whisper library ({fileName}) was not found. Build it with scripts/build-whisper.sh (run by scripts/setup.sh), " +
                $"or set {LibraryPathOption} (or the {LibraryPathVariable} environment variable) to the folder that holds it. Looked in: {string.Join(", ", tried)}");
        }
    }

    private static IEnumerable<string> Candidates(string fileName)
    {
        foreach (var place in new[] { _configuredPath, Environment.GetEnvironmentVariable(LibraryPathVariable) })
        {
            if (string.IsNullOrWhiteSpace(place)) continue;
            yield return File.Exists(place) ? Path.GetFullPath(place) : Path.Combine(Path.GetFullPath(place), fileName);
        }
        yield return Path.Combine(AppContext.BaseDirectory, fileName);
        yield return Path.Combine(DefaultCacheFolder, fileName);
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        name == Native.Library ? _handle : 0;

    /// <summary>The whisper.cpp version of the loaded library.</summary>
    public static string Version
    {
        get { EnsureLoaded(); return Native.Utf8(Native.WhisperVersion()) ?? "?"; }
    }

    /// <summary>CPU features whisper.cpp was built with (AVX2, …).</summary>
    public static string SystemInfo
    {
        get { EnsureLoaded(); return Native.Utf8(Native.SystemInfo())?.Trim() ?? ""; }
    }

    /// <summary>Receives whisper.cpp's log lines; null (the default) keeps it quiet. Errors still reach exceptions.</summary>
    public static void SetLogger(Action<WhisperLogLevel, string>? log)
    {
        _log = log;
        if (_handle != 0) InstallLog();
    }

    private static unsafe void InstallLog()
    {
        if (_log is null) Native.SetLog(null);
        else Native.SetLog(&OnLog);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe void OnLog(int level, byte* text)
    {
        try
        {
            var line = Marshal.PtrToStringUTF8((nint)text)?.TrimEnd();
            if (!string.IsNullOrEmpty(line)) _log?.Invoke((WhisperLogLevel)level, line);
        }
        catch
        {
            // An exception must not unwind into native code.
        }
    }
}

/// <summary>ggml's log levels.</summary>
public enum WhisperLogLevel { None = 0, Debug = 1, Info = 2, Warning = 3, Error = 4, Continuation = 5 }

/// <summary>The native library is missing or unusable.</summary>
public sealed class WhisperLibraryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A model file is missing, unreadable or not a whisper.cpp model.</summary>
public sealed class WhisperModelException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>whisper.cpp failed while processing audio.</summary>
public sealed class WhisperProcessingException(string message) : Exception(message);
