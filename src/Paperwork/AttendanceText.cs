using LiveSession.Domain.Meetings;

namespace LiveSession.Paperwork;

/// <summary>The attendance as the documents state it in one sentence: from the desk's check-in, else typed by hand.</summary>
public static class AttendanceText
{
    /// <summary>"42 người (Đại biểu, cán bộ, công chức: 12; Nhân dân Thôn Tây: 30)", or null when nobody is recorded.</summary>
    public static string? Summary(MeetingState state)
    {
        var lines = CheckInRules.ForMinutes(state);
        return lines.Count == 0 ? null : $"{lines.Sum(a => a.Count)} người ({string.Join("; ", lines.Select(a => $"{a.Group}: {a.Count}"))})";
    }
}
