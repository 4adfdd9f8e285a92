using LiveSession.Client.Protocol;
using LiveSession.Domain.Questions;
using LiveSession.Domain.Views;

namespace LiveSession.Components.Tests;

/// <summary>Which participants a commit changes: what the host sends each participant's own view to, and no one else.</summary>
public class PersonalViewsTests
{
    [Fact]
    public void A_commit_changes_the_views_of_those_it_touches_only()
    {
        var meeting = MeetingBuilder.Started()
            .Run(new RegisterSpeaker("Lê Văn Tư", "Thôn Đông"), Actor.Participant("p1"))
            .Run(new RegisterSpeaker("Đỗ Thị Giang", "Thôn Tây"), Actor.Participant("p2"))
            .Run(new SubmitQuestion("Trần Văn Ba", "Thôn Bắc", "Khi nào làm đường?", null), Actor.Participant("p3"));
        var before = PersonalViews.Of(meeting.State);

        Assert.Empty(PersonalViews.Changed(before, PersonalViews.Of(meeting.State)));

        var p1 = meeting.State.Speakers.Single(s => s.ParticipantId == "p1").Id;
        meeting.Run(new WithdrawSpeaker(p1), Actor.Participant("p1"));
        Assert.Equal(["p1"], PersonalViews.Changed(before, PersonalViews.Of(meeting.State)));

        var question = meeting.State.Questions.Single().Id;
        var afterWithdrawal = PersonalViews.Of(meeting.State);
        meeting.Run(new ApproveQuestion(question));
        Assert.Equal(["p3"], PersonalViews.Changed(afterWithdrawal, PersonalViews.Of(meeting.State)));
        // Views compare as the phone would see them: the changed one is the new one.
        Assert.Equal(QuestionStatus.Approved, PersonalViews.Of(meeting.State).For("p3", meeting.State.Version).Questions.Single().Status);
    }

    [Fact]
    public void A_participant_who_disappears_from_the_state_is_a_change_too()
    {
        var empty = PersonalViews.Of(MeetingBuilder.Started().State);
        var meeting = MeetingBuilder.Started().Run(new RegisterSpeaker("Lê Văn Tư", "Thôn Đông"), Actor.Participant("p1"));
        Assert.Equal(["p1"], PersonalViews.Changed(PersonalViews.Of(meeting.State), empty));
    }
}
