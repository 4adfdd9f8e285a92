using LiveSession.Domain.Floor;

namespace LiveSession.Domain.Tests;

public sealed class MicrophoneTests
{
    private static TestMeeting OnlineSpeakerCalled(out string turnId)
    {
        var m = TestMeeting.Started(queued: 1);
        var request = m.Request("p1");
        m.Ok(new ApproveSpeaker(request));
        m.Ok(new CallSpeaker(request));
        turnId = m.State.CurrentTurn!.Id;
        return m;
    }

    [Fact]
    public void The_hall_microphone_is_the_meeting_speech_while_a_hall_speaker_has_the_floor()
    {
        var m = TestMeeting.Started(queued: 1);
        m.Ok(new CallNext());
        var (route, error) = MicrophoneRules.Route(m.State, new Actor(Role.Microphone), m.Now);
        Assert.Null(error);
        Assert.Equal(new AudioRoute(m.State.CurrentTurn!.Id, Transcribe: true, PlayInHall: false), route);
    }

    [Fact]
    public void Between_turns_the_hall_microphone_is_transcribed_and_kept_on_the_chairs_own_turn()
    {
        var m = TestMeeting.Started();
        Assert.Equal(new AudioRoute("c1", true, false), MicrophoneRules.Route(m.State, new Actor(Role.Microphone), m.Now).Route);
    }

    [Fact]
    public void An_online_speaker_is_heard_in_the_hall_and_transcribed_from_their_own_microphone_only_during_their_turn()
    {
        var m = OnlineSpeakerCalled(out var turnId);
        // Heard and transcribed; kept as a recording only once the speaker agreed to it.
        Assert.Equal(new AudioRoute(turnId, Transcribe: true, PlayInHall: true, Record: false),
            MicrophoneRules.Route(m.State, Actor.Participant("p1"), m.Now).Route);
        // The hall microphone hears only the loudspeakers' copy: kept with the turn, not transcribed twice.
        Assert.Equal(new AudioRoute(turnId, Transcribe: false, PlayInHall: false),
            MicrophoneRules.Route(m.State, new Actor(Role.Microphone), m.Now).Route);
        // Another participant is not given the floor by someone else's turn.
        Assert.Equal(MicrophoneRules.NotYourTurn, MicrophoneRules.Route(m.State, Actor.Participant("p2"), m.Now).Error);
    }

    [Fact]
    public void An_online_speaker_s_audio_is_refused_before_they_are_called_and_once_their_turn_ended()
    {
        var m = TestMeeting.Started();
        var request = m.Request("p1");
        m.Ok(new ApproveSpeaker(request));
        var p1 = Actor.Participant("p1");
        Assert.Equal(MicrophoneRules.NotYourTurn, MicrophoneRules.Route(m.State, p1, m.Now).Error);
        m.Ok(new CallSpeaker(request));
        var turn = m.State.CurrentTurn!.Id;
        // A block spoken a moment before the call but arriving after it is theirs: judged by the floor now.
        Assert.Equal(new AudioRoute(turn, true, true, Record: false), MicrophoneRules.Route(m.State, p1, m.Now.AddSeconds(-0.1)).Route);
        m.Advance(60);
        m.Ok(new EndTurn());
        Assert.Equal(MicrophoneRules.NotYourTurn, MicrophoneRules.Route(m.State, p1, m.Now.AddSeconds(-1)).Error);
    }

    [Fact]
    public void The_hall_microphone_s_audio_belongs_to_the_turn_of_the_time_it_was_spoken()
    {
        var m = TestMeeting.Started(queued: 2);
        m.Ok(new CallNext());
        var first = m.State.CurrentTurn!.Id;
        var beforeSwitch = m.Now;
        m.Advance(30);
        m.Ok(new CallNext());
        var hall = new Actor(Role.Microphone);
        Assert.Equal(first, MicrophoneRules.Route(m.State, hall, beforeSwitch.AddSeconds(10)).Route!.TurnId);
        Assert.Equal(m.State.CurrentTurn!.Id, MicrophoneRules.Route(m.State, hall, m.Now).Route!.TurnId);
    }

    [Theory]
    [InlineData(Role.Chair)]
    [InlineData(Role.Secretary)]
    [InlineData(Role.Organizer)]
    [InlineData(Role.Screen)]
    [InlineData(Role.Transcriber)]
    public void Other_roles_send_no_audio(Role role)
    {
        var m = TestMeeting.Started();
        Assert.Equal("forbidden", MicrophoneRules.Route(m.State, new Actor(role), m.Now).Error!.Code);
    }

    [Fact]
    public void No_audio_is_taken_before_the_meeting_starts_or_after_it_closes()
    {
        var created = TestMeeting.Created();
        Assert.Equal(MicrophoneRules.NotInProgress, MicrophoneRules.Route(created.State, new Actor(Role.Microphone), created.Now).Error);
        var m = TestMeeting.Started();
        m.Ok(new CloseMeeting());
        Assert.Equal(MicrophoneRules.NotInProgress, MicrophoneRules.Route(m.State, new Actor(Role.Microphone), m.Now).Error);
    }
}
