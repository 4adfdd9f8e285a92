namespace LiveSession.Paperwork.Tests;

/// <summary>The notice is due 5 working days after the meeting day (Vietnam date), skipping weekends and holidays.</summary>
public class DueDateTests
{
    private static DateOnly DueDate(DateTimeOffset closedAt, params DateOnly[] holidays)
    {
        var state = ScriptedMeeting.Played().State with { ClosedAt = closedAt };
        return ConclusionNotice.DueDate(new DocumentContext(state, holidays.ToHashSet(), DateOnly.FromDateTime(closedAt.UtcDateTime)));
    }

    private static DateTimeOffset Vietnam(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public void Meeting_on_a_Saturday_is_due_the_next_Friday() =>
        Assert.Equal(new DateOnly(2025, 3, 21), ConclusionNotice.DueDate(ScriptedMeeting.Played().Context()));

    [Fact]
    public void A_holiday_in_the_week_pushes_the_date() =>
        Assert.Equal(new DateOnly(2025, 3, 24), ConclusionNotice.DueDate(ScriptedMeeting.Played().Context(new HashSet<DateOnly> { new(2025, 3, 18) })));

    [Fact]
    public void Reunification_and_Labour_days() =>
        Assert.Equal(new DateOnly(2025, 5, 6), DueDate(Vietnam(2025, 4, 25, 11), new DateOnly(2025, 4, 30), new DateOnly(2025, 5, 1)));

    [Fact]
    public void Across_the_year_end_and_New_Year() =>
        Assert.Equal(new DateOnly(2026, 1, 8), DueDate(Vietnam(2025, 12, 31, 16), new DateOnly(2026, 1, 1)));

    [Fact]
    public void The_meeting_day_is_the_Vietnam_date_not_the_UTC_date()
    {
        // 00:30 on Friday 14 November in Vietnam is still Thursday 13 in UTC.
        Assert.Equal(new DateOnly(2025, 11, 21), DueDate(Vietnam(2025, 11, 14, 0).AddMinutes(30)));
    }

    [Fact]
    public void A_meeting_not_started_counts_from_its_scheduled_start()
    {
        var m = new ScriptedMeeting().Do(new CreateMeeting(ScriptedMeeting.Title, MeetingKind.AdHoc, MeetingForm.InPerson, ScriptedMeeting.Venue,
            Vietnam(2025, 6, 2, 14), ScriptedMeeting.Chair, ""), Actor.Organizer);
        Assert.Equal(new DateOnly(2025, 6, 9), ConclusionNotice.DueDate(m.Context()));
    }
}
