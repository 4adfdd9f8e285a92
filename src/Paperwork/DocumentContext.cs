using LiveSession.Domain.Meetings;

namespace LiveSession.Paperwork;

/// <summary>Everything a document is made from: the meeting, the public holidays (for deadlines), and today (Vietnam date).</summary>
public sealed record DocumentContext(MeetingState State, IReadOnlySet<DateOnly> Holidays, DateOnly Today)
{
    /// <summary>The day the conclusion notice was issued, when the office recorded it; else the notice is dated the day it is drafted.</summary>
    public DateOnly? NoticeIssuedOn { get; init; }
}
