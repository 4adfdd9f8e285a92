using LiveSession.Records;
using LiveSession.Domain.FollowUp;

namespace LiveSession.Moderator.FollowUp;

public static class FollowUpLabels
{
    public static string Status(FollowUpStatus status) => FollowUpStatusNames.Vietnamese(status);

    public static string Badge(PetitionRecord petition, DateOnly today) =>
        petition.IsOverdueOn(today) ? "text-bg-danger"
        : petition.Status switch { FollowUpStatus.Answered => "text-bg-success", FollowUpStatus.Escalated => "text-bg-info", _ => "text-bg-secondary" };
}
