namespace LiveSession.Domain.Tests;

/// <summary>When nobody holds the floor, the floor is the chair's: a turn of the chair under the current step.</summary>
public class ChairFloorTests
{
    private static IEnumerable<Turn> ChairTurns(TestMeeting m) => m.State.Turns.Where(t => t.Kind == TurnKind.Chair);

    [Fact]
    public void WhenTheMeetingStarts_TheFloorIsTheChairs()
    {
        var m = TestMeeting.Started();

        var turn = Assert.Single(ChairTurns(m));
        Assert.Equal(new Turn("c1", TurnKind.Chair, "Nguyễn Văn Chủ", "Chủ trì", null, null, m.Now), turn);
        Assert.Equal("c1", m.State.ChairTurnId);
        Assert.Null(m.State.Floor); // no timer: the chair is not "speaking" on the hall screen
    }

    [Fact]
    public void EachAgendaStep_HasItsOwnChairTurn_SoTheOpeningAndTheConclusionsLandUnderTheirSteps()
    {
        var m = TestMeeting.Started();
        m.Ok(new StartAgendaItem("a1"));
        m.Advance(120).Ok(new NextAgendaItem());
        m.Advance(60).Ok(new StartAgendaItem("a8"));

        Assert.Equal([("c1", null), ("c2", "a1"), ("c3", "a2"), ("c4", "a8")], ChairTurns(m).Select(t => (t.Id, t.AgendaItemId)));
        Assert.Equal([0, 120, 60], ChairTurns(m).SkipLast(1).Skip(1).Prepend(m.Turn("c1")).Select(t => t.SpokenSeconds));
        Assert.Null(m.Turn("c4").EndedAt);
    }

    [Fact]
    public void GivingTheFloor_EndsTheChairsTurn_AndTheEndOfTheTurnGivesItBack()
    {
        var m = TestMeeting.Started(queued: 1);
        m.Ok(new StartAgendaItem("a6"));
        m.Advance(30).Ok(new CallNext());
        Assert.Equal(m.Now, m.Turn("c2").EndedAt);
        Assert.Null(m.State.ChairTurnId);

        m.Advance(90).Ok(new EndTurn());

        var back = ChairTurns(m).Last();
        Assert.Equal(("c3", "a6", m.Now, (DateTimeOffset?)null), (back.Id, back.AgendaItemId, back.StartedAt, back.EndedAt));
        Assert.Equal(back, m.State.TurnAt(m.Now.AddSeconds(5)));
    }

    [Fact]
    public void SpeechBetweenTurns_IsTranscribedOnTheChairsTurn()
    {
        var m = TestMeeting.Started();
        m.Ok(new StartAgendaItem("a8"));
        m.Ok(new AddTranscriptSegment("c2", 0, "Tôi xin kết luận hội nghị như sau"), Actor.Transcriber);

        Assert.Equal("Tôi xin kết luận hội nghị như sau", m.State.MinutesOf("c2").Text);
    }

    [Fact]
    public void ClosingTheMeeting_EndsTheChairsTurn_AndReopeningGivesANewOne()
    {
        var m = TestMeeting.Started();
        m.Advance(10).Ok(new CloseMeeting());
        Assert.Equal((m.Now, (string?)null), (m.Turn("c1").EndedAt, m.State.ChairTurnId));

        m.Advance(10).Ok(new ReopenMeeting());
        Assert.Equal("c2", m.State.ChairTurnId);
    }

    [Fact]
    public void CommandsThatDoNotMoveTheFloor_AddNoChairEvent()
    {
        var m = TestMeeting.Started();
        Assert.Single(m.Ok(new RegisterSpeaker("Nguyễn Văn An", "Thôn Đông"), Actor.Organizer));
        Assert.Single(m.Ok(new AddTranscriptSegment("c1", 0, "Kính thưa các vị đại biểu"), Actor.Transcriber));
    }

    [Fact]
    public void AMeetingStoredBeforeTheRule_GetsTheChairsTurnAtItsNextFloorCommand()
    {
        var m = TestMeeting.Started(queued: 1);
        // A snapshot from before the chair's floor existed: no chair's turn, nobody speaking.
        var old = m.State with { Turns = [], ChairTurnId = null };
        var (state, decision) = Decider.Execute(old, new StartAgendaItem("a1"), m.Context());

        Assert.IsType<ChairFloorTaken>(decision.Events[^1]);
        Assert.Equal(("c1", "a1"), (state.ChairTurnId, state.FindTurn("c1")!.AgendaItemId));
    }

    [Fact]
    public void ChairTurns_DoNotCountAsTheLatestCitizenTurnForAnAnswer()
    {
        var m = TestMeeting.Started(queued: 1);
        m.Ok(new CallNext());
        m.Ok(new EndTurn());

        m.Ok(new InviteAnswer("o1"));
        Assert.Equal("t1", m.CurrentTurn.RelatesToTurnId);
    }
}
