namespace LiveSession.Domain.Tests;

public class SpeakerTotalsTests
{
    /// <summary>An speaks 2 minutes, an official answers 1 minute, An follows up 30 s, Bình speaks 90 s; Cường is called and still speaking.</summary>
    private static TestMeeting Spoken()
    {
        var m = TestMeeting.Started(queued: 3);
        m.Ok(new NextAgendaItem());
        m.Ok(new CallNext());
        var an = m.CurrentTurn.Id;
        m.Advance(120).Ok(new EndTurn());
        m.Ok(new InviteAnswer("o1", an));
        m.Advance(60).Ok(new EndTurn());
        m.Ok(new GiveFollowUp(an));
        m.Advance(30).Ok(new EndTurn());
        m.Ok(new CallNext());
        m.Advance(90).Ok(new EndTurn());
        m.Ok(new CallNext());
        m.Advance(45);
        return m;
    }

    [Fact]
    public void EachCitizen_AddsUpTheirTurnAndFollowUps_UnderTheirLocality_LongestFirst()
    {
        var citizens = SpeakerTotals.BySpeaker(Spoken().State).Where(s => s.Group != SpeakerTotals.Officials).ToList();

        Assert.Equal([new SpeakerTotal("Nguyễn Văn An", "Thôn Đông", 2, 150), new SpeakerTotal("Trần Thị Bình", "Thôn Tây", 1, 90)], citizens);
    }

    [Fact]
    public void ATurnStillRunning_IsNotCountedYet()
    {
        Assert.DoesNotContain(SpeakerTotals.BySpeaker(Spoken().State), s => s.Name == "Lê Văn Cường");
    }

    [Fact]
    public void OfficialsAnswers_CountUnderTheOfficials_NotUnderTheCitizensLocality()
    {
        var m = Spoken();
        var official = m.State.Turns.Single(t => t.Kind == TurnKind.Answer).SpeakerName;
        var officials = SpeakerTotals.BySpeaker(m.State).Where(s => s.Group == SpeakerTotals.Officials).ToList();
        Assert.Equal([new SpeakerTotal(official, SpeakerTotals.Officials, 1, 60)], officials);
    }

    [Fact]
    public void TheChairsFloorBetweenTurns_ThatLastedNoTime_IsLeftOut()
    {
        Assert.DoesNotContain(SpeakerTotals.BySpeaker(Spoken().State), s => s.Seconds == 0);
    }

    [Fact]
    public void ByLocality_AddsUpItsSpeakers()
    {
        var groups = SpeakerTotals.ByGroup(Spoken().State);
        Assert.Contains(new GroupTotal("Thôn Đông", 1, 2, 150), groups);
        Assert.Contains(new GroupTotal("Thôn Tây", 1, 1, 90), groups);
        Assert.Equal(SpeakerTotals.BySpeaker(Spoken().State).Sum(s => s.Seconds), groups.Sum(g => g.Seconds));
    }

    [Theory]
    [InlineData(0, "0 phút 00 giây")]
    [InlineData(65, "1 phút 05 giây")]
    [InlineData(3600, "60 phút 00 giây")]
    public void Durations_ReadInMinutesAndSeconds(int seconds, string text)
    {
        Assert.Equal(text, SpeakerTotals.Duration(seconds));
    }

    [Fact]
    public void AMeetingWithNoTurn_HasNoTotals()
    {
        Assert.Empty(SpeakerTotals.BySpeaker(TestMeeting.Started().State));
        Assert.Empty(SpeakerTotals.ByGroup(TestMeeting.Started().State));
    }
}
