namespace LiveSession.Domain.Queue;

/// <summary>In the hall or online.</summary>
public enum Channel { Hall, Online }

/// <summary>requested → queued → speaking → done, or withdrawn / rejected.</summary>
public enum SpeakerStatus { Requested, Queued, Speaking, Done, Withdrawn, Rejected }

/// <summary>
/// A registration to speak (đăng ký phát biểu) by a citizen or an organisation's delegate.
/// <see cref="Phone"/> is for the desk to call back; it is never shown to the public. <see cref="RecordingConsent"/> is an
/// online speaker's explicit choice about the recording of their voice (null: not asked yet, nothing is recorded).
/// </summary>
public sealed record Speaker(
    string Id,
    string Name,
    string? Locality,
    string? Organisation,
    string? Topic,
    string? Field,
    int RequestedMinutes,
    Channel Channel,
    SpeakerStatus Status,
    string? ParticipantId = null,
    int SpokenSeconds = 0,
    string? Phone = null,
    string? Origin = null,
    bool? RecordingConsent = null)
{
    public bool IsOpen => Status is SpeakerStatus.Requested or SpeakerStatus.Queued or SpeakerStatus.Speaking;
}
