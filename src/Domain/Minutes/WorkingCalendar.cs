namespace LiveSession.Domain.Minutes;

/// <summary>Working days (thứ Hai–thứ Sáu, not public holidays), for deadlines such as the conclusion notice's 5 days.</summary>
public static class WorkingCalendar
{
    public static bool IsWorkingDay(DateOnly day, IReadOnlySet<DateOnly> holidays) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day);

    /// <summary>The day <paramref name="days"/> working days after <paramref name="from"/> (which itself does not count).</summary>
    public static DateOnly AddWorkingDays(DateOnly from, int days, IReadOnlySet<DateOnly> holidays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var day = from;
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day, holidays)) counted++;
        }
        return day;
    }

    /// <summary>Working days left from <paramref name="today"/> until <paramref name="due"/> (0 on the due day, negative when late).</summary>
    public static int WorkingDaysUntil(DateOnly today, DateOnly due, IReadOnlySet<DateOnly> holidays)
    {
        if (today > due) return -WorkingDaysUntil(due, today, holidays);
        var count = 0;
        for (var day = today.AddDays(1); day <= due; day = day.AddDays(1))
            if (IsWorkingDay(day, holidays)) count++;
        return count;
    }
}
