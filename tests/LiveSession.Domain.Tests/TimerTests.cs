namespace LiveSession.Domain.Tests;

public class TimerTests
{
    /// <summary>A started meeting where s1 (3 minutes) has just been given the floor.</summary>
    private static TestMeeting Speaking()
    {
        var m = TestMeeting.Started(queued: 2);
        m.Ok(new CallNext());
        return m;
    }

    [Fact]
    public void Timer_CountsDownFromTheAllottedTimeAgainstServerTime()
    {
        var m = Speaking();
        Assert.Equal(180, m.Remaining);

        m.Advance(30.5);

        Assert.Equal(149.5, m.Remaining);
        Assert.False(m.State.Floor!.Timer.IsOvertimeAt(m.Now));
    }

    [Fact]
    public void Timer_RemainderGoesNegativeInOvertime()
    {
        var m = Speaking();
        m.Advance(180);
        Assert.Equal(0, m.Remaining);
        Assert.False(m.State.Floor!.Timer.IsOvertimeAt(m.Now));

        m.Advance(25);

        Assert.Equal(-25, m.Remaining);
        Assert.True(m.State.Floor.Timer.IsOvertimeAt(m.Now));
    }

    [Fact]
    public void PauseTimer_FreezesTheRemainder()
    {
        var m = Speaking();
        m.Advance(40).Ok(new PauseTimer());

        m.Advance(300);

        Assert.False(m.State.Floor!.Timer.IsRunning);
        Assert.Equal(140, m.Remaining);
    }

    [Fact]
    public void StartTimer_ResumesWhereItWasPaused()
    {
        var m = Speaking();
        m.Advance(40).Ok(new PauseTimer());
        m.Advance(300).Ok(new StartTimer());
        m.Advance(20);

        Assert.True(m.State.Floor!.Timer.IsRunning);
        Assert.Equal(120, m.Remaining);
    }

    [Fact]
    public void PauseTimer_WhenPaused_AndStartTimer_WhenRunning_AreRefused()
    {
        var m = Speaking();
        m.Refused(new StartTimer(), "invalid_state");
        m.Ok(new PauseTimer());
        m.Refused(new PauseTimer(), "invalid_state");
    }

    [Fact]
    public void ExtendTimer_GivesMoreTimeEvenInOvertime()
    {
        var m = Speaking();
        m.Advance(200);
        Assert.Equal(-20, m.Remaining);

        m.Ok(new ExtendTimer(30));
        m.Ok(new ExtendTimer(60));

        Assert.Equal(70, m.Remaining);
        Assert.Equal(270, m.State.Floor!.Timer.AllottedSeconds);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-30)]
    [InlineData(ExtendTimer.MaxSeconds + 1)]
    public void ExtendTimer_ByAnOutOfRangeAmount_IsInvalid(int seconds)
    {
        Speaking().Refused(new ExtendTimer(seconds), "invalid");
    }

    public static TheoryData<string> TimerCommands => new() { nameof(StartTimer), nameof(PauseTimer), nameof(ExtendTimer) };

    [Theory]
    [MemberData(nameof(TimerCommands))]
    public void TimerCommands_WhenNobodyHasTheFloor_AreRefused(string name)
    {
        var m = TestMeeting.Started(queued: 1);
        var command = Catalog.Commands.Single(c => c.GetType().Name == name);

        var error = m.Refused(command, "invalid_state");
        Assert.Equal("Hiện không có ai đang phát biểu.", error.Message);
    }

    [Fact]
    public void EndTurn_RecordsTheSecondsSpokenWithoutThePauses()
    {
        var m = Speaking();
        m.Advance(50).Ok(new PauseTimer());
        m.Advance(120).Ok(new StartTimer());
        m.Advance(30.4).Ok(new EndTurn());

        Assert.Equal(80, m.Turn("t1").SpokenSeconds);
        Assert.Equal(80, m.Speaker("s1").SpokenSeconds);
    }

    [Fact]
    public void EndTurn_WhilePaused_CountsOnlyTheTimeBeforeThePause()
    {
        var m = Speaking();
        m.Advance(45).Ok(new PauseTimer());
        m.Advance(600).Ok(new EndTurn());

        Assert.Equal(45, m.Turn("t1").SpokenSeconds);
    }

    [Fact]
    public void SpokenSeconds_AccumulatePerSpeakerAcrossTheirTurns()
    {
        var m = Speaking();
        m.Advance(100).Ok(new InviteAnswer("o1"));     // s1: 100
        m.Advance(200).Ok(new GiveFollowUp("t1"));    // the official's 200 s are not s1's
        m.Advance(50).Ok(new CallNext());             // s1: +50, s2 starts
        m.Advance(70).Ok(new EndTurn());              // s2: 70
        m.Ok(new ReAddLastSpeaker());                 // s2 is put back and called again
        m.Ok(new CallNext());
        m.Advance(10).Ok(new EndTurn());              // s2: +10

        Assert.Equal(150, m.Speaker("s1").SpokenSeconds);
        Assert.Equal(80, m.Speaker("s2").SpokenSeconds);
        Assert.Equal([100, 200, 50, 70, 10], m.State.GivenTurns.Select(t => t.SpokenSeconds));
    }

    [Fact]
    public void SpeakingTimer_IsPureData()
    {
        var t0 = TestMeeting.T0;
        var timer = SpeakingTimer.StartNew(60, t0);

        Assert.Equal(60, timer.RemainingAt(t0.AddSeconds(-5))); // a client clock behind the server never adds time
        var paused = timer.Pause(t0.AddSeconds(20));
        Assert.Equal(40, paused.RemainingAt(t0.AddHours(1)));
        var resumed = paused.Resume(t0.AddSeconds(100)).Extend(15);
        Assert.Equal(45, resumed.RemainingAt(t0.AddSeconds(110)));
        Assert.Equal(-5, resumed.RemainingAt(t0.AddSeconds(160)));
        Assert.Equal(60, timer.AllottedSeconds); // the original is untouched
    }
}
