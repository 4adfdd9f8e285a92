using LiveSession.Domain.Minutes;

namespace LiveSession.Domain.Meetings;

/// <summary>
/// The public notice of a meeting (thông báo công khai) must go out at least 7 working days before it,
/// except for an ad hoc (đột xuất) meeting.
/// </summary>
public static class PublicNotice
{
    public const int WorkingDaysAhead = 7;

    /// <summary>The last day the notice may go out: 7 working days before the meeting day.</summary>
    public static DateOnly LatestDate(DateOnly meetingDay, IReadOnlySet<DateOnly> holidays)
    {
        var day = meetingDay;
        for (var counted = 0; counted < WorkingDaysAhead;)
        {
            day = day.AddDays(-1);
            if (WorkingCalendar.IsWorkingDay(day, holidays)) counted++;
        }
        return day;
    }

    /// <summary>What is wrong with the plan's notice date, in Vietnamese, or null when it is fine or not required.</summary>
    public static string? Problem(MeetingInfo info, IReadOnlySet<DateOnly> holidays)
    {
        if (info.Kind == MeetingKind.AdHoc) return null;
        var latest = LatestDate(info.Day, holidays);
        return info.NoticeDate switch
        {
            null => $"Chưa ghi ngày thông báo công khai; chậm nhất là ngày {latest:dd/MM/yyyy} ({WorkingDaysAhead} ngày làm việc trước hội nghị).",
            { } date when date > latest =>
                $"Thông báo công khai ngày {date:dd/MM/yyyy} là muộn: phải trước hội nghị ít nhất {WorkingDaysAhead} ngày làm việc, tức chậm nhất ngày {latest:dd/MM/yyyy}.",
            _ => null,
        };
    }
}
