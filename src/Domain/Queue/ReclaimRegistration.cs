using LiveSession.Domain.Meetings;

namespace LiveSession.Domain.Queue;

/// <summary>
/// A citizen who changed phone gets their online registration back at the desk: the desk finds it by the phone number
/// given when registering and binds it, with the written questions sent from the old phone, to the new phone's
/// identity, typed from the <see cref="ParticipantCode"/> the new phone shows. The old phone loses them; a request the new
/// phone made meanwhile is withdrawn, as one citizen keeps one registration.
/// </summary>
public sealed record ReclaimRegistration(string SpeakerId, string DeviceCode) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (QueueRules.Find(state, SpeakerId, out var speaker) is { } e1) return e1;
        if (speaker.ParticipantId is not { } from)
            return DomainError.State("Chỉ chuyển được đăng ký gửi từ điện thoại (trực tuyến).");
        if (speaker.Status is not (SpeakerStatus.Requested or SpeakerStatus.Queued)) return QueueRules.WrongStatus(speaker);
        if (ParticipantCode.ToParticipantId(DeviceCode) is not { } to)
            return DomainError.Invalid($"Mã thiết bị gồm {ParticipantCode.Length} chữ số và chữ cái A–F, hiện ở mục \"Thông tin của bạn\" trên điện thoại mới.");
        if (to == from) return DomainError.State("Đăng ký này đã ở trên điện thoại đó.");

        var events = new List<MeetingEvent>();
        foreach (var own in state.Speakers.Where(s => s.ParticipantId == to && s.IsOpen))
        {
            if (own.Status == SpeakerStatus.Speaking)
                return DomainError.State($"Điện thoại mới đang có lượt phát biểu ({own.Name}); hãy chuyển sau khi lượt đó kết thúc.");
            events.Add(new SpeakerWithdrawn(own.Id));
        }
        events.Add(new RegistrationReclaimed(speaker.Id, from, to));
        return Decision.Accept(events);
    }
}

public sealed record RegistrationReclaimed(string SpeakerId, string FromParticipantId, string ToParticipantId) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state.UpdateSpeaker(SpeakerId, s => s with { ParticipantId = ToParticipantId }) with
        {
            Questions = state.Questions.ConvertAll(q => q.ParticipantId == FromParticipantId ? q with { ParticipantId = ToParticipantId } : q),
        };
}

/// <summary>
/// How a phone's participant identity is shown to be typed at the desk: its 16 hex digits in groups of four
/// ("3F9A C2D1 0B7E 55A1"). Not a secret: a participant acts only with the signed token their phone keeps.
/// </summary>
public static class ParticipantCode
{
    public const int Length = 16;

    public static string Of(string participantId) =>
        string.Join(' ', participantId[1..].ToUpperInvariant().Chunk(4).Select(c => new string(c)));

    /// <summary>The participant id a typed code names (spaces, dashes and case ignored), or null when it is not one.</summary>
    public static string? ToParticipantId(string? code)
    {
        var hex = new string((code ?? "").Where(c => c is not (' ' or '-')).ToArray()).ToLowerInvariant();
        return hex.Length == Length && hex.All(char.IsAsciiHexDigitLower) ? "p" + hex : null;
    }

    /// <summary>
    /// Open online registrations whose phone number is the one given (compared by its last 9 digits, so that
    /// "0912 345 678" finds "+84 912 345 678").
    /// </summary>
    public static IEnumerable<Speaker> RegistrationsByPhone(MeetingState state, string? phone)
    {
        var wanted = LastDigits(phone);
        if (wanted.Length < 8) return [];
        return state.Speakers.Where(s => s is { ParticipantId: not null, Status: SpeakerStatus.Requested or SpeakerStatus.Queued }
                                         && LastDigits(s.Phone) == wanted);
    }

    private static string LastDigits(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        return digits.Length > 9 ? digits[^9..] : digits;
    }
}
