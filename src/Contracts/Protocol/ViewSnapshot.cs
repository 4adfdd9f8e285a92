using LiveSession.Domain.Views;

namespace LiveSession.Client.Protocol;

/// <summary>A line of live captions (phụ đề) from the transcription worker; not part of the meeting state.</summary>
/// <param name="Final">False while the line is still being recognised (it will be replaced).</param>
public sealed record CaptionLine(string? TurnId, string Text, bool Final, DateTimeOffset At)
{
    public const int TextMax = 500;

    /// <summary>Adds a line to the kept ones: it replaces a partial line of the same turn; at most <paramref name="keep"/> stay.</summary>
    public static void Append(List<CaptionLine> lines, CaptionLine line, int keep)
    {
        if (lines.Count > 0 && !lines[^1].Final && lines[^1].TurnId == line.TurnId) lines.RemoveAt(lines.Count - 1);
        lines.Add(line);
        if (lines.Count > keep) lines.RemoveRange(0, lines.Count - keep);
    }

    /// <summary>Stored lines as a client shows them: partial lines already replaced dropped.</summary>
    public static IReadOnlyList<CaptionLine> Collapse(IEnumerable<CaptionLine> stored, int keep)
    {
        var lines = new List<CaptionLine>();
        foreach (var line in stored) Append(lines, line, keep);
        return lines;
    }
}

/// <summary>A fresh view for the hall screen or a participant (on join and when asked).</summary>
/// <param name="Localities">The meeting's thôn / tổ dân phố, suggested when a participant types theirs.</param>
/// <param name="JoinLink">For the hall screen: the short link participants open (also drawn as a QR code).</param>
/// <param name="PrivacyNotice">For a participant: the office's notice on personal data, shown before they send anything.</param>
public sealed record ViewSnapshot(
    PublicView Public, PersonalView? Personal, IReadOnlyList<CaptionLine> Captions, DateTimeOffset ServerTime,
    IReadOnlyList<string>? Localities = null, string? JoinLink = null, IReadOnlyList<string>? Fields = null,
    IReadOnlyList<string>? PrivacyNotice = null);
