using System.Text;

namespace LiveSession.Domain.Tests;

public class QueueTests
{
    [Fact]
    public void RegisterSpeaker_AtTheHallDesk_IsQueuedAtOnce()
    {
        var m = TestMeeting.Started();
        m.Ok(new RegisterSpeaker("Nguyễn Văn An", "Thôn Đông", "Hội Cựu chiến binh", "Đường liên thôn", "Giao thông", 5), Actor.Organizer);

        Assert.Equal(
            new Speaker("s1", "Nguyễn Văn An", "Thôn Đông", "Hội Cựu chiến binh", "Đường liên thôn", "Giao thông", 5, Channel.Hall, SpeakerStatus.Queued),
            m.Speaker("s1"));
        Assert.Equal(["s1"], m.State.Queue);
    }

    [Fact]
    public void RegisterSpeaker_ByTheChair_IsQueuedAtOnceOnTheChannelGiven()
    {
        var m = TestMeeting.Started();
        m.Ok(new RegisterSpeaker("Trần Thị Bình", Channel: Channel.Online));

        Assert.Equal(SpeakerStatus.Queued, m.Speaker("s1").Status);
        Assert.Equal(Channel.Online, m.Speaker("s1").Channel);
        Assert.Null(m.Speaker("s1").ParticipantId);
    }

    [Fact]
    public void AnOnlineRequest_AsksAtMostFiveMinutes_TheDeskMayGiveUpToThirty()
    {
        var m = TestMeeting.Started();
        var refused = m.Refused(new RegisterSpeaker("Đỗ Thị Giang", RequestedMinutes: QueueRules.MaxMinutesAskedOnline + 1), "invalid", Actor.Participant("p-77"));
        Assert.Contains($"tối đa {QueueRules.MaxMinutesAskedOnline} phút", refused.Message);
        Assert.Empty(m.State.Speakers);
        m.Ok(new RegisterSpeaker("Đỗ Thị Giang", RequestedMinutes: QueueRules.MaxMinutesAskedOnline), Actor.Participant("p-77"));
        m.Ok(new RegisterSpeaker("Nguyễn Văn An", RequestedMinutes: QueueRules.MaxMinutes), Actor.Organizer);
    }

    [Fact]
    public void RegisterSpeaker_ByAParticipant_IsAnOnlineRequestCarryingTheirOwnId()
    {
        var m = TestMeeting.Started();
        m.Ok(new RegisterSpeaker("Đỗ Thị Giang", Channel: Channel.Hall), Actor.Participant("p-77"));

        var speaker = m.Speaker("s1");
        Assert.Equal(SpeakerStatus.Requested, speaker.Status);
        Assert.Equal(Channel.Online, speaker.Channel);
        Assert.Equal("p-77", speaker.ParticipantId);
        Assert.Empty(m.State.Queue);
    }

    [Fact]
    public void RegisterSpeaker_AParticipantHasOneOpenRegistrationAtATime()
    {
        var m = TestMeeting.Started();
        m.Request("p1");
        m.Refused(new RegisterSpeaker("Đỗ Thị Giang"), "already_registered", Actor.Participant("p1"));

        m.Ok(new ApproveSpeaker("s1"));
        m.Refused(new RegisterSpeaker("Đỗ Thị Giang"), "already_registered", Actor.Participant("p1"));

        m.Ok(new CallNext());
        m.Refused(new RegisterSpeaker("Đỗ Thị Giang"), "already_registered", Actor.Participant("p1"));

        m.Request("p2"); // someone else is not affected
    }

    [Fact]
    public void RegisterSpeaker_AParticipantMayRegisterAgainOnceTheirRegistrationIsClosed()
    {
        var m = TestMeeting.Started();
        m.Request("p1");
        m.Ok(new WithdrawSpeaker("s1"), Actor.Participant("p1"));
        m.Request("p1");
        m.Ok(new ApproveSpeaker("s2"));
        m.Ok(new CallNext());
        m.Ok(new EndTurn());

        Assert.Equal("s3", m.Request("p1"));
    }

