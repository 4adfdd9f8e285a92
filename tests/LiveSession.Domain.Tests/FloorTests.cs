namespace LiveSession.Domain.Tests;

public class FloorTests
{
    [Fact]
    public void CallNext_GivesTheFloorToTheFirstQueuedSpeaker()
    {
        var m = TestMeeting.Started(queued: 2);
        m.Ok(new StartAgendaItem("a6"));
        m.Ok(new CallNext());

        var turn = m.CurrentTurn;
        Assert.Equal(new Turn("t1", TurnKind.Citizen, "Nguyễn Văn An", "Thôn Đông", "Đường giao thông nông thôn", "a6", m.Now, SpeakerId: "s1"), turn);
        Assert.Equal(SpeakerStatus.Speaking, m.Speaker("s1").Status);
        Assert.Equal(["s2"], m.State.Queue);
        Assert.Equal(QueueRules.DefaultMinutes * 60, m.State.Floor!.Timer.AllottedSeconds);
        Assert.True(m.State.Floor.Timer.IsRunning);
    }

    [Fact]
    public void CallNext_UsesTheOrganisationWhenTheSpeakerHasNoLocality()
    {
        var m = TestMeeting.Started();
        m.Ok(new RegisterSpeaker("Bà Lý Thị Kim", Organisation: "Hội Liên hiệp Phụ nữ", RequestedMinutes: 7), Actor.Organizer);
        m.Ok(new CallNext());

        Assert.Equal("Hội Liên hiệp Phụ nữ", m.CurrentTurn.Locality);
        Assert.Equal(7 * 60, m.State.Floor!.Timer.AllottedSeconds);
    }

    [Fact]
    public void CallNext_WhenTheQueueIsEmpty_IsRefused()
    {
        var m = TestMeeting.Started();
        m.Request("p1"); // a request waiting for approval is not in the queue
        m.Refused(new CallNext(), "queue_empty");
    }

    [Fact]
    public void CallNext_WhenListClosed_StillCallsQueuedSpeakers()
    {
        var m = TestMeeting.Started(queued: 2);
        m.Ok(new CloseList());

        m.Ok(new CallNext());
        m.Ok(new CallNext());

        Assert.Equal("s2", m.CurrentTurn.SpeakerId);
        Assert.Empty(m.State.Queue);
        m.Refused(new CallNext(), "queue_empty");
    }

    [Fact]
    public void CallNext_WhileSomeoneSpeaks_EndsTheirTurnFirst()
    {
        var m = TestMeeting.Started(queued: 2);
        m.Ok(new CallNext());

        var events = m.Advance(75).Ok(new CallNext());

        Assert.IsType<TurnEnded>(events[0]);
        Assert.IsType<TurnStarted>(events[1]);
        var first = m.Turn("t1");
        Assert.Equal(m.Now, first.EndedAt);
        Assert.Equal(75, first.SpokenSeconds);
        Assert.Equal(SpeakerStatus.Done, m.Speaker("s1").Status);
        Assert.Equal("s1", m.State.LastSpeakerId);
        Assert.Equal("t2", m.State.Floor!.TurnId);
        Assert.Equal(SpeakerStatus.Speaking, m.Speaker("s2").Status);
    }

    [Fact]
    public void CallSpeaker_GivesTheFloorOutOfOrder()
    {
        var m = TestMeeting.Started(queued: 3);
        m.Ok(new CallSpeaker("s3"));

        Assert.Equal("s3", m.CurrentTurn.SpeakerId);
        Assert.Equal(["s1", "s2"], m.State.Queue);
    }

    [Fact]
    public void CallSpeaker_WhoIsNotQueued_IsRefused()
    {
        var m = TestMeeting.Started(queued: 1);
        var request = m.Request("p1");
        m.Refused(new CallSpeaker(request), "invalid_state");
        m.Refused(new CallSpeaker("s77"), "not_found");
        m.Ok(new CallSpeaker("s1"));
        m.Refused(new CallSpeaker("s1"), "invalid_state"); // already speaking
    }

    [Fact]
    public void EndTurn_MarksTheCitizenDoneAndFreesTheFloor()
    {
        var m = TestMeeting.Started(queued: 1);
        m.Ok(new CallNext());
        m.Advance(100).Ok(new EndTurn());

        Assert.Null(m.State.Floor);
        Assert.Null(m.State.CurrentTurn);
        Assert.Equal(SpeakerStatus.Done, m.Speaker("s1").Status);
        Assert.Equal(100, m.Turn("t1").SpokenSeconds);
        Assert.Equal("s1", m.State.LastSpeakerId);
    }

    [Fact]
    public void EndTurn_WhenNobodyHasTheFloor_IsRefused()
    {
        TestMeeting.Started().Refused(new EndTurn(), "invalid_state");
    }

