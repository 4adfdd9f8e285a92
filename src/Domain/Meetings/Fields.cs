namespace LiveSession.Domain.Meetings;

/// <summary>
/// The fields (lĩnh vực) a speaker, a question or a kiến nghị is filed under: one list for every form — the phone,
/// the desk, the console, the minutes. The standard list, then the fields of the meeting's answering officials.
/// </summary>
public static class Fields
{
    public static IReadOnlyList<string> Standard { get; } =
    [
        "Đất đai", "Xây dựng", "Giao thông", "Môi trường", "An ninh, trật tự", "Tư pháp", "Chính sách xã hội",
        "Y tế", "Giáo dục", "Văn hóa – xã hội", "Kinh tế", "Khác",
    ];

    /// <summary>The standard fields and those of the meeting's officials, each once, "Khác" last.</summary>
    public static IReadOnlyList<string> Of(MeetingState state) =>
        [.. Standard.Where(f => f != "Khác")
            .Concat(state.Officials.Select(o => o.Field).OfType<string>().Where(f => f.Length > 0))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Append("Khác")];
}