    [Fact]
    public void RegisterSpeaker_WhenTheListIsClosed_IsRefused()
    {
        var m = TestMeeting.Started(queued: 1);
        m.Ok(new CloseList());

        var error = m.Refused(new RegisterSpeaker("Nguyễn Văn An"), "list_closed", Actor.Organizer);
        Assert.Equal("Danh sách đăng ký phát biểu đã đóng.", error.Message);
        m.Refused(new RegisterSpeaker("Đỗ Thị Giang"), "list_closed", Actor.Participant("p1"));
        m.Refused(new RegisterSpeaker("Nguyễn Văn An"), "list_closed", Actor.Chair);
    }

    public static TheoryData<RegisterSpeaker> InvalidRegistrations => new()
    {
        new RegisterSpeaker(""),
        new RegisterSpeaker("   "),
        new RegisterSpeaker(new string('A', Text.NameMax + 1)),
        new RegisterSpeaker("Nguyễn\u0000Văn An"),
        new RegisterSpeaker("Nguyễn Văn An", Locality: "Thôn\nĐông"),
        new RegisterSpeaker("Nguyễn Văn An", Organisation: new string('H', Text.ShortMax + 1)),
        new RegisterSpeaker("Nguyễn Văn An", Topic: new string('T', Text.TitleMax + 1)),
        new RegisterSpeaker("Nguyễn Văn An", Field: "\u001b"),
        new RegisterSpeaker("Nguyễn Văn An", RequestedMinutes: 0),
        new RegisterSpeaker("Nguyễn Văn An", RequestedMinutes: QueueRules.MaxMinutes + 1),
        new RegisterSpeaker("Nguyễn Văn An", Channel: (Channel)7),
    };

    [Theory]
    [MemberData(nameof(InvalidRegistrations))]
    public void RegisterSpeaker_WithInvalidFields_IsInvalid(RegisterSpeaker command)
    {
        TestMeeting.Started().Refused(command, "invalid", Actor.Organizer);
    }

    [Fact]
    public void RegisterSpeaker_NormalisesTextAndDropsEmptyOptionalFields()
    {
        var m = TestMeeting.Started();
        m.Ok(new RegisterSpeaker(" Nguyễn Thị Hương ".Normalize(NormalizationForm.FormD), Locality: "  ", Topic: "Thủy lợi ".Normalize(NormalizationForm.FormD)), Actor.Organizer);

        var speaker = m.Speaker("s1");
        Assert.Equal("Nguyễn Thị Hương", speaker.Name);
        Assert.Null(speaker.Locality);
        Assert.Equal("Thủy lợi", speaker.Topic);
        Assert.Equal(QueueRules.DefaultMinutes, speaker.RequestedMinutes);
    }

    [Fact]
    public void ApproveSpeaker_PutsTheRequestAtTheEndOfTheQueue()
    {
        var m = TestMeeting.Started(queued: 2);
        var id = m.Request("p1");
        m.Ok(new ApproveSpeaker(id), Actor.Organizer);

        Assert.Equal(SpeakerStatus.Queued, m.Speaker(id).Status);
        Assert.Equal(["s1", "s2", id], m.State.Queue);
    }

    [Fact]
    public void ApproveSpeaker_WhenTheListIsClosed_StillApprovesEarlierRequests()
    {
        var m = TestMeeting.Started();
        var id = m.Request("p1");
        m.Ok(new CloseList());
        m.Ok(new ApproveSpeaker(id));

        Assert.Equal([id], m.State.Queue);
    }

    [Fact]
    public void ApproveSpeaker_ThatIsNotARequest_IsRefused()
    {
        var m = TestMeeting.Started(queued: 1);
        var error = m.Refused(new ApproveSpeaker("s1"), "invalid_state");
        Assert.Contains("trong danh sách", error.Message);
        m.Refused(new ApproveSpeaker("s9"), "not_found");
    }

