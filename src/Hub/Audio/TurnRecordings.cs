using System.Globalization;
using LiveSession.Client.Protocol;
using LiveSession.Hub.Configuration;
using LiveSession.Hub.Files;
using Microsoft.Extensions.Options;

namespace LiveSession.Hub.Audio;

/// <summary>
/// The meeting's speech kept per turn, so the secretary can play a turn back while correcting it:
/// raw PCM appended as it arrives under the data folder (audio/{meeting}/{turn}.pcm, encrypted: <see cref="FilesAtRest"/>),
/// handed out compressed as Ogg Opus (or as WAV on request). A turn keeps at most <see cref="LiveSessionOptions.MaxTurnRecording"/>.
/// </summary>
public sealed class TurnRecordings(IOptions<LiveSessionOptions> options, FilesAtRest files) : Client.Protocol.ITurnRecordingIndex
{
    private readonly string _root = Path.Combine(options.Value.DataDirectory, "audio");

    public TimeSpan MaxLength => options.Value.MaxTurnRecording;

    private long MaxBytes => (long)(MaxLength.TotalSeconds * AudioFormat.BytesPerSecond);

    /// <summary>Appends a block to the turn's recording; false (and nothing written) when the turn is already full.</summary>
    public async Task<bool> AppendAsync(string meetingId, string turnId, byte[] pcm, CancellationToken cancellationToken)
    {
        var path = PathOf(meetingId, turnId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return await files.AppendAsync(path, NameOf(meetingId, turnId), pcm, MaxBytes, cancellationToken);
    }

    /// <summary>
    /// Notes that the audio appended next to the turn's recording began to be spoken at <paramref name="spokenAt"/>: called
    /// for the first block of each microphone stream that feeds the turn, so a moment of the turn is found in its recording
    /// (<see cref="PositionOf"/>) even when the microphone was switched off and on again.
    /// </summary>
    /// <exception cref="FileTamperedException">The recording so far was altered, or was written with another key ring.</exception>
    public async Task MarkAsync(string meetingId, string turnId, DateTimeOffset spokenAt, CancellationToken cancellationToken)
    {
        long recorded;
        using (var recording = Open(meetingId, turnId)) recorded = recording?.Length ?? 0;
        var path = MarksPath(meetingId, turnId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.AppendAllTextAsync(path, string.Create(CultureInfo.InvariantCulture, $"{spokenAt.ToUnixTimeMilliseconds()} {recorded}\n"), cancellationToken);
    }

    public TimeSpan? PositionOf(string meetingId, string turnId, DateTimeOffset at)
    {
        var recording = new FileInfo(PathOf(meetingId, turnId));
        if (!recording.Exists) return null;
        var marks = new List<RecordingMark>();
        var path = MarksPath(meetingId, turnId);
        if (File.Exists(path))
            foreach (var line in File.ReadLines(path))
                if (line.Split(' ') is [var ms, var offset]
                    && long.TryParse(ms, CultureInfo.InvariantCulture, out var spoken) && long.TryParse(offset, CultureInfo.InvariantCulture, out var bytes))
                    marks.Add(new RecordingMark(DateTimeOffset.FromUnixTimeMilliseconds(spoken), bytes));
        // The plaintext is a little shorter than the encrypted file: an upper bound is all the clamp needs.
        return RecordingTimeline.PositionOf(marks, at, recording.Length);
    }

    /// <summary>
    /// The turn's audio as 16 kHz mono PCM16, to be read as a stream (never loaded whole), with its length in whole
    /// samples as it is now (a live turn's recording grows after); null when nothing was recorded for it.
    /// </summary>
    public bool Has(string meetingId, string turnId) => File.Exists(PathOf(meetingId, turnId));

    /// <exception cref="FileTamperedException">The recording was altered, or was written with another key ring.</exception>
    public Recording? Open(string meetingId, string turnId)
    {
        if (files.OpenRead(PathOf(meetingId, turnId), NameOf(meetingId, turnId)) is not { } pcm) return null;
        var length = pcm.Length - pcm.Length % AudioFormat.BytesPerSample;
        if (length > 0) return new Recording(pcm, length);
        pcm.Dispose();
        return null;
    }

    public sealed record Recording(Stream Pcm, long Length) : IDisposable
    {
        public void Dispose() => Pcm.Dispose();
    }

    // Meeting and turn ids are the host's own ("3f9a0c1b2d4e", "t12"); nothing else reaches the disk.
    private string PathOf(string meetingId, string turnId) =>
        IsSafe(meetingId) && IsSafe(turnId)
            ? Path.Combine(_root, meetingId, turnId + ".pcm")
            : throw new ArgumentException("Unsafe recording name.");

    // Beside the recording, under the same name (deleted with it): not personal, only times and byte counts.
    private string MarksPath(string meetingId, string turnId) => Path.ChangeExtension(PathOf(meetingId, turnId), ".marks");

    // What the file's chunks are bound to: a file copied over another turn's does not play as that turn.
    private static string NameOf(string meetingId, string turnId) => $"audio/{meetingId}/{turnId}";

    private static bool IsSafe(string id) => id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
