using LiveSession.Client.Protocol;
using LiveSession.Hub.Configuration;
using Microsoft.Extensions.Options;

namespace LiveSession.Hub.Audio;

/// <summary>
/// The meeting's speech kept per turn, so the secretary can play a turn back while correcting it:
/// raw PCM appended as it arrives under the data folder (audio/{meeting}/{turn}.pcm), handed out
/// compressed as Ogg Opus (or as WAV on request). A turn keeps at most <see cref="LiveSessionOptions.MaxTurnRecording"/>.
/// </summary>
public sealed class TurnRecordings(IOptions<LiveSessionOptions> options) : Client.Protocol.ITurnRecordingIndex
{
    private readonly string _root = Path.Combine(options.Value.DataDirectory, "audio");

    public TimeSpan MaxLength => options.Value.MaxTurnRecording;

    private long MaxBytes => (long)(MaxLength.TotalSeconds * AudioFormat.BytesPerSecond);

    /// <summary>Appends a block to the turn's recording; false (and nothing written) when the turn is already full.</summary>
    public async Task<bool> AppendAsync(string meetingId, string turnId, byte[] pcm, CancellationToken cancellationToken)
    {
        var path = PathOf(meetingId, turnId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, useAsync: true);
        if (file.Length + pcm.Length > MaxBytes) return false;
        await file.WriteAsync(pcm, cancellationToken);
        return true;
    }

    /// <summary>
    /// The turn's audio as 16 kHz mono PCM16, to be read as a stream (never loaded whole), with its length in whole
    /// samples as it is now (a live turn's recording grows after); null when nothing was recorded for it.
    /// </summary>
    public bool Has(string meetingId, string turnId) => File.Exists(PathOf(meetingId, turnId));

    public Recording? Open(string meetingId, string turnId)
    {
        var path = PathOf(meetingId, turnId);
        if (!File.Exists(path)) return null;
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024, useAsync: true);
        var length = file.Length - file.Length % AudioFormat.BytesPerSample;
        if (length > 0) return new Recording(file, length);
        file.Dispose();
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

    private static bool IsSafe(string id) => id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
