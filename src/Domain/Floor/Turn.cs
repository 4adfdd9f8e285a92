namespace LiveSession.Domain.Floor;

/// <summary>Why someone has the floor.</summary>
public enum TurnKind
{
    /// <summary>A registered citizen speaks.</summary>
    Citizen,
    /// <summary>An official answers a citizen's turn (trả lời, giải trình).</summary>
    Answer,
    /// <summary>The same citizen follows up on their earlier turn (đối thoại tiếp).</summary>
    FollowUp,
    /// <summary>The chair takes the floor out of order; the turn it interrupts resumes after it.</summary>
    Interjection,
    /// <summary>An official's scheduled report of an agenda step (báo cáo: steps 4 and 5 of the default agenda).</summary>
    Report,
    /// <summary>The chair's own words while nobody else holds the floor (the opening, the conclusions): see <see cref="ChairFloor"/>.</summary>
    Chair,
}

/// <summary>
/// One time someone had the floor (lượt phát biểu): the unit the minutes and the transcript hang on.
/// <see cref="RelatesToTurnId"/> links an answer or a follow-up to the turn it belongs to.
/// </summary>
public sealed record Turn(
    string Id,
    TurnKind Kind,
    string SpeakerName,
    string? Locality,
    string? Topic,
    string? AgendaItemId,
    DateTimeOffset StartedAt,
    string? SpeakerId = null,
    string? OfficialId = null,
    string? RelatesToTurnId = null,
    DateTimeOffset? EndedAt = null,
    int SpokenSeconds = 0);

/// <summary>Who has the floor now and their timer.</summary>
public sealed record FloorState(string TurnId, SpeakingTimer Timer);

/// <summary>
/// The turn an interjection interrupted, its timer paused: it gets the floor back with its remaining time when the
/// interjection ends (<paramref name="WasRunning"/>: its timer runs on again, unless the chair had paused it before).
/// </summary>
public sealed record SuspendedTurn(FloorState Floor, bool WasRunning);

/// <summary>An official who can be invited to answer (Phó Chủ tịch, Công an xã, Địa chính…).</summary>
public sealed record Official(string Id, string Name, string Title, string? Field);

public static class OfficialTemplate
{
    public static IReadOnlyList<Official> Default { get; } =
    [
        new("", "", "Phó Chủ tịch UBND xã", "Kinh tế"),
        new("", "", "Trưởng Công an xã", "An ninh, trật tự"),
        new("", "", "Công chức Địa chính – Xây dựng", "Đất đai"),
        new("", "", "Công chức Tư pháp – Hộ tịch", "Tư pháp"),
        new("", "", "Công chức Văn hóa – Xã hội", "Văn hóa – xã hội"),
    ];
}