    [Fact]
    public void InviteAnswer_ByDefault_AnswersTheLatestCitizenTurn()
    {
        var m = TestMeeting.Started(queued: 2);
        m.Ok(new CallNext());
        m.Ok(new CallNext());
        m.Ok(new EndTurn());
        m.Ok(new Interject("Đề nghị giữ trật tự"));

        m.Ok(new InviteAnswer("o3"));

        var answer = m.CurrentTurn;
        Assert.Equal(TurnKind.Answer, answer.Kind);
        Assert.Equal("t2", answer.RelatesToTurnId);
        Assert.Equal("o3", answer.OfficialId);
        Assert.Null(answer.SpeakerId);
        Assert.Equal(m.Turn("t2").Topic, answer.Topic);
        Assert.Equal(5 * 60, m.State.Floor!.Timer.AllottedSeconds); // five minutes to answer by default
    }

    [Fact]
    public void InviteAnswer_WithATurnId_LinksTheAnswerToThatTurn()
    {
        var m = TestMeeting.Started(queued: 2);
        m.Ok(new CallNext());
        m.Ok(new CallNext());

        m.Ok(new InviteAnswer("o2", TurnId: "t1", Minutes: 8));

        Assert.Equal("t1", m.CurrentTurn.RelatesToTurnId);
        Assert.Equal(m.Turn("t1").Topic, m.CurrentTurn.Topic);
        Assert.Equal(8 * 60, m.State.Floor!.Timer.AllottedSeconds);
        Assert.NotNull(m.Turn("t2").EndedAt); // the citizen speaking was ended
    }

    [Fact]
    public void InviteAnswer_NamesTheOfficialOrElseTheirTitle()
    {
        var m = TestMeeting.Started(queued: 1);
        m.Ok(new AddOfficial("Vũ Văn Hải", "Chủ tịch UBND xã"));
        m.Ok(new CallNext());

        m.Ok(new InviteAnswer("o1"));
        Assert.Equal("Phó Chủ tịch UBND xã", m.CurrentTurn.SpeakerName);
        Assert.Equal("Phó Chủ tịch UBND xã", m.CurrentTurn.Locality);

        m.Ok(new InviteAnswer("o6"));
        Assert.Equal("Vũ Văn Hải", m.CurrentTurn.SpeakerName);
        Assert.Equal("Chủ tịch UBND xã", m.CurrentTurn.Locality);
        Assert.Equal("t1", m.CurrentTurn.RelatesToTurnId); // answers never become the question
    }

    [Fact]
    public void InviteAnswer_BeforeAnyCitizenSpoke_IsRefused()
    {
        var m = TestMeeting.Started();
        m.Ok(new Interject());
        m.Refused(new InviteAnswer("o1"), "invalid_state");
    }

    [Fact]
    public void InviteAnswer_ToAnAnswerOrInterjection_IsRefused()
    {
        var m = TestMeeting.Started(queued: 1);
        m.Ok(new CallNext());
        m.Ok(new InviteAnswer("o1"));
        m.Ok(new Interject());

        m.Refused(new InviteAnswer("o2", "t2"), "invalid_state");
        m.Refused(new InviteAnswer("o2", "t3"), "invalid_state");
    }

    [Fact]
    public void InviteAnswer_WithUnknownOfficialOrTurnOrBadMinutes_IsRefused()
    {
        var m = TestMeeting.Started(queued: 1);
        m.Ok(new CallNext());
        m.Refused(new InviteAnswer("o99"), "not_found");
        m.Refused(new InviteAnswer("o1", "t99"), "not_found");
        m.Refused(new InviteAnswer("o1", Minutes: 0), "invalid");
        m.Refused(new InviteAnswer("o1", Minutes: QueueRules.MaxMinutes + 1), "invalid");
    }

    [Fact]
    public void GiveFollowUp_LinksToTheEarlierTurnWithTheSameSpeaker()
    {
        var m = TestMeeting.Started(queued: 2);
        m.Ok(new CallNext());
        m.Ok(new InviteAnswer("o1"));

        m.Ok(new GiveFollowUp("t1", Minutes: 3));

        var followUp = m.CurrentTurn;
        var earlier = m.Turn("t1");
        Assert.Equal(TurnKind.FollowUp, followUp.Kind);
        Assert.Equal("t1", followUp.RelatesToTurnId);
        Assert.Equal(earlier.SpeakerId, followUp.SpeakerId);
        Assert.Equal(earlier.SpeakerName, followUp.SpeakerName);
        Assert.Equal(earlier.Topic, followUp.Topic);
        Assert.Equal(180, m.State.Floor!.Timer.AllottedSeconds);
    }

    [Fact]
    public void GiveFollowUp_DoesNotRequeueTheCitizen()
    {
        var m = TestMeeting.Started(queued: 2);
        m.Ok(new CallNext());
        m.Ok(new EndTurn());
        m.Ok(new GiveFollowUp("t1"));
        m.Ok(new EndTurn());

        Assert.Equal(SpeakerStatus.Done, m.Speaker("s1").Status);
        Assert.Equal(["s2"], m.State.Queue);
        Assert.Equal("s1", m.State.LastSpeakerId);
    }

