namespace LiveSession.Domain.Questions;

/// <summary>
/// pending → approved → answered; pending or approved → rejected / merged; pending → withdrawn;
/// pending → answered directly when the desk records an answer without screening first.
/// </summary>
public enum QuestionStatus { Pending, Approved, Rejected, Merged, Answered, Withdrawn }

/// <summary>
/// A written question or petition (câu hỏi, kiến nghị bằng văn bản): sent online by a participant
/// (<see cref="ParticipantId"/> set) or typed in at the desk by the organizer on someone's behalf.
/// <see cref="MergedInto"/> always names a question that is not itself merged. <see cref="AskerPhone"/> is for
/// the desk only, never shown to the public.
/// </summary>
public sealed record Question(
    string Id,
    string AskerName,
    string? Locality,
    string? ParticipantId,
    string Text,
    string? Field,
    string? AttachmentId,
    QuestionStatus Status,
    DateTimeOffset SubmittedAt,
    string? MergedInto = null,
    string? AnsweredInTurnId = null,
    string? RejectReason = null,
    string? AskerPhone = null)
{
    /// <summary>Still to be dealt with: waiting for screening or approved and waiting for an answer.</summary>
    public bool IsOpen => Status is QuestionStatus.Pending or QuestionStatus.Approved;
}
