using LiveSession.Domain.Meetings;

namespace LiveSession.Domain.Floor;

/// <summary>What becomes of a block of microphone audio spoken at one moment of the meeting.</summary>
/// <param name="TurnId">The turn that had the floor when it was spoken (its recording keeps it); null between turns.</param>
/// <param name="Transcribe">It is the meeting's speech: the worker transcribes it.</param>
/// <param name="PlayInHall">An online speaker's voice: the hall screen plays it through the loudspeakers.</param>
/// <param name="Record">The turn's recording keeps it: always for the hall microphone, for an online speaker only with their consent.</param>
public sealed record AudioRoute(string? TurnId, bool Transcribe, bool PlayInHall, bool Record = true);

/// <summary>
/// Whose microphone is heard. The hall microphone is always accepted, and its audio belongs to the turn
/// that had the floor when it was spoken. An online participant's is accepted only while they have the
/// floor (judged on the meeting as it is now, so a block that arrives after the chair ended the turn is
/// refused), and belongs to their turn. The meeting's speech is one stream: the online speaker's own
/// microphone during their turn (the hall microphone then only picks up the loudspeakers' copy of it),
/// the hall microphone otherwise.
/// </summary>
public static class MicrophoneRules
{
    public static DomainError NotYourTurn { get; } =
        new("not_your_turn", "Micro chỉ được bật khi chủ trì mời bạn phát biểu.");

    public static DomainError NotInProgress { get; } =
        new("meeting_not_in_progress", "Hội nghị chưa bắt đầu hoặc đã kết thúc; micro chưa được nhận.");

    public static (AudioRoute? Route, DomainError? Error) Route(MeetingState state, Actor actor, DateTimeOffset spokenAt)
    {
        if (actor.Role is not (Role.Microphone or Role.Participant)) return (null, DomainError.Forbidden(actor.Role));
        if (state.Status != MeetingStatus.InProgress) return (null, NotInProgress);
        if (actor.Role == Role.Microphone)
        {
            var spokenIn = state.TurnAt(spokenAt);
            return (new AudioRoute(spokenIn?.Id, Transcribe: state.OnlineParticipantOf(spokenIn) is null, PlayInHall: false), null);
        }
        var current = state.CurrentTurn;
        return state.OnlineParticipantOf(current) is { } speaker && speaker == actor.ParticipantId
            ? (new AudioRoute(current!.Id, Transcribe: true, PlayInHall: true, Record: state.FindSpeaker(current.SpeakerId!)?.RecordingConsent == true), null)
            : (null, NotYourTurn);
    }
}
