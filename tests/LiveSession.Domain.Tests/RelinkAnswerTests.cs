using LiveSession.Domain.Minutes;

namespace LiveSession.Domain.Tests;

/// <summary>An answer turn linked to the wrong citizen is relinked or unlinked by the chair or the secretary.</summary>
public class RelinkAnswerTests
{
    private static (TestMeeting Meeting, string First, string Second, string Answer) AnsweredTheWrongOne()
    {
        var m = TestMeeting.Started().Queue(2);
        m.Ok(new CallNext());
        var first = m.State.CurrentTurn!.Id;
        m.Advance(60).Ok(new CallNext());
        var second = m.State.CurrentTurn!.Id;
        m.Advance(60).Ok(new InviteAnswer(m.State.Officials[0].Id)); // meant for the first, went to the latest
        var answer = m.State.CurrentTurn!.Id;
        m.Advance(60).Ok(new EndTurn());
        Assert.Equal(second, m.State.FindTurn(answer)!.RelatesToTurnId);
        return (m, first, second, answer);
    }

    [Fact]
    public void The_secretary_relinks_an_answer_to_the_citizen_it_answered_and_the_event_says_who()
    {
        var (m, first, _, answer) = AnsweredTheWrongOne();

        var events = m.Ok(new RelinkAnswer(answer, first, "Trần Thị Thư"), Actor.Secretary);

        Assert.Equal(first, m.State.FindTurn(answer)!.RelatesToTurnId);
        Assert.StartsWith("Trần Thị Thư", Assert.IsType<AnswerRelinked>(Assert.Single(events)).Editor);
        m.Refused(new RelinkAnswer(answer, first, "Trần Thị Thư"), "invalid_state", Actor.Secretary);
    }

    [Fact]
    public void The_chair_unlinks_an_answer_after_the_meeting_but_only_to_an_earlier_citizen_turn_and_nobody_else_may()
    {
        var (m, first, second, answer) = AnsweredTheWrongOne();
        m.Ok(new CloseMeeting());

        m.Refused(new RelinkAnswer(answer, answer), "invalid", Actor.Chair);
        m.Refused(new RelinkAnswer(first, second), "invalid", Actor.Chair);
        m.Refused(new RelinkAnswer("t99", first), "not_found", Actor.Chair);
        m.Refused(new RelinkAnswer(answer, first), "forbidden", Actor.Organizer);
        m.Refused(new RelinkAnswer(answer, first), "forbidden", Actor.Participant("p1"));
        m.Ok(new RelinkAnswer(answer, null), Actor.Chair);
        Assert.Null(m.State.FindTurn(answer)!.RelatesToTurnId);
    }
}
