using LiveSession.Domain.Floor;

namespace LiveSession.Transcription.Attribution;

/// <summary>Who had the floor from <see cref="Start"/> to <see cref="End"/> (null: still speaking).</summary>
public sealed record FloorSpan(string TurnId, DateTimeOffset Start, DateTimeOffset? End)
{
    public static IReadOnlyList<FloorSpan> FromTurns(IEnumerable<Turn> turns) =>
        [.. turns.Select(t => new FloorSpan(t.Id, t.StartedAt, t.EndedAt)).OrderBy(s => s.Start)];
}

/// <summary>A piece of recognised text placed on the audio's own clock.</summary>
public sealed record TimedText(DateTimeOffset Start, DateTimeOffset End, string Text);

/// <summary>A piece of text and the turn it belongs to (null when nobody had the floor near it).</summary>
public sealed record AttributedText(TimedText Segment, string? TurnId);

/// <summary>
/// Puts recognised text on speaker turns by the audio's own time (when it was spoken, not when the
/// text arrived). Rule: each whisper segment goes whole to the turn it overlaps most; a segment is
/// never split, because whisper's segment times are only roughly word-aligned and the chair's click
/// that switches the floor lags the actual voice by a second or so — majority overlap absorbs both.
/// A speaker switch inside one VAD utterance still separates correctly when whisper emits more than
/// one segment for it (it usually does at a pause). Ties go to the later turn (the one just called,
/// as the previous speaker's tail is usually the chair's click delay). A segment overlapping no turn
/// goes to the nearest turn within <c>tolerance</c> (speech trailing past "end turn"), else to none.
/// </summary>
public static class TurnAttribution
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(3);

    public static IReadOnlyList<AttributedText> Attribute(
        IReadOnlyList<TimedText> segments, IReadOnlyList<FloorSpan> floor, TimeSpan? tolerance = null, DateTimeOffset? now = null)
    {
        var slack = tolerance ?? DefaultTolerance;
        return [.. segments.Select(s => new AttributedText(s, TurnOf(s, floor, slack, now)))];
    }

    public static string? TurnOf(TimedText segment, IReadOnlyList<FloorSpan> floor, TimeSpan tolerance, DateTimeOffset? now = null)
    {
        string? best = null;
        var bestOverlap = TimeSpan.Zero;
        var bestStart = DateTimeOffset.MinValue;
        foreach (var span in floor)
        {
            var end = span.End ?? now ?? DateTimeOffset.MaxValue;
            var overlap = Min(segment.End, end) - Max(segment.Start, span.Start);
            if (overlap <= TimeSpan.Zero) continue;
            if (overlap > bestOverlap || (overlap == bestOverlap && span.Start > bestStart))
            {
                best = span.TurnId;
                bestOverlap = overlap;
                bestStart = span.Start;
            }
        }
        if (best is not null) return best;

        // Zero-length segments and speech in a gap between turns: the nearest turn, if close enough.
        string? nearest = null;
        var nearestGap = TimeSpan.MaxValue;
        foreach (var span in floor)
        {
            var end = span.End ?? now ?? DateTimeOffset.MaxValue;
            var gap = segment.Start >= end ? segment.Start - end
                : span.Start >= segment.End ? span.Start - segment.End
                : TimeSpan.Zero;
            if (gap <= tolerance && gap <= nearestGap)
            {
                nearest = span.TurnId;
                nearestGap = gap;
            }
        }
        return nearest;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
