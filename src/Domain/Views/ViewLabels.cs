using LiveSession.Domain.Floor;
using LiveSession.Domain.Meetings;
using LiveSession.Domain.Questions;

namespace LiveSession.Domain.Views;

/// <summary>The Vietnamese words the views carry or that every screen of them shows the same way (hall screen, phones).</summary>
public static class ViewLabels
{
    public static string Status(MeetingStatus status) => status switch
    {
        MeetingStatus.Scheduled => "Chưa bắt đầu",
        MeetingStatus.InProgress => "Đang diễn ra",
        MeetingStatus.Closed => "Đã kết thúc",
        _ => status.ToString(),
    };

    /// <summary>"Bước 6/9: Nhân dân phát biểu ý kiến", or null when no step runs.</summary>
    public static string? CurrentStep(MeetingState state) =>
        state.CurrentAgendaItem is { } item ? $"Bước {state.Agenda.IndexOf(item) + 1}/{state.Agenda.Count}: {item.Title}" : null;

    /// <summary>What the hall screen and the phones write above whoever has the floor.</summary>
    public static string Floor(TurnKind kind) => kind switch
    {
        TurnKind.Answer => "Trả lời",
        TurnKind.FollowUp => "Hỏi tiếp",
        TurnKind.Interjection or TurnKind.Chair => "Chủ trì phát biểu",
        TurnKind.Report => "Báo cáo",
        _ => "Đang phát biểu",
    };

    /// <summary>A participant's own question as their phone names its status (kinder words than the staff's).</summary>
    public static string AskerQuestionStatus(QuestionStatus status) => status switch
    {
        QuestionStatus.Pending => "Chờ duyệt",
        QuestionStatus.Approved => "Đã duyệt",
        QuestionStatus.Rejected => "Không được chấp nhận",
        QuestionStatus.Merged => "Đã gộp với câu hỏi cùng nội dung",
        QuestionStatus.Answered => "Đã trả lời",
        QuestionStatus.Withdrawn => "Đã rút",
        _ => status.ToString(),
    };
}