    [Fact]
    public void RejectSpeaker_TurnsDownARequestOrAQueuedRegistration()
    {
        var m = TestMeeting.Started(queued: 2);
        var request = m.Request("p1");
        m.Ok(new RejectSpeaker(request));
        m.Ok(new RejectSpeaker("s1"), Actor.Organizer);

        Assert.Equal(SpeakerStatus.Rejected, m.Speaker(request).Status);
        Assert.Equal(SpeakerStatus.Rejected, m.Speaker("s1").Status);
        Assert.Equal(["s2"], m.State.Queue);
        Assert.Equal(3, m.State.Speakers.Count); // the record of registrations is kept
    }

    [Fact]
    public void RejectSpeaker_WhoIsSpeakingOrHasSpoken_IsRefused()
    {
        var m = TestMeeting.Started(queued: 1);
        m.Ok(new CallNext());
        m.Refused(new RejectSpeaker("s1"), "invalid_state");
        m.Ok(new EndTurn());
        m.Refused(new RejectSpeaker("s1"), "invalid_state");
    }

    [Fact]
    public void WithdrawSpeaker_AParticipantWithdrawsTheirOwnRequest()
    {
        var m = TestMeeting.Started();
        var id = m.Request("p1");
        m.Ok(new ApproveSpeaker(id));
        m.Ok(new WithdrawSpeaker(id), Actor.Participant("p1"));

        Assert.Equal(SpeakerStatus.Withdrawn, m.Speaker(id).Status);
        Assert.Empty(m.State.Queue);
    }

    [Fact]
    public void WithdrawSpeaker_AParticipantCannotWithdrawSomeoneElse()
    {
        var m = TestMeeting.Started(queued: 1);
        var id = m.Request("p1");

        m.Refused(new WithdrawSpeaker(id), "forbidden", Actor.Participant("p2"));
        m.Refused(new WithdrawSpeaker("s1"), "forbidden", Actor.Participant("p2"));
    }

    [Fact]
    public void WithdrawSpeaker_TheDeskOrChairMayWithdrawAnyRegistration()
    {
        var m = TestMeeting.Started(queued: 2);
        var id = m.Request("p1");
        m.Ok(new WithdrawSpeaker(id), Actor.Organizer);
        m.Ok(new WithdrawSpeaker("s1"), Actor.Chair);

        Assert.Equal(["s2"], m.State.Queue);
    }

    [Fact]
    public void WithdrawSpeaker_ThatIsNoLongerOpen_IsRefused()
    {
        var m = TestMeeting.Started(queued: 2);
        m.Ok(new WithdrawSpeaker("s1"));
        m.Refused(new WithdrawSpeaker("s1"), "invalid_state");
        m.Ok(new CallNext());
        m.Refused(new WithdrawSpeaker("s2"), "invalid_state");
        m.Refused(new WithdrawSpeaker("s42"), "not_found");
    }

    [Theory]
    [InlineData("s4", 0, new[] { "s4", "s1", "s2", "s3" })]
    [InlineData("s4", 2, new[] { "s1", "s2", "s4", "s3" })]
    [InlineData("s1", 3, new[] { "s2", "s3", "s4", "s1" })]
    [InlineData("s3", 1, new[] { "s1", "s3", "s2", "s4" })]
    public void MoveSpeaker_PutsAQueuedSpeakerAtAnyPosition(string id, int position, string[] queue)
    {
        var m = TestMeeting.Started(queued: 4);
        m.Ok(new MoveSpeaker(id, position), Actor.Organizer);

        Assert.Equal(queue, m.State.Queue);
    }

    [Fact]
    public void MoveSpeaker_ToItsOwnPositionOrOutsideTheQueue_IsRefused()
    {
        var m = TestMeeting.Started(queued: 3);
        m.Refused(new MoveSpeaker("s2", 1), "invalid_state");
        m.Refused(new MoveSpeaker("s2", -1), "invalid");
        m.Refused(new MoveSpeaker("s2", 3), "invalid");
    }

