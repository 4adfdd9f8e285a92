using LiveSession.Domain.Meetings;

namespace LiveSession.Paperwork;

/// <summary>Everything a document is made from: the meeting, the public holidays (for deadlines), and today (Vietnam date).</summary>
public sealed record DocumentContext(MeetingState State, IReadOnlySet<DateOnly> Holidays, DateOnly Today);
