namespace LiveSession.Domain.Meetings;

/// <summary>A refused command: a stable machine code and a message for the user, in Vietnamese.</summary>
public sealed record DomainError(string Code, string Message)
{
    public static DomainError Forbidden(Role role) =>
        new("forbidden", $"Vai trò {RoleNames.Vietnamese(role)} không được phép thực hiện thao tác này.");
    public static DomainError NotFound(string what, string id) =>
        new("not_found", $"Không tìm thấy {what} với mã \"{Truncate(id)}\".");
    public static DomainError Invalid(string message) => new("invalid", message);
    public static DomainError State(string message) => new("invalid_state", message);
    public static DomainError Stale(long expected, long actual) =>
        new("stale_version", $"Dữ liệu đã thay đổi (phiên bản {actual}, bạn đang xem {expected}). Màn hình đã được cập nhật, hãy thử lại.");
    public static DomainError MeetingClosed { get; } = new("meeting_closed", "Hội nghị đã kết thúc, không thể thay đổi.");
    public static DomainError MeetingNotStarted { get; } = new("meeting_not_started", "Hội nghị chưa bắt đầu.");

    // A command parsed from JSON may lack its id entirely: report it as not found rather than throw.
    private static string Truncate(string? id) => id is null ? "" : id.Length <= 40 ? id : id[..40] + "…";
}

public static class RoleNames
{
    public static string Vietnamese(Role role) => role switch
    {
        Role.Chair => "chủ trì",
        Role.Secretary => "thư ký",
        Role.Organizer => "ban tổ chức",
        Role.Screen => "màn hình hội trường",
        Role.Participant => "người tham dự",
        Role.Transcriber => "máy ghi lời",
        Role.Microphone => "micro hội trường",
        _ => role.ToString(),
    };
}

/// <summary>The outcome of deciding a command: the events it causes, or why it was refused.</summary>
public sealed class Decision
{
    private Decision(IReadOnlyList<MeetingEvent> events, DomainError? error) { Events = events; Error = error; }

    public IReadOnlyList<MeetingEvent> Events { get; }
    public DomainError? Error { get; }
    public bool IsAccepted => Error is null;

    public static Decision Accept(params MeetingEvent[] events) => new(events, null);
    public static Decision Accept(IReadOnlyList<MeetingEvent> events) => new(events, null);
    public static Decision Reject(DomainError error) => new([], error);

    public static implicit operator Decision(DomainError error) => Reject(error);
    public static implicit operator Decision(MeetingEvent meetingEvent) => Accept(meetingEvent);
}
