namespace LiveSession.Transcription;

/// <summary>The worker's settings, bound from the "Transcription" section (or Transcription__X env vars).</summary>
public sealed class TranscriptionOptions
{
    public const string Section = "Transcription";

    /// <summary>The meeting hub, e.g. http://127.0.0.1:5080/hubs/meeting.</summary>
    public string HubUrl { get; set; } = "";

    /// <summary>
    /// The hub's worker key (its LiveSession:WorkerKey): the worker then serves every running meeting, up to <see cref="Capacity"/>
    /// at once, claiming them from the hub. Without it the worker follows only the meetings named by <see cref="Token"/> and <see cref="Meetings"/>.
    /// </summary>
    public string WorkerKey { get; set; } = "";

    /// <summary>Most meetings this worker transcribes at once when it claims them with <see cref="WorkerKey"/>.</summary>
    public int Capacity { get; set; } = 2;

    /// <summary>The meeting's transcriber token, given when the meeting is created (one meeting; see <see cref="Meetings"/> for more).</summary>
    public string Token { get; set; } = "";

    /// <summary>Audio of the meeting named by <see cref="Token"/>: a recording to replay (WAV; other formats through ffmpeg); when unset, the live microphones through the hub.</summary>
    public string? ReplayFile { get; set; }

    /// <summary>When the first sample of <see cref="ReplayFile"/> was spoken; default: when the worker starts it.</summary>
    public DateTimeOffset? ReplayStartedAt { get; set; }

    /// <summary>Release the replay at the pace of its audio (like a live microphone); false: as fast as decoding goes.</summary>
    public bool ReplayPaced { get; set; } = true;

    /// <summary>More meetings at once, each with its own token and audio.</summary>
    public List<MeetingOptions> Meetings { get; set; } = [];

    /// <summary>The whisper ggml model file (ggml-base.bin, ggml-small.bin, a converted PhoWhisper…).</summary>
    public string Model { get; set; } = "";

    /// <summary>The Silero VAD ggml model file (ggml-silero-v6.2.0.bin).</summary>
    public string VadModel { get; set; } = "";

    /// <summary>The folder of the native libraries; default: the cache of scripts/build-whisper.sh.</summary>
    public string? WhisperLibraryPath { get; set; }

    public string Language { get; set; } = "vi";

    /// <summary>Threads of each meeting's decoder.</summary>
    public int Threads { get; set; } = Math.Min(4, Environment.ProcessorCount);

    /// <summary>Size the encoder context to each utterance (several times faster on short ones, slightly less accurate).</summary>
    public bool FitAudioContext { get; set; } = true;

    /// <summary>Retry a poor decode at higher temperatures (better text, unbounded time); off keeps latency bounded.</summary>
    public bool TemperatureFallback { get; set; }

    /// <summary>Cap on decoded tokens per second of audio, against loops on noise (0 = whisper.cpp's own limit).</summary>
    public float MaxTokensPerSecond { get; set; } = 25;

    /// <summary>Decode the speech so far about every 1.5 s for partial captions (skipped whenever final text waits).</summary>
    public bool PartialCaptions { get; set; } = true;

    /// <summary>Utterances waiting for the decoder of one meeting before the audio reader waits (final text is never dropped).</summary>
    public int QueueCapacity { get; set; } = 16;

    /// <summary>The meetings to follow: <see cref="Meetings"/> plus the one of <see cref="Token"/> when set.</summary>
    public IReadOnlyList<MeetingOptions> AllMeetings() =>
        string.IsNullOrWhiteSpace(Token)
            ? Meetings
            : [new MeetingOptions { Token = Token, ReplayFile = ReplayFile, ReplayStartedAt = ReplayStartedAt, ReplayPaced = ReplayPaced }, .. Meetings];
}

/// <summary>One meeting the worker transcribes.</summary>
public sealed class MeetingOptions
{
    public string Token { get; set; } = "";
    public string? ReplayFile { get; set; }
    public DateTimeOffset? ReplayStartedAt { get; set; }
    public bool ReplayPaced { get; set; } = true;
}
