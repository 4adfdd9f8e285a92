using LiveSession.Domain.Meetings;

namespace LiveSession.Domain.Queue;

/// <summary>
/// An online speaker's choice, made before their microphone turns on, whether their voice may be recorded. Only an
/// explicit yes keeps the turn's audio; a speaker who declines still speaks (heard in the hall and transcribed), and
/// the chair sees that they declined.
/// </summary>
public sealed record SetRecordingConsent(string SpeakerId, bool Consent) : MeetingCommand
{
    public static IReadOnlySet<Role> Speakers { get; } = new HashSet<Role> { Role.Participant };

    public override IReadOnlySet<Role> AllowedRoles => Speakers;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (QueueRules.Find(state, SpeakerId, out var speaker) is { } error) return error;
        if (speaker.ParticipantId != context.Actor.ParticipantId)
            return new DomainError("forbidden", "Bạn chỉ có thể chọn cho lượt phát biểu của chính mình.");
        if (!speaker.IsOpen) return QueueRules.WrongStatus(speaker);
        return speaker.RecordingConsent == Consent
            ? DomainError.State(Consent ? "Bạn đã đồng ý ghi âm rồi." : "Bạn đã chọn không ghi âm rồi.")
            : new RecordingConsentSet(SpeakerId, Consent);
    }
}

public sealed record RecordingConsentSet(string SpeakerId, bool Consent) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state.UpdateSpeaker(SpeakerId, s => s with { RecordingConsent = Consent });
}
