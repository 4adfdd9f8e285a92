using LiveSession.Records;
using LiveSession.Domain.FollowUp;

namespace LiveSession.Moderator.FollowUp;

public static class FollowUpLabels
{
    public static string Status(FollowUpStatus status) => FollowUpStatusNames.Vietnamese(status);

    /// <summary>The unit and the day it must answer by: the deadline, else the written answer's due day after the notice.</summary>
    public static string UnitAndDue(PetitionRecord petition) =>
        petition.ResponsibleUnit
        + (petition.Deadline is { } d ? $" · {d:dd/MM/yyyy}"
            : petition.AnswerDue is { } due ? $" · trả lời bằng văn bản trước {due:dd/MM/yyyy}"
            : "");

    /// <summary>The follow-up's letter for a row, when it has one: the unit's written answer, or the proposal to the level above.</summary>
    public static string? Letter(PetitionRecord petition) =>
        petition.Status == FollowUpStatus.Answered && petition.Resolution != Domain.Minutes.PetitionResolution.AnsweredOnSpot && petition.Answer is not null
            ? "Công văn trả lời (DOCX)"
            : petition.Status == FollowUpStatus.Escalated ? "Văn bản đề xuất cấp trên (DOCX)"
            : null;

    public static string Badge(PetitionRecord petition, DateOnly today) =>
        petition.IsOverdueOn(today) ? "text-bg-danger"
        : petition.Status switch { FollowUpStatus.Answered => "text-bg-success", FollowUpStatus.Escalated => "text-bg-info", _ => "text-bg-secondary" };
}
