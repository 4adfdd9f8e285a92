using LiveSession.Hub.Configuration;
using Microsoft.Extensions.Options;

namespace LiveSession.Hub.Audio;

/// <summary>
/// The meeting's speech kept per turn, so the secretary can play a turn back while correcting it:
/// raw PCM appended as it arrives under the data folder (audio/{meeting}/{turn}.pcm), handed out
/// compressed as Ogg Opus (or as WAV on request).
/// </summary>
public sealed class TurnRecordings(IOptions<LiveSessionOptions> options)
{
    private readonly string _root = Path.Combine(options.Value.DataDirectory, "audio");

    public async Task AppendAsync(string meetingId, string turnId, byte[] pcm, CancellationToken cancellationToken)
    {
        var path = PathOf(meetingId, turnId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, useAsync: true);
        await file.WriteAsync(pcm, cancellationToken);
    }

    /// <summary>The turn's audio as 16 kHz mono PCM16 (whole samples); null when nothing was recorded for it.</summary>
    public async Task<byte[]?> ReadAsync(string meetingId, string turnId, CancellationToken cancellationToken)
    {
        var path = PathOf(meetingId, turnId);
        if (!File.Exists(path)) return null;
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return bytes.Length % 2 == 0 ? bytes : bytes[..^1];
    }

    // Meeting and turn ids are the host's own ("3f9a0c1b2d4e", "t12"); nothing else reaches the disk.
    private string PathOf(string meetingId, string turnId) =>
        IsSafe(meetingId) && IsSafe(turnId)
            ? Path.Combine(_root, meetingId, turnId + ".pcm")
            : throw new ArgumentException("Unsafe recording name.");

    private static bool IsSafe(string id) => id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
