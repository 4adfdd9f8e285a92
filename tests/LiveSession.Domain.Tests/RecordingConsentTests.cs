namespace LiveSession.Domain.Tests;

/// <summary>An online speaker's voice is recorded only with their explicit consent; declining never takes the floor away.</summary>
public class RecordingConsentTests
{
    private const string Citizen = "p00000000000000a1";

    private static TestMeeting OnTheFloor()
    {
        var m = TestMeeting.Started();
        m.Ok(new RegisterSpeaker("Đỗ Thị Giang", "Thôn Trung", Channel: Channel.Online), Actor.Participant(Citizen));
        m.Ok(new ApproveSpeaker("s1"), Actor.Organizer);
        m.Ok(new CallSpeaker("s1"));
        return m;
    }

    private static AudioRoute Route(TestMeeting m) =>
        MicrophoneRules.Route(m.State, Actor.Participant(Citizen), m.Now).Route!;

    [Fact]
    public void Without_a_choice_or_after_declining_the_speaker_is_heard_and_transcribed_but_not_recorded()
    {
        var m = OnTheFloor();
        Assert.Equal((true, true, false), (Route(m).PlayInHall, Route(m).Transcribe, Route(m).Record));

        m.Ok(new SetRecordingConsent("s1", false), Actor.Participant(Citizen));
        Assert.False(m.Speaker("s1").RecordingConsent);
        Assert.Equal((true, true, false), (Route(m).PlayInHall, Route(m).Transcribe, Route(m).Record));

        m.Ok(new SetRecordingConsent("s1", true), Actor.Participant(Citizen));
        Assert.True(Route(m).Record);
        Assert.Equal(m.CurrentTurn.Id, Route(m).TurnId);
    }

    [Fact]
    public void Only_the_speaker_chooses_and_only_for_an_open_registration()
    {
        var m = OnTheFloor();
        m.Refused(new SetRecordingConsent("s1", true), "forbidden", Actor.Participant("p00000000000000b2"));
        m.Refused(new SetRecordingConsent("s1", true), "forbidden", Actor.Chair);
        m.Refused(new SetRecordingConsent("s1", true), "forbidden", Actor.Organizer);
        m.Refused(new SetRecordingConsent("s9", true), "not_found", Actor.Participant(Citizen));
        m.Ok(new SetRecordingConsent("s1", true), Actor.Participant(Citizen));
        m.Refused(new SetRecordingConsent("s1", true), "invalid_state", Actor.Participant(Citizen));
        m.Ok(new EndTurn());
        m.Refused(new SetRecordingConsent("s1", false), "invalid_state", Actor.Participant(Citizen));
    }

    [Fact]
    public void The_hall_microphone_is_always_recorded()
    {
        var m = TestMeeting.Started();
        m.Ok(new RegisterSpeaker("Nguyễn Văn An"), Actor.Organizer);
        m.Ok(new CallNext());
        Assert.True(MicrophoneRules.Route(m.State, new Actor(Role.Microphone), m.Now).Route!.Record);
    }
}
