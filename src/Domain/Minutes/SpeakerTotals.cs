using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;

namespace LiveSession.Domain.Minutes;

/// <summary>How long one person spoke in the meeting, over all their ended turns.</summary>
/// <param name="Group">Their thôn / tổ dân phố, or <see cref="SpeakerTotals.Officials"/> for the chair and officials.</param>
public sealed record SpeakerTotal(string Name, string Group, int Turns, int Seconds);

/// <summary>How long one thôn / tổ dân phố (or the officials together) spoke.</summary>
public sealed record GroupTotal(string Group, int Speakers, int Turns, int Seconds);

/// <summary>
/// Who spoke how long (per speaker and per locality), from the turns that ended with some time spoken (the chair's
/// floor between two turns often lasts no time at all); for the secretary and the dossier.
/// </summary>
public static class SpeakerTotals
{
    public const string Officials = "Chủ trì, đại biểu, cán bộ";
    public const string NoLocality = "Không ghi thôn/tổ dân phố";

    /// <summary>Every speaker, longest first (ties by name).</summary>
    public static IReadOnlyList<SpeakerTotal> BySpeaker(MeetingState state) =>
    [
        .. state.Turns.Where(t => t.EndedAt is not null && t.SpokenSeconds > 0)
            .GroupBy(t => (Key: KeyOf(t), Name: t.SpeakerName, Group: GroupOf(t)))
            .Select(g => new SpeakerTotal(g.Key.Name, g.Key.Group, g.Count(), g.Sum(t => t.SpokenSeconds)))
            .OrderByDescending(s => s.Seconds).ThenBy(s => s.Name, StringComparer.Ordinal),
    ];

    /// <summary>Every locality (and the officials), longest first.</summary>
    public static IReadOnlyList<GroupTotal> ByGroup(MeetingState state) =>
    [
        .. BySpeaker(state).GroupBy(s => s.Group)
            .Select(g => new GroupTotal(g.Key, g.Count(), g.Sum(s => s.Turns), g.Sum(s => s.Seconds)))
            .OrderByDescending(g => g.Seconds).ThenBy(g => g.Group, StringComparer.Ordinal),
    ];

    /// <summary>"12 phút 05 giây".</summary>
    public static string Duration(int seconds) => $"{seconds / 60} phút {seconds % 60:00} giây";

    // A citizen is one person across their turn and follow-ups; an official across answers and reports.
    private static string KeyOf(Turn t) => t.SpeakerId is { } s ? "s:" + s : t.OfficialId is { } o ? "o:" + o : $"n:{t.SpeakerName}\n{GroupOf(t)}";

    private static string GroupOf(Turn t) => t.Kind is TurnKind.Answer or TurnKind.Report or TurnKind.Interjection or TurnKind.Chair
        ? Officials
        : t.Locality is { Length: > 0 } locality ? locality : NoLocality;
}
