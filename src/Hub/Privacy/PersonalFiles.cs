using LiveSession.Hub.Configuration;
using Microsoft.Extensions.Options;

namespace LiveSession.Hub.Privacy;

/// <summary>
/// Deletes the personal files on disk: a meeting's turn recordings (audio/{meeting}, see <see cref="Audio.TurnRecordings"/>)
/// and photos (attachments/{meeting}, see <see cref="Live.Attachments"/>), whole or one turn or photo at a time. A file is
/// found by its name before the first dot, whatever its extension, so encrypted copies go as well.
/// </summary>
public sealed class PersonalFiles(IOptions<LiveSessionOptions> options)
{
    private string Root(string folder) => Path.Combine(Path.GetFullPath(options.Value.DataDirectory), folder);

    /// <summary>Deletes every recording of the meeting (with the marks beside each); how many recordings there were.</summary>
    public int DeleteRecordings(string meetingId) => DeleteFolder("audio", meetingId, countOnly: ".pcm");

    /// <summary>Deletes every photo of the meeting (with what is known of each); how many photos there were.</summary>
    public int DeletePhotos(string meetingId) => DeleteFolder("attachments", meetingId, countOnly: ".json");

    /// <summary>Deletes one file kept under "audio/{meeting}/{turn}" or "attachments/{meeting}/{id}" (as <see cref="Records.PersonFinding.Files"/> name them).</summary>
    public int Delete(string file)
    {
        var parts = file.Split('/');
        if (parts.Length != 3 || parts[0] is not ("audio" or "attachments") || !IsSafe(parts[1]) || !IsSafe(parts[2])) return 0;
        var folder = Path.Combine(Root(parts[0]), parts[1]);
        if (!Directory.Exists(folder)) return 0;
        var files = Directory.GetFiles(folder, parts[2] + ".*");
        foreach (var path in files) File.Delete(path);
        return files.Length > 0 ? 1 : 0;
    }

    /// <summary>Whether anything is kept under that name.</summary>
    public bool Exists(string file)
    {
        var parts = file.Split('/');
        if (parts.Length != 3 || !IsSafe(parts[1]) || !IsSafe(parts[2])) return false;
        var folder = Path.Combine(Root(parts[0]), parts[1]);
        return Directory.Exists(folder) && Directory.GetFiles(folder, parts[2] + ".*").Length > 0;
    }

    private int DeleteFolder(string kind, string meetingId, string? countOnly = null)
    {
        if (!IsSafe(meetingId)) return 0;
        var folder = Path.Combine(Root(kind), meetingId);
        if (!Directory.Exists(folder)) return 0;
        var files = Directory.GetFiles(folder);
        Directory.Delete(folder, recursive: true);
        return countOnly is null ? files.Length : files.Count(f => f.EndsWith(countOnly, StringComparison.Ordinal));
    }

    private static bool IsSafe(string id) => id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
