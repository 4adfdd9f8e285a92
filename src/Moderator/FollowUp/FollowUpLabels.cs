using LiveSession.Records;

namespace LiveSession.Moderator.FollowUp;

public static class FollowUpLabels
{
    public static string Status(FollowUpStatus status) => status switch
    {
        FollowUpStatus.New => "mới",
        FollowUpStatus.InProgress => "đang xử lý",
        FollowUpStatus.Answered => "đã trả lời",
        FollowUpStatus.Escalated => "chuyển cấp trên",
        _ => status.ToString(),
    };

    public static string Badge(PetitionRecord petition, DateOnly today) =>
        petition.IsOverdueOn(today) ? "text-bg-danger"
        : petition.Status switch { FollowUpStatus.Answered => "text-bg-success", FollowUpStatus.Escalated => "text-bg-info", _ => "text-bg-secondary" };
}
