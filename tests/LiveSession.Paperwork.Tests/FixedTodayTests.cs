using System.Globalization;
using LiveSession.Records;
using Microsoft.Extensions.Time.Testing;

namespace LiveSession.Paperwork.Tests;

/// <summary>
/// What depends on "today", played at the days where it breaks: the year's last minute and the next year's first
/// in Vietnam (still 31 December in UTC), 29 February, 30 June, and the Monday after Tết. Each runs on its own
/// clock, never the machine's.
/// </summary>
public class FixedTodayTests
{
    /// <summary>Part of the shipped list (2026 and 2027): enough to count these deadlines, and to run out in 2028.</summary>
    private static readonly IReadOnlySet<DateOnly> Holidays = new[]
    {
        "2026-01-01", "2026-02-14", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
        "2026-02-21", "2026-02-22", "2026-04-27", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02",
        "2027-01-01", "2027-02-04", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11",
        "2027-04-16", "2027-04-30", "2027-05-03", "2027-09-02", "2027-09-03",
    }.Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToHashSet();

    /// <summary>The instant (Vietnam time); its Vietnam date; the report the office opens on; the conclusion notice's due date for a meeting that closes then.</summary>
    public sealed record FixedDay(string Instant, string VietnamDay, string Period, string Due)
    {
        public override string ToString() => Instant;
    }

    public static TheoryData<FixedDay> Days => new()
    {
        new("2026-12-31T23:59:00+07:00", "2026-12-31", "6 tháng cuối năm 2026", "2027-01-08"),
        new("2027-01-01T00:01:00+07:00", "2027-01-01", "6 tháng cuối năm 2026", "2027-01-08"),
        new("2028-02-29T10:00:00+07:00", "2028-02-29", "6 tháng đầu năm 2028 (đến 29/02/2028)", "2028-03-07"),
        new("2027-06-30T10:00:00+07:00", "2027-06-30", "6 tháng đầu năm 2027", "2027-07-07"),
        new("2026-02-23T08:00:00+07:00", "2026-02-23", "6 tháng đầu năm 2026 (đến 23/02/2026)", "2026-03-02"),
    };

    private static FakeTimeProvider ClockAt(string instant) => new(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture));

    private static DateOnly Date(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Time until the next midnight in Vietnam, plus a minute.</summary>
    private static TimeSpan PastVietnamMidnight(TimeProvider clock)
    {
        var now = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7));
        return now.Date.AddDays(1) - now.DateTime + TimeSpan.FromMinutes(1);
    }

    [Theory, MemberData(nameof(Days))]
    public void Today_is_the_Vietnam_date(FixedDay day) =>
        Assert.Equal(Date(day.VietnamDay), PaperworkOptions.VietnamToday(ClockAt(day.Instant)));

    [Theory, MemberData(nameof(Days))]
    public void The_office_report_opens_on_the_period_it_is_due_for(FixedDay day)
    {
        var today = PaperworkOptions.VietnamToday(ClockAt(day.Instant));
        var opened = ReportPeriod.Default(today);
        Assert.Equal(day.Period, opened.Name);
        Assert.True(opened.To <= today, "a report never counts days still to come");
        Assert.Contains(opened, ReportPeriod.Choices(today));
    }

    [Theory, MemberData(nameof(Days))]
    public void The_conclusion_notice_is_due_five_working_days_after_the_meeting_day(FixedDay day)
    {
        var closedAt = DateTimeOffset.Parse(day.Instant, CultureInfo.InvariantCulture);
        var state = ScriptedMeeting.Played().State with { ClosedAt = closedAt };
        Assert.Equal(Date(day.Due), ConclusionNotice.DueDate(new DocumentContext(state, Holidays, PaperworkOptions.VietnamToday(ClockAt(day.Instant)))));
    }

    [Theory, MemberData(nameof(Days))]
    public void A_deadline_of_today_is_overdue_only_once_the_Vietnam_day_is_over(FixedDay day)
    {
        var clock = ClockAt(day.Instant);
        var item = new FollowedPetition("k1", "Đề nghị sửa đường", null, "Trần Thị Bình", null, PetitionResolution.Assigned, null,
            PaperworkOptions.VietnamToday(clock), null, FollowUpStatus.InProgress);
        Assert.False(item.IsOverdueOn(PaperworkOptions.VietnamToday(clock)));
        clock.Advance(PastVietnamMidnight(clock));
        Assert.True(item.IsOverdueOn(PaperworkOptions.VietnamToday(clock)));
    }

    [Theory, MemberData(nameof(Days))]
    public void Pre_meeting_kien_nghi_are_taken_until_the_Vietnam_day_before_the_meeting_ends(FixedDay day)
    {
        var clock = ClockAt(day.Instant);
        var tomorrowMorning = new DateTimeOffset(PaperworkOptions.VietnamToday(clock).AddDays(1).ToDateTime(new TimeOnly(8, 0)), TimeSpan.FromHours(7));
        var meeting = new ScriptedMeeting().Do(new CreateMeeting(ScriptedMeeting.Title, MeetingKind.Periodic, MeetingForm.Hybrid, ScriptedMeeting.Venue,
            tomorrowMorning, ScriptedMeeting.Chair, ScriptedMeeting.Secretary), Actor.Organizer).State;
        PreMeetingPetition Entry() => new(1, "Trần Thị Bình", "Thôn Tây", "Đề nghị cấp giấy chứng nhận quyền sử dụng đất", "Đất đai",
            PetitionSource.Direct, null, PaperworkOptions.VietnamToday(clock), "Công chức Địa chính");

        Assert.Null(PreMeetingPetitions.Check(meeting, [Entry()], PaperworkOptions.VietnamToday(clock), out var accepted));
        Assert.Single(accepted);
        clock.Advance(PastVietnamMidnight(clock));
        Assert.Contains("Đã hết hạn thu thập", PreMeetingPetitions.Check(meeting, [Entry()], PaperworkOptions.VietnamToday(clock), out var late)?.Message);
        Assert.Empty(late);
    }

    [Fact]
    public void A_meeting_on_the_Friday_before_Tet_is_due_the_Friday_after_the_holidays()
    {
        var state = ScriptedMeeting.Played().State with { ClosedAt = new DateTimeOffset(2026, 2, 13, 16, 0, 0, TimeSpan.FromHours(7)) };
        Assert.Equal(new DateOnly(2026, 2, 27), ConclusionNotice.DueDate(new DocumentContext(state, Holidays, new DateOnly(2026, 2, 13))));
    }

    [Fact]
    public void Past_the_holiday_list_a_deadline_warns_instead_of_treating_every_weekday_as_a_working_day()
    {
        Assert.Null(WorkingCalendar.UnknownHolidaysWarning(new DateOnly(2027, 12, 31), Holidays));
        var warning = WorkingCalendar.UnknownHolidaysWarning(new DateOnly(2028, 1, 3), Holidays);
        Assert.Contains("chỉ có đến ngày 31/12/2027", warning);
        Assert.Contains("năm 2028", warning);
        Assert.Contains("Chưa có danh sách ngày nghỉ lễ", WorkingCalendar.UnknownHolidaysWarning(new DateOnly(2026, 1, 5), new HashSet<DateOnly>()));
    }
}
