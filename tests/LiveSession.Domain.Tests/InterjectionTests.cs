namespace LiveSession.Domain.Tests;

/// <summary>The chair's interjection interrupts a turn; the turn resumes with the time it had left.</summary>
public class InterjectionTests
{
    private static TestMeeting CitizenSpeaking(out string turnId)
    {
        var m = TestMeeting.Started(queued: 2);
        m.Ok(new CallNext()); // s1: 3 minutes
        turnId = m.CurrentTurn.Id;
        return m;
    }

    [Fact]
    public void TheInterruptedTurn_ResumesWithItsRemainingTime_WhenTheInterjectionEnds()
    {
        var m = CitizenSpeaking(out var citizen);
        m.Advance(100).Ok(new Interject("Đề nghị nói đúng nội dung", Minutes: 1));
        m.Advance(45).Ok(new EndTurn());

        Assert.Equal(citizen, m.CurrentTurn.Id);
        Assert.Equal(80, m.Remaining); // 180 − 100: the interjection's 45 s are not taken from the citizen
        Assert.True(m.State.Floor!.Timer.IsRunning);
        Assert.Null(m.State.Suspended);
        Assert.Equal(SpeakerStatus.Speaking, m.Speaker("s1").Status);

        m.Advance(80).Ok(new EndTurn());
        Assert.Equal((180, 180), (m.Turn(citizen).SpokenSeconds, m.Speaker("s1").SpokenSeconds));
        Assert.Equal(45, m.Turn("t2").SpokenSeconds);
    }

    [Fact]
    public void ATurnPausedBeforeTheInterjection_StaysPausedWhenItResumes()
    {
        var m = CitizenSpeaking(out _);
        m.Advance(30).Ok(new PauseTimer());
        m.Ok(new Interject());
        m.Advance(20).Ok(new EndTurn());

        Assert.False(m.State.Floor!.Timer.IsRunning);
        Assert.Equal(150, m.Remaining);
    }

    [Fact]
    public void TheInterjectionsTime_IsAdjustable_TwoMinutesByDefault()
    {
        var m = CitizenSpeaking(out _);
        m.Ok(new Interject());
        Assert.Equal(Interject.DefaultMinutes * 60, m.State.Floor!.Timer.AllottedSeconds);

        m.Ok(new EndTurn());
        m.Ok(new Interject(Minutes: 5));
        Assert.Equal(300, m.State.Floor!.Timer.AllottedSeconds);
        m.Ok(new ExtendTimer(30));
        Assert.Equal(330, m.State.Floor!.Timer.AllottedSeconds);
    }

    [Fact]
    public void Interject_WithTimeOutOfRange_IsRefused()
    {
        var m = CitizenSpeaking(out _);
        m.Refused(new Interject(Minutes: 0), "invalid");
        m.Refused(new Interject(Minutes: Interject.MaxMinutes + 1), "invalid");
    }

    [Fact]
    public void Interject_DuringAnInterjection_IsRefused_SoTheInterruptedTurnIsNotLost()
    {
        var m = CitizenSpeaking(out _);
        m.Ok(new Interject());
        var error = m.Refused(new Interject(), "invalid_state");
        Assert.Contains("Dừng", error.Message);
    }

    [Fact]
    public void CallingSomeoneElseDuringTheInterjection_EndsTheInterruptedTurnToo()
    {
        var m = CitizenSpeaking(out var citizen);
        m.Advance(100).Ok(new Interject());
        m.Advance(30).Ok(new CallNext());

        Assert.Equal("s2", m.CurrentTurn.SpeakerId);
        Assert.Equal((m.Now, 100), (m.Turn(citizen).EndedAt, m.Turn(citizen).SpokenSeconds));
        Assert.Equal(SpeakerStatus.Done, m.Speaker("s1").Status);
        Assert.Null(m.State.Suspended);
    }

    [Fact]
    public void ClosingTheMeetingDuringTheInterjection_EndsBothTurns()
    {
        var m = CitizenSpeaking(out var citizen);
        m.Advance(100).Ok(new Interject());
        m.Advance(10).Ok(new CloseMeeting());

        Assert.All(m.State.Turns, t => Assert.NotNull(t.EndedAt));
        Assert.Equal((100, (FloorState?)null, (SuspendedTurn?)null), (m.Turn(citizen).SpokenSeconds, m.State.Floor, m.State.Suspended));
    }

    [Fact]
    public void AnOfficialsReport_IsInterruptedAndResumedTheSameWay()
    {
        var m = TestMeeting.Started();
        m.Ok(new StartAgendaItem("a4"));
        m.Ok(new StartReport("o1", "a4"));
        m.Advance(300).Ok(new Interject());
        m.Advance(60).Ok(new EndTurn());

        Assert.Equal((TurnKind.Report, 900.0), (m.CurrentTurn.Kind, m.Remaining));
    }

    [Fact]
    public void DuringTheInterjection_TheHallMicrophoneIsKeptOnTheInterjection()
    {
        var m = CitizenSpeaking(out _);
        m.Advance(10).Ok(new Interject());
        var route = MicrophoneRules.Route(m.State, new Actor(Role.Microphone), m.Now.AddSeconds(1)).Route;
        Assert.Equal(m.CurrentTurn.Id, route!.TurnId);
    }

    [Fact]
    public void OnlyTheChairMayInterject()
    {
        Assert.True(Interject.Interjectors.SetEquals([Role.Chair]));
        var m = CitizenSpeaking(out _);
        foreach (var other in new[] { Actor.Organizer, Actor.Secretary, Actor.Screen, Actor.Transcriber, new Actor(Role.Microphone), Actor.Participant("p1") })
            m.Refused(new Interject(), "forbidden", other);
    }
}
