namespace LiveSession.Domain.Tests;

/// <summary>A citizen who changed phone gets their online registration back at the desk.</summary>
public class ReclaimTests
{
    private const string OldPhone = "p00000000000000a1";
    private const string NewPhone = "p3f9ac2d10b7e55a1";
    private const string NewPhoneCode = "3F9A C2D1 0B7E 55A1";

    /// <summary>A started meeting where the old phone asked to speak (s1, with a phone number) and sent a question (q1).</summary>
    private static TestMeeting Registered()
    {
        var m = TestMeeting.Started();
        m.Ok(new RegisterSpeaker("Đỗ Thị Giang", "Thôn Trung", Topic: "Trợ cấp", Channel: Channel.Online, Phone: "0912 345 678"), Actor.Participant(OldPhone));
        m.Ok(new SubmitQuestion("Đỗ Thị Giang", "Thôn Trung", "Khi nào có trợ cấp?", null), Actor.Participant(OldPhone));
        return m;
    }

    [Fact]
    public void TheDesk_FindsTheRegistrationByPhone_AndBindsItToTheNewPhone_WhichTheOldOneLoses()
    {
        var m = Registered();
        Assert.Equal(["s1"], ParticipantCode.RegistrationsByPhone(m.State, "+84 912345678").Select(s => s.Id));
        Assert.Equal(NewPhoneCode, ParticipantCode.Of(NewPhone));

        var events = m.Ok(new ReclaimRegistration("s1", "3f9a-c2d1-0b7e-55a1"), Actor.Organizer);

        Assert.Equal(new RegistrationReclaimed("s1", OldPhone, NewPhone) { At = m.Now, By = new EventAuthor(Role.Organizer, 0) }, Assert.Single(events));
        Assert.Equal((NewPhone, SpeakerStatus.Requested), (m.Speaker("s1").ParticipantId, m.Speaker("s1").Status));
        Assert.Equal(NewPhone, m.State.FindQuestion("q1")!.ParticipantId);
        // Only the new phone acts on it now.
        m.Refused(new WithdrawSpeaker("s1"), "forbidden", Actor.Participant(OldPhone));
        m.Refused(new WithdrawQuestion("q1"), "forbidden", Actor.Participant(OldPhone));
        m.Ok(new WithdrawQuestion("q1"), Actor.Participant(NewPhone));
        m.Ok(new ApproveSpeaker("s1"), Actor.Organizer);
        m.Ok(new WithdrawSpeaker("s1"), Actor.Participant(NewPhone));
    }

    [Fact]
    public void ARequestTheNewPhoneMadeMeanwhile_IsWithdrawn_SoTheCitizenKeepsOne()
    {
        var m = Registered();
        m.Ok(new ApproveSpeaker("s1"), Actor.Organizer);
        var fresh = m.Request(NewPhone, "Đỗ Thị Giang");

        var events = m.Ok(new ReclaimRegistration("s1", NewPhoneCode), Actor.Chair);

        Assert.Equal([typeof(SpeakerWithdrawn), typeof(RegistrationReclaimed)], events.Select(e => e.GetType()));
        Assert.Equal(SpeakerStatus.Withdrawn, m.Speaker(fresh).Status);
        Assert.Equal(["s1"], m.State.Queue);
        Assert.Single(m.State.Speakers, s => s.ParticipantId == NewPhone && s.IsOpen);
    }

    [Fact]
    public void OnlyTheDeskAndTheChair_Reclaim_AnOpenOnlineRegistration_ForAWellFormedCode()
    {
        var m = Registered();
        Assert.True(new ReclaimRegistration("s1", NewPhoneCode).AllowedRoles.SetEquals([Role.Chair, Role.Organizer]));
        m.Refused(new ReclaimRegistration("s1", NewPhoneCode), "forbidden", Actor.Participant(NewPhone));
        m.Refused(new ReclaimRegistration("s1", NewPhoneCode), "forbidden", Actor.Secretary);

        var bad = m.Refused(new ReclaimRegistration("s1", "3F9A C2D1"), "invalid", Actor.Organizer);
        Assert.Equal("Mã thiết bị gồm 16 chữ số và chữ cái A–F, hiện ở mục \"Thông tin của bạn\" trên điện thoại mới.", bad.Message);
        m.Refused(new ReclaimRegistration("s1", "3F9A C2D1 0B7E 55AZ"), "invalid", Actor.Organizer);
        m.Refused(new ReclaimRegistration("s1", ParticipantCode.Of(OldPhone)), "invalid_state", Actor.Organizer);
        m.Refused(new ReclaimRegistration("s9", NewPhoneCode), "not_found", Actor.Organizer);

        m.Ok(new RegisterSpeaker("Nguyễn Văn An", Phone: "0912345678"), Actor.Organizer);   // s2, at the hall: no phone identity
        m.Refused(new ReclaimRegistration("s2", NewPhoneCode), "invalid_state", Actor.Organizer);
        m.Ok(new RejectSpeaker("s1"), Actor.Organizer);
        m.Refused(new ReclaimRegistration("s1", NewPhoneCode), "invalid_state", Actor.Organizer);
        Assert.Empty(ParticipantCode.RegistrationsByPhone(m.State, "0912345678"));
    }
}