    [Fact]
    public void MoveSpeaker_WhoIsNotQueued_IsRefused()
    {
        var m = TestMeeting.Started(queued: 2);
        var request = m.Request("p1");
        m.Refused(new MoveSpeaker(request, 0), "invalid_state");
        m.Refused(new MoveSpeakerToTop(request), "invalid_state");
        m.Refused(new MoveSpeaker("s99", 0), "not_found");
    }

    [Fact]
    public void MoveSpeakerToTop_MakesThemNextToSpeak()
    {
        var m = TestMeeting.Started(queued: 3);
        m.Ok(new MoveSpeakerToTop("s3"));

        Assert.Equal(["s3", "s1", "s2"], m.State.Queue);
        m.Refused(new MoveSpeakerToTop("s3"), "invalid_state");

        m.Ok(new CallNext());
        Assert.Equal("s3", m.CurrentTurn.SpeakerId);
    }

    [Fact]
    public void CloseList_ThenReopenList_AcceptsRegistrationsAgain()
    {
        var m = TestMeeting.Started();
        m.Ok(new CloseList(), Actor.Organizer);
        Assert.True(m.State.ListClosed);
        m.Refused(new CloseList(), "invalid_state");

        m.Ok(new ReopenList(), Actor.Organizer);
        Assert.False(m.State.ListClosed);
        m.Refused(new ReopenList(), "invalid_state");

        m.Ok(new RegisterSpeaker("Nguyễn Văn An"), Actor.Organizer);
    }

    [Fact]
    public void ReAddLastSpeaker_PutsTheLastCitizenBackAtTheTop()
    {
        var m = TestMeeting.Started(queued: 3);
        m.Ok(new CallNext());
        m.Ok(new CallNext()); // s1's turn ends when s2 is called
        m.Ok(new EndTurn());
        Assert.Equal("s2", m.State.LastSpeakerId);

        m.Ok(new ReAddLastSpeaker(), Actor.Organizer);

        Assert.Equal(["s2", "s3"], m.State.Queue);
        Assert.Equal(SpeakerStatus.Queued, m.Speaker("s2").Status);
        Assert.Null(m.State.LastSpeakerId);
        m.Refused(new ReAddLastSpeaker(), "invalid_state");
    }

    [Fact]
    public void ReAddLastSpeaker_WhenNoCitizenHasFinishedSpeaking_IsRefused()
    {
        var m = TestMeeting.Started(queued: 1);
        m.Refused(new ReAddLastSpeaker(), "invalid_state");
        m.Ok(new CallNext());
        m.Refused(new ReAddLastSpeaker(), "invalid_state");
    }

    [Fact]
    public void ReAddLastSpeaker_WhenThatParticipantHasRegisteredAgain_IsRefused()
    {
        var m = TestMeeting.Started();
        var first = m.Request("p1");
        m.Ok(new ApproveSpeaker(first));
        m.Ok(new CallNext());
        m.Ok(new EndTurn());
        var second = m.Request("p1");

        m.Refused(new ReAddLastSpeaker(), "invalid_state");
        Assert.Single(m.State.Speakers, s => s.ParticipantId == "p1" && s.IsOpen);

        m.Ok(new WithdrawSpeaker(second), Actor.Participant("p1"));
        m.Ok(new ReAddLastSpeaker());
        Assert.Equal([first], m.State.Queue);
    }

    [Fact]
    public void ReAddLastSpeaker_IgnoresAnswersAndInterjections()
    {
        var m = TestMeeting.Started(queued: 1);
        m.Ok(new CallNext());
        m.Ok(new InviteAnswer("o1"));
        m.Ok(new Interject());
        m.Ok(new EndTurn());

        Assert.Equal("s1", m.State.LastSpeakerId);
        m.Ok(new ReAddLastSpeaker());
        Assert.Equal(["s1"], m.State.Queue);
    }
}
