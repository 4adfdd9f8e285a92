namespace LiveSession.Domain.Minutes;

/// <summary>The public holidays of the host's configuration (Paperwork:PublicHolidays), for the rules that count working days.</summary>
public sealed record PublicHolidays(IReadOnlySet<DateOnly> Days)
{
    public static PublicHolidays None { get; } = new(new HashSet<DateOnly>());
}

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

    /// <summary>
    /// The last day the holiday list speaks for: 31 December of the latest year it names (null when empty).
    /// The government announces each year's days off; past this day a deadline skips weekends only.
    /// </summary>
    public static DateOnly? HolidaysKnownThrough(IReadOnlySet<DateOnly> holidays) =>
        holidays.Count == 0 ? null : new DateOnly(holidays.Max().Year, 12, 31);

    /// <summary>
    /// A warning (Vietnamese, for the pages that show deadlines) when a deadline counted up to <paramref name="day"/>
    /// falls past the holiday list, so its holidays are unknown; null when the list covers it.
    /// </summary>
    public static string? UnknownHolidaysWarning(DateOnly day, IReadOnlySet<DateOnly> holidays) =>
        HolidaysKnownThrough(holidays) is { } known && day <= known ? null
        : HolidaysKnownThrough(holidays) is { } last
            ? $"Danh sách ngày nghỉ lễ chỉ có đến ngày {last:dd/MM/yyyy}: hạn tính sau ngày đó chỉ trừ thứ Bảy, Chủ nhật, chưa trừ ngày lễ. Hãy bổ sung ngày nghỉ lễ năm {last.Year + 1} (Paperwork:PublicHolidays)."
            : "Chưa có danh sách ngày nghỉ lễ: hạn chỉ trừ thứ Bảy, Chủ nhật. Hãy nhập ngày nghỉ lễ (Paperwork:PublicHolidays).";

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
