using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Queue;

namespace LiveSession.Client.Components;

/// <summary>Vietnamese labels for the domain's values, and times shown in Asia/Ho_Chi_Minh.</summary>
public static class MeetingLabels
{
    private static readonly TimeZoneInfo VietnamTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    public static string Kind(MeetingKind kind) => kind switch
    {
        MeetingKind.Periodic => "Định kỳ",
        MeetingKind.Thematic => "Chuyên đề",
        MeetingKind.AdHoc => "Đột xuất",
        _ => kind.ToString(),
    };

    public static string Form(MeetingForm form) => form switch
    {
        MeetingForm.InPerson => "Trực tiếp",
        MeetingForm.Online => "Trực tuyến",
        MeetingForm.Hybrid => "Kết hợp",
        _ => form.ToString(),
    };

    public static string Status(MeetingStatus status) => Domain.Views.ViewLabels.Status(status);

    public static string Channel(Channel channel) => channel == Domain.Queue.Channel.Online ? "Trực tuyến" : "Tại hội trường";

    public static string SpeakerStatus(SpeakerStatus status) => QueueRules.StatusName(status);

    public static string TurnKind(TurnKind kind) => kind switch
    {
        Domain.Floor.TurnKind.Citizen => "Phát biểu",
        Domain.Floor.TurnKind.Answer => "Trả lời",
        Domain.Floor.TurnKind.FollowUp => "Hỏi tiếp",
        Domain.Floor.TurnKind.Interjection => "Chủ trì phát biểu xen",
        Domain.Floor.TurnKind.Report => "Báo cáo",
        Domain.Floor.TurnKind.Chair => "Chủ trì phát biểu",
        _ => kind.ToString(),
    };

    public static string Time(DateTimeOffset? at) =>
        at is { } t ? TimeZoneInfo.ConvertTime(t, VietnamTime).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "—";

    /// <summary>"08:05–08:20", "08:05–…" while running, or empty before it starts.</summary>
    public static string Span(DateTimeOffset? start, DateTimeOffset? end) =>
        start is null ? "" : $"{Time(start)}–{(end is null ? "…" : Time(end))}";

    /// <summary>"4:05" for a duration in seconds.</summary>
    public static string Duration(double seconds)
    {
        var total = (int)Math.Max(0, seconds);
        return $"{total / 60}:{total % 60:00}";
    }

    /// <summary>Whole minutes an agenda step has run ("12 phút"), or empty before it starts.</summary>
    public static string ActualMinutes(DateTimeOffset? start, DateTimeOffset? end, DateTimeOffset now) =>
        start is { } s ? $"{(int)((end ?? now) - s).TotalMinutes} phút" : "";

    /// <summary>"Bước 6/9: Nhân dân phát biểu ý kiến", or null when no step runs.</summary>
    public static string? CurrentStep(MeetingState state) => Domain.Views.ViewLabels.CurrentStep(state);
}
