using System.Collections.Immutable;
using LiveSession.Domain.Minutes;

namespace LiveSession.Domain.FollowUp;

/// <summary>Where a kiến nghị stands after the meeting (mới → đang xử lý → đã trả lời / chuyển cấp trên).</summary>
public enum FollowUpStatus { New, InProgress, Answered, Escalated }

public static class FollowUpStatusNames
{
    /// <summary>The status as pages and documents show it (mới, đang xử lý…).</summary>
    public static string Vietnamese(FollowUpStatus status) => status switch
    {
        FollowUpStatus.New => "mới",
        FollowUpStatus.InProgress => "đang xử lý",
        FollowUpStatus.Answered => "đã trả lời",
        FollowUpStatus.Escalated => "chuyển cấp trên",
        _ => status.ToString(),
    };
}

/// <summary>
/// A kiến nghị collected before the meeting ("tn1", "tn2"… in the order entered), the answer its unit prepares, and when
/// it was taken into the meeting (<see cref="TakenAs"/>: the meeting's kiến nghị it became).
/// </summary>
public sealed record PreMeetingItem(
    string Number,
    string CitizenName,
    string? Locality,
    string Summary,
    string? Field,
    PetitionSource Source,
    string? Collector,
    DateOnly ReceivedOn,
    string PreparingUnit,
    DateTimeOffset EnteredAt,
    string? PreparedAnswer = null,
    string? AnsweredBy = null,
    DateTimeOffset? AnsweredAt = null,
    DateTimeOffset? TakenAt = null,
    string? TakenAs = null);

/// <summary>
/// A kiến nghị of the closed meeting followed up to closure: the meeting's resolution, the unit that answers and its
/// deadline (both may be changed by the office after the meeting), the status and the answer. <see cref="Started"/>
/// once the follow-up moved it: archiving the meeting again no longer overwrites it.
/// </summary>
public sealed record FollowedPetition(
    string PetitionId,
    string Summary,
    string? Field,
    string CitizenName,
    string? Locality,
    PetitionResolution Resolution,
    string? ResponsibleUnit,
    DateOnly? Deadline,
    string? Answer,
    FollowUpStatus Status,
    string? PreMeetingNumber = null,
    bool Started = false,
    DateTimeOffset? ClosedAt = null,
    DateOnly? AnswerDue = null,
    string? HigherLevelAnswer = null,
    DateOnly? ReceivedOn = null,
    PetitionSource? Source = null)
{
    /// <summary>Received outside any meeting (đối thoại gián tiếp): <see cref="ReceivedOn"/> is then the day it came in.</summary>
    public bool IsIndirect => ReceivedOn is not null;

    /// <summary>Answered or passed up: nothing is left for the unit to do.</summary>
    public bool IsResolved => Status is FollowUpStatus.Answered or FollowUpStatus.Escalated;

    /// <summary>
    /// The day the unit must have answered by: the meeting's deadline, else (an item given to a unit with no deadline)
    /// 5 working days after the conclusion notice (<see cref="AnswerDue"/>, known once the notice's day is recorded).
    /// </summary>
    public DateOnly? DueDate => Deadline ?? AnswerDue;

    /// <summary>Past its due date and still not answered or passed up (quá hạn).</summary>
    public bool IsOverdueOn(DateOnly today) => ClosedAt is null && Status is FollowUpStatus.New or FollowUpStatus.InProgress && DueDate < today;

    /// <summary>Passed up to a higher level that has not answered yet: the office keeps following it.</summary>
    public bool AwaitsHigherLevel => Status == FollowUpStatus.Escalated && HigherLevelAnswer is null;

    /// <summary>What is written to this unit without a deadline by the notice: the day its written answer is due.</summary>
    internal FollowedPetition WithAnswerDue(DateOnly? due) =>
        Deadline is null && ResponsibleUnit is not null && Resolution is PetitionResolution.Assigned or PetitionResolution.WrittenAnswer
            ? this with { AnswerDue = due }
            : this;
}

/// <summary>
/// The kiến nghị of one meeting outside the live meeting, as a decided aggregate: collected before it, answered by units,
/// followed up after it. A fold of its events (<see cref="FollowUpDecider"/>); <see cref="Version"/> counts them.
/// </summary>
public sealed record PetitionDossier
{
    public static PetitionDossier Empty(string meetingId) => new() { MeetingId = meetingId };

    public required string MeetingId { get; init; }
    public long Version { get; init; }
    public ImmutableList<PreMeetingItem> PreMeeting { get; init; } = [];
    /// <summary>How many pre-meeting items were ever numbered ("tn" + this is the last number).</summary>
    public int PreMeetingNumbered { get; init; }
    public ImmutableList<FollowedPetition> FollowUp { get; init; } = [];
    /// <summary>The day the conclusion notice (thông báo kết luận) was issued, as the office recorded it.</summary>
    public DateOnly? NoticeIssuedOn { get; init; }
    /// <summary>5 working days after <see cref="NoticeIssuedOn"/>: the written answers of the items without a deadline are due then.</summary>
    public DateOnly? WrittenAnswersDue { get; init; }
    /// <summary>When the office published the results on the public page; null while they are not public.</summary>
    public DateTimeOffset? PublishedAt { get; init; }
    public bool IsPublished => PublishedAt is not null;
    /// <summary>When the level above's HĐND next opens its regular session, as the office recorded it.</summary>
    public DateOnly? CouncilSessionOn { get; init; }
    /// <summary>Seven days before <see cref="CouncilSessionOn"/>: the report of the meeting's results is due then.</summary>
    public DateOnly? ResultsReportDue { get; init; }
    /// <summary>The day the report of the meeting's results was sent to the level above.</summary>
    public DateOnly? ResultsReportedOn { get; init; }

    /// <summary>The report of the results is late: its due day passed and it was not sent.</summary>
    public bool IsResultsReportOverdueOn(DateOnly today) => ResultsReportedOn is null && ResultsReportDue < today;

    public PreMeetingItem? FindPreMeeting(string? number) => PreMeeting.Find(p => p.Number == number);
    public FollowedPetition? FindFollowed(string? petitionId) => FollowUp.Find(p => p.PetitionId == petitionId);

    internal PetitionDossier UpdatePreMeeting(string number, Func<PreMeetingItem, PreMeetingItem> change)
    {
        var index = PreMeeting.FindIndex(p => p.Number == number);
        return this with { PreMeeting = PreMeeting.SetItem(index, change(PreMeeting[index])) };
    }

    internal PetitionDossier UpdateFollowed(string petitionId, Func<FollowedPetition, FollowedPetition> change)
    {
        var index = FollowUp.FindIndex(p => p.PetitionId == petitionId);
        return this with { FollowUp = FollowUp.SetItem(index, change(FollowUp[index])) };
    }
}
