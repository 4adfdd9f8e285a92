namespace LiveSession.Domain.Tests;

/// <summary>
/// The public link is open to anyone: a flood of online requests and questions must never stop the desk, and
/// only live entries fill the room.
/// </summary>
public class PublicFloodTests
{
    [Fact]
    public void The_desk_still_registers_when_online_requests_have_filled_their_room()
    {
        var m = TestMeeting.Started();
        m.Ok(new SetPendingRequestLimit(QueueRules.MaxPendingRequestLimit), Actor.Chair);
        for (var i = 0; i < QueueRules.MaxOnlineRegistrations; i++)
        {
            var id = m.Request($"p{i}");
            if (QueueRules.PendingRequests(m.State) == QueueRules.MaxPendingRequestLimit) m.Ok(new ApproveSpeaker(id), Actor.Chair);
        }

        var full = m.Refused(new RegisterSpeaker("Người thứ 1001", "Thôn Trung"), "invalid_state", Actor.Participant("late"));
        Assert.Contains("trực tuyến", full.Message);
        m.Queue(3);
        Assert.Equal(3, m.State.Speakers.Count(s => s.ParticipantId is null));
    }

    [Fact]
    public void Withdrawn_and_rejected_registrations_do_not_fill_the_room()
    {
        var m = TestMeeting.Started().Queue(QueueRules.MaxRegistrations);
        m.Refused(new RegisterSpeaker("Người thêm", "Thôn Trung"), "invalid_state", Actor.Organizer);

        m.Ok(new WithdrawSpeaker("s1"), Actor.Organizer);
        m.Ok(new RejectSpeaker("s2"), Actor.Chair);

        m.Ok(new RegisterSpeaker("Người thêm", "Thôn Trung"), Actor.Organizer);
        m.Ok(new RegisterSpeaker("Người thêm nữa", "Thôn Trung"), Actor.Organizer);
        m.Refused(new RegisterSpeaker("Người thứ ba", "Thôn Trung"), "invalid_state", Actor.Organizer);
    }

    [Fact]
    public void One_network_holds_only_a_few_waiting_requests_while_others_still_ask()
    {
        var m = TestMeeting.Started();
        m.Origin = "net-a";
        var first = m.Request("a0");
        for (var i = 1; i < QueueRules.MaxPendingPerOrigin; i++) m.Request($"a{i}");

        var full = m.Refused(new RegisterSpeaker("Kẻ phá rối", "Thôn Trung"), "origin_requests_full", Actor.Participant("a-new"));
        Assert.Contains("Mạng bạn đang dùng", full.Message);
        m.Origin = "net-b";
        m.Request("b0");
        m.Origin = null;
        m.Queue(1);

        // Once the chair has dealt with one of them, that network may ask again.
        m.Ok(new ApproveSpeaker(first), Actor.Chair);
        m.Origin = "net-a";
        m.Request("a-new");
        Assert.Equal(QueueRules.MaxPendingPerOrigin, m.State.Speakers.Count(s => s.Origin == "net-a" && s.Status == SpeakerStatus.Requested));
    }

    [Fact]
    public void Online_requests_waiting_for_approval_are_capped_and_the_chair_can_raise_the_cap()
    {
        var m = TestMeeting.Started();
        Assert.Equal(QueueRules.DefaultPendingRequestLimit, m.State.PendingRequestLimit);
        for (var i = 0; i < QueueRules.DefaultPendingRequestLimit; i++) m.Request($"p{i}");

        var wait = m.Refused(new RegisterSpeaker("Đỗ Thị Giang", "Thôn Trung"), "requests_full", Actor.Participant("late"));
        Assert.Contains("chờ chủ tọa duyệt", wait.Message);
        m.Queue(1); // the desk is not held up by the online requests

        m.Refused(new SetPendingRequestLimit(QueueRules.DefaultPendingRequestLimit + 20), "forbidden", Actor.Participant("late"));
        m.Refused(new SetPendingRequestLimit(0), "invalid", Actor.Chair);
        m.Refused(new SetPendingRequestLimit(QueueRules.MaxPendingRequestLimit + 1), "invalid", Actor.Chair);
        m.Ok(new SetPendingRequestLimit(QueueRules.DefaultPendingRequestLimit + 20), Actor.Chair);
        m.Request("late");
        Assert.Equal(QueueRules.DefaultPendingRequestLimit + 1, QueueRules.PendingRequests(m.State));
    }

    [Fact]
    public void One_participant_cannot_cycle_requests_without_end()
    {
        var m = TestMeeting.Started();
        for (var i = 0; i < QueueRules.MaxRequestsPerParticipant; i++)
            m.Ok(new WithdrawSpeaker(m.Request("p1")), Actor.Participant("p1"));

        var error = m.Refused(new RegisterSpeaker("Đỗ Thị Giang", "Thôn Trung"), "too_many_requests", Actor.Participant("p1"));
        Assert.Contains("bàn thư ký", error.Message);
        m.Request("p2");
    }

    [Fact]
    public void Every_entry_ever_made_is_bounded_even_when_each_is_withdrawn()
    {
        var m = TestMeeting.Started();
        var participant = 0;
        while (m.State.Speakers.Count < QueueRules.MaxEntries)
        {
            var who = $"p{participant++}";
            for (var i = 0; i < QueueRules.MaxRequestsPerParticipant && m.State.Speakers.Count < QueueRules.MaxEntries; i++)
                m.Ok(new WithdrawSpeaker(m.Request(who)), Actor.Participant(who));
        }

        m.Refused(new RegisterSpeaker("Đỗ Thị Giang", "Thôn Trung"), "invalid_state", Actor.Participant("new"));
        m.Queue(1);
    }

    [Fact]
    public void A_participant_sends_at_most_a_bounded_number_of_questions_and_the_desk_keeps_its_own_room()
    {
        var m = TestMeeting.Started();
        var asker = Actor.Participant("p1");
        for (var i = 0; i < QuestionRules.MaxPerParticipant; i++)
        {
            m.Ok(new SubmitQuestion("Đỗ Thị Giang", null, $"Câu hỏi {i}", null), asker);
            m.Ok(new WithdrawQuestion(m.State.Questions[^1].Id), asker);
        }

        m.Refused(new SubmitQuestion("Đỗ Thị Giang", null, "Thêm một câu", null), "too_many_questions", asker);
        m.Ok(new SubmitQuestion("Người ở bàn", null, "Câu hỏi ghi tại bàn", null), Actor.Organizer);
    }
}
