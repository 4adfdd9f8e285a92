namespace LiveSession.Transcription;

/// <summary>The worker's settings, bound from the "Transcription" section (or Transcription__X env vars).</summary>
public sealed class TranscriptionOptions
{
    public const string Section = "Transcription";

    /// <summary>The meeting hub, e.g. http://127.0.0.1:5080/hubs/meeting.</summary>
    public string HubUrl { get; set; } = "";

    /// <summary>The meeting's transcriber token, given when the meeting is created.</summary>
    public string Token { get; set; } = "";
}