    [Fact]
    public void GiveFollowUp_OnAFollowUp_LinksToThatFollowUpAndMayBeAnswered()
    {
        var m = TestMeeting.Started(queued: 1);
        m.Ok(new CallNext());               // t1
        m.Ok(new InviteAnswer("o1"));       // t2 answers t1
        m.Ok(new GiveFollowUp("t1"));       // t3 follows up t1
        m.Ok(new InviteAnswer("o1"));       // t4

        Assert.Equal("t3", m.CurrentTurn.RelatesToTurnId); // the latest citizen turn is the follow-up
        m.Ok(new GiveFollowUp("t3"));       // t5
        Assert.Equal("t3", m.CurrentTurn.RelatesToTurnId);
        Assert.Equal("s1", m.CurrentTurn.SpeakerId);
    }

    [Fact]
    public void GiveFollowUp_WhileThatTurnIsStillSpeaking_IsRefused()
    {
        var m = TestMeeting.Started(queued: 1);
        m.Ok(new CallNext());
        m.Refused(new GiveFollowUp("t1"), "invalid_state");
    }

    [Fact]
    public void GiveFollowUp_OnAnAnswerOrAnUnknownTurn_IsRefused()
    {
        var m = TestMeeting.Started(queued: 1);
        m.Ok(new CallNext());
        m.Ok(new InviteAnswer("o1"));
        m.Ok(new EndTurn());

        m.Refused(new GiveFollowUp("t2"), "invalid_state");
        m.Refused(new GiveFollowUp("t9"), "not_found");
        m.Refused(new GiveFollowUp("t1", Minutes: 0), "invalid");
    }

    [Fact]
    public void Interject_GivesTheChairTheFloorAndSuspendsTheCurrentTurn()
    {
        var m = TestMeeting.Started(queued: 1);
        m.Ok(new CallNext());
        m.Advance(10).Ok(new Interject("  Đề nghị phát biểu đúng nội dung ", Minutes: 1));

        var turn = m.CurrentTurn;
        Assert.Equal(TurnKind.Interjection, turn.Kind);
        Assert.Equal("Nguyễn Văn Chủ", turn.SpeakerName);
        Assert.Equal("Chủ trì", turn.Locality);
        Assert.Equal("Đề nghị phát biểu đúng nội dung", turn.Topic);
        Assert.Null(turn.SpeakerId);
        Assert.Equal(60, m.State.Floor!.Timer.AllottedSeconds);
        Assert.Equal(SpeakerStatus.Speaking, m.Speaker("s1").Status);
        Assert.Equal("t1", m.State.Suspended!.Floor.TurnId);
        Assert.Null(m.Turn("t1").EndedAt);
    }

    [Fact]
    public void Interject_WithBadTopicOrMinutes_IsInvalid()
    {
        var m = TestMeeting.Started();
        m.Refused(new Interject("Giữ\u0000trật tự"), "invalid");
        m.Refused(new Interject(Minutes: 0), "invalid");
        m.Refused(new Interject(Minutes: 31), "invalid");
    }

    [Fact]
    public void TurnIds_AreNumberedInOrderAcrossKinds()
    {
        var m = TestMeeting.Started(queued: 1);
        m.Ok(new CallNext());
        m.Ok(new InviteAnswer("o1"));
        m.Ok(new GiveFollowUp("t1"));
        m.Ok(new Interject());

        Assert.Equal(["t1", "t2", "t3", "t4"], m.State.GivenTurns.Select(t => t.Id));
        Assert.Equal([TurnKind.Citizen, TurnKind.Answer, TurnKind.FollowUp, TurnKind.Interjection], m.State.GivenTurns.Select(t => t.Kind));
        // The interjection interrupted the follow-up, which waits for the floor back, not ended.
        Assert.All(m.State.GivenTurns.SkipLast(2), t => Assert.NotNull(t.EndedAt));
        // The chair's own turns between them are numbered apart, so the given turns keep the ids they always had.
        Assert.Equal(["c1"], m.State.Turns.Where(t => t.Kind == TurnKind.Chair).Select(t => t.Id));
    }

    [Fact]
    public void AddOfficial_AddsAnOfficialWithANewId()
    {
        var m = TestMeeting.Created();
        m.Ok(new AddOfficial("  ", "Bí thư Đoàn xã", "Thanh niên"), Actor.Organizer);
        m.Ok(new RemoveOfficial("o6"), Actor.Organizer);
        m.Ok(new AddOfficial("Vũ Văn Hải", "Chủ tịch UBND xã"), Actor.Organizer);

        Assert.Equal(new Official("o7", "Vũ Văn Hải", "Chủ tịch UBND xã", null), m.State.Officials[^1]);
        Assert.Null(m.State.FindOfficial("o6"));
    }

    [Fact]
    public void AddOfficial_WithoutTitle_IsInvalid()
    {
        TestMeeting.Created().Refused(new AddOfficial("Vũ Văn Hải", " "), "invalid", Actor.Organizer);
    }

    [Fact]
    public void RemoveOfficial_WhoIsAnswering_IsRefused()
    {
        var m = TestMeeting.Started(queued: 1);
        m.Ok(new CallNext());
        m.Ok(new InviteAnswer("o2"));

        m.Refused(new RemoveOfficial("o2"), "invalid_state");
        m.Refused(new RemoveOfficial("o99"), "not_found");
        m.Ok(new EndTurn());
        m.Ok(new RemoveOfficial("o2"));
    }
}
