using LiveSession.Domain.Meetings;

namespace LiveSession.Domain.Queue;

/// <summary>
/// Registers someone to speak. The desk and the chair queue a hall speaker at once; an online
/// participant's request waits for approval and is always their own.
/// </summary>
public sealed record RegisterSpeaker(
    string Name,
    string? Locality = null,
    string? Organisation = null,
    string? Topic = null,
    string? Field = null,
    int RequestedMinutes = QueueRules.DefaultMinutes,
    Channel Channel = Channel.Hall,
    string? Phone = null) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.Registrars;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (SpeakerDetails.Check(Name, Locality, Organisation, Topic, Field, RequestedMinutes, out var details) is { } error)
            return error;
        if (Text.Phone(Phone, out var phone) is { } badPhone) return badPhone;
        if (!Enum.IsDefined(Channel)) return DomainError.Invalid("Kênh phát biểu không hợp lệ.");
        var participant = context.Actor.Role == Role.Participant;
        if (participant && RequestedMinutes > QueueRules.MaxMinutesAskedOnline)
            return DomainError.Invalid($"Trực tuyến chỉ đăng ký được tối đa {QueueRules.MaxMinutesAskedOnline} phút; chủ tọa có thể cho thêm khi bạn phát biểu.");
        if (participant && state.Speakers.Any(s => s.ParticipantId == context.Actor.ParticipantId && s.IsOpen))
            return new DomainError("already_registered", "Bạn đã đăng ký phát biểu rồi; hãy chờ đến lượt hoặc rút đăng ký trước.");
        if ((participant ? QueueRules.CheckRoomForRequest(state, context.Actor.ParticipantId!, context.Origin) : QueueRules.CheckRoomFor(state, 1)) is { } full)
            return full;

        return new SpeakerRegistered(details.ToSpeaker(
            $"s{state.Speakers.Count + 1}",
            participant ? Channel.Online : Channel,
            participant ? SpeakerStatus.Requested : SpeakerStatus.Queued,
            participant ? context.Actor.ParticipantId : null) with { Phone = phone, Origin = participant ? context.Origin : null });
    }
}

public sealed record SpeakerRegistered(Speaker Speaker) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state with
    {
        Speakers = state.Speakers.Add(Speaker),
        Queue = Speaker.Status == SpeakerStatus.Queued ? state.Queue.Add(Speaker.Id) : state.Queue,
    };
}

/// <summary>Approves an online request to speak: it joins the end of the queue.</summary>
public sealed record ApproveSpeaker(string SpeakerId) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (QueueRules.Find(state, SpeakerId, out var speaker) is { } error) return error;
        return speaker.Status == SpeakerStatus.Requested
            ? new SpeakerApproved(SpeakerId)
            : QueueRules.WrongStatus(speaker);
    }
}

public sealed record SpeakerApproved(string SpeakerId) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state.UpdateSpeaker(SpeakerId, s => s with { Status = SpeakerStatus.Queued }) with { Queue = state.Queue.Add(SpeakerId) };
}

/// <summary>The chair or desk turns a request or a queued registration down.</summary>
public sealed record RejectSpeaker(string SpeakerId) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (QueueRules.Find(state, SpeakerId, out var speaker) is { } error) return error;
        return speaker.Status is SpeakerStatus.Requested or SpeakerStatus.Queued
            ? new SpeakerRejected(SpeakerId)
            : QueueRules.WrongStatus(speaker);
    }
}

public sealed record SpeakerRejected(string SpeakerId) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state.UpdateSpeaker(SpeakerId, s => s with { Status = SpeakerStatus.Rejected }) with { Queue = state.Queue.Remove(SpeakerId) };
}

/// <summary>Withdraws a registration; a participant may withdraw only their own.</summary>
public sealed record WithdrawSpeaker(string SpeakerId) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.Registrars;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (QueueRules.Find(state, SpeakerId, out var speaker) is { } error) return error;
        if (context.Actor.Role == Role.Participant && speaker.ParticipantId != context.Actor.ParticipantId)
            return new DomainError("forbidden", "Bạn chỉ có thể rút đăng ký của chính mình.");
        return speaker.Status is SpeakerStatus.Requested or SpeakerStatus.Queued
            ? new SpeakerWithdrawn(SpeakerId)
            : QueueRules.WrongStatus(speaker);
    }
}

public sealed record SpeakerWithdrawn(string SpeakerId) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state.UpdateSpeaker(SpeakerId, s => s with { Status = SpeakerStatus.Withdrawn }) with { Queue = state.Queue.Remove(SpeakerId) };
}

/// <summary>Moves a queued speaker to a position in the queue (0 = next to speak).</summary>
public sealed record MoveSpeaker(string SpeakerId, int Position) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (QueueRules.FindQueued(state, SpeakerId) is { } e1) return e1;
        if (Text.Range(Position, 0, state.Queue.Count - 1, "Vị trí trong danh sách") is { } e2) return e2;
        return state.Queue.IndexOf(SpeakerId) == Position
            ? DomainError.State("Người này đã ở vị trí đó.")
            : new SpeakerMoved(SpeakerId, Position);
    }
}

/// <summary>Moves a queued speaker to the top of the queue.</summary>
public sealed record MoveSpeakerToTop(string SpeakerId) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context) =>
        new MoveSpeaker(SpeakerId, 0).Decide(state, context);
}

public sealed record SpeakerMoved(string SpeakerId, int Position) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state with { Queue = state.Queue.Remove(SpeakerId).Insert(Position, SpeakerId) };
}

/// <summary>Closes the list of speakers: no new registrations; the queue still runs.</summary>
public sealed record CloseList : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context) =>
        state.ListClosed ? DomainError.State("Danh sách đã đóng.") : new ListClosed();
}

public sealed record ListClosed : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state with { ListClosed = true };
}

public sealed record ReopenList : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context) =>
        state.ListClosed ? new ListReopened() : DomainError.State("Danh sách đang mở.");
}

public sealed record ListReopened : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state with { ListClosed = false };
}

/// <summary>Puts the last citizen who spoke back at the top of the queue (e.g. cut short).</summary>
public sealed record ReAddLastSpeaker : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context)
    {
        if (state.LastSpeakerId is not { } id || state.FindSpeaker(id) is not { Status: SpeakerStatus.Done } last)
            return DomainError.State("Không có người phát biểu trước để thêm lại.");
        // One open registration per participant: they may have registered again since.
        if (last.ParticipantId is { } participant && state.Speakers.Any(s => s.ParticipantId == participant && s.IsOpen))
            return DomainError.State("Người này đã đăng ký phát biểu lại.");
        return new SpeakerRequeued(id);
    }
}

public sealed record SpeakerRequeued(string SpeakerId) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) =>
        state.UpdateSpeaker(SpeakerId, s => s with { Status = SpeakerStatus.Queued }) with
        {
            Queue = state.Queue.Insert(0, SpeakerId),
            LastSpeakerId = null,
        };
}

/// <summary>
/// Sets how many online requests to speak may wait for approval at once: past it, participants are asked to wait.
/// </summary>
public sealed record SetPendingRequestLimit(int Limit) : MeetingCommand
{
    public override IReadOnlySet<Role> AllowedRoles => Allowed.ChairAndOrganizer;

    internal override Decision Decide(MeetingState state, CommandContext context) =>
        Limit is < 1 or > QueueRules.MaxPendingRequestLimit
            ? DomainError.Invalid($"Giới hạn yêu cầu chờ duyệt phải từ 1 đến {QueueRules.MaxPendingRequestLimit}.")
            : Limit == state.PendingRequestLimit ? DomainError.State($"Giới hạn đang là {Limit}.")
            : new PendingRequestLimitSet(Limit);
}

public sealed record PendingRequestLimitSet(int Limit) : MeetingEvent
{
    internal override MeetingState Apply(MeetingState state) => state with { PendingRequestLimit = Limit };
}

/// <summary>
/// The room in the list of speakers. The desk's and the chair's registrations and the public's online requests
/// each have their own room, so a flood of requests never stops the desk; only live entries count (withdrawn and
/// rejected ones do not), and a bound on every entry ever made keeps the meeting's state small.
/// </summary>
public static class QueueRules
{
    public const int DefaultMinutes = 3;
    public const int MaxMinutes = 30;
    /// <summary>The longest an online participant may ask for; the desk and the chair may give up to <see cref="MaxMinutes"/>.</summary>
    public const int MaxMinutesAskedOnline = 5;
    /// <summary>Live registrations made by the desk and the chair.</summary>
    public const int MaxRegistrations = 1000;
    /// <summary>Live online requests (waiting, queued or speaking).</summary>
    public const int MaxOnlineRegistrations = 1000;
    /// <summary>Entries of each kind ever made, withdrawn and rejected included.</summary>
    public const int MaxEntries = 3000;
    /// <summary>Requests one participant may make over the meeting (each withdrawal and new request counts).</summary>
    public const int MaxRequestsPerParticipant = 10;
    public const int DefaultPendingRequestLimit = 50;
    /// <summary>Requests waiting for approval from one origin (one network address, a /64 for IPv6).</summary>
    public const int MaxPendingPerOrigin = 3;
    public const int MaxPendingRequestLimit = 500;

    /// <summary>Refuses new hall registrations when the list is closed or the desk's room is full.</summary>
    internal static DomainError? CheckRoomFor(MeetingState state, int count) =>
        CheckList(state) ?? CheckRoom(state.Speakers.Where(s => s.ParticipantId is null).ToList(), count, MaxRegistrations,
            $"Đã đạt giới hạn {MaxRegistrations} lượt đăng ký.");

    /// <summary>Refuses a participant's online request when the list is closed, too many wait, or the online room is full.</summary>
    internal static DomainError? CheckRoomForRequest(MeetingState state, string participantId, string? origin = null)
    {
        if (CheckList(state) is { } closed) return closed;
        var online = state.Speakers.Where(s => s.ParticipantId is not null).ToList();
        if (online.Count(s => s.ParticipantId == participantId) >= MaxRequestsPerParticipant)
            return new DomainError("too_many_requests", $"Bạn đã gửi {MaxRequestsPerParticipant} yêu cầu phát biểu; hãy liên hệ bàn thư ký nếu cần đăng ký thêm.");
        if (origin is not null && online.Count(s => s.Status == SpeakerStatus.Requested && s.Origin == origin) >= MaxPendingPerOrigin)
            return new DomainError("origin_requests_full",
                $"Mạng bạn đang dùng đã có {MaxPendingPerOrigin} yêu cầu phát biểu chờ duyệt. Vui lòng chờ chủ tọa duyệt rồi gửi lại, hoặc đăng ký tại bàn thư ký.");
        if (online.Count(s => s.Status == SpeakerStatus.Requested) >= state.PendingRequestLimit)
            return new DomainError("requests_full", "Đang có nhiều yêu cầu phát biểu chờ chủ tọa duyệt. Vui lòng chờ ít phút rồi gửi lại.");
        return CheckRoom(online, 1, MaxOnlineRegistrations, $"Đã đạt giới hạn {MaxOnlineRegistrations} yêu cầu phát biểu trực tuyến.");
    }

    /// <summary>Online requests waiting for the chair's approval.</summary>
    public static int PendingRequests(MeetingState state) => state.Speakers.Count(s => s.Status == SpeakerStatus.Requested);

    private static DomainError? CheckList(MeetingState state) =>
        state.ListClosed ? new DomainError("list_closed", "Danh sách đăng ký phát biểu đã đóng.") : null;

    private static DomainError? CheckRoom(IReadOnlyCollection<Speaker> entries, int count, int maxLive, string full) =>
        entries.Count(s => s.Status is not (SpeakerStatus.Withdrawn or SpeakerStatus.Rejected)) + count > maxLive
        || entries.Count + count > MaxEntries
            ? DomainError.State(full)
            : null;

    internal static DomainError? Find(MeetingState state, string? id, out Speaker speaker)
    {
        speaker = state.FindSpeaker(id ?? "")!;
        return speaker is null ? DomainError.NotFound("người đăng ký", id ?? "") : null;
    }

    internal static DomainError? FindQueued(MeetingState state, string? id)
    {
        if (Find(state, id, out var speaker) is { } error) return error;
        return speaker.Status == SpeakerStatus.Queued ? null : WrongStatus(speaker);
    }

    internal static DomainError WrongStatus(Speaker speaker) =>
        new("invalid_state", $"{speaker.Name} đang ở trạng thái \"{StatusName(speaker.Status)}\", không thể thực hiện.");

    public static string StatusName(SpeakerStatus status) => status switch
    {
        SpeakerStatus.Requested => "chờ duyệt",
        SpeakerStatus.Queued => "trong danh sách",
        SpeakerStatus.Speaking => "đang phát biểu",
        SpeakerStatus.Done => "đã phát biểu",
        SpeakerStatus.Withdrawn => "đã rút",
        SpeakerStatus.Rejected => "bị từ chối",
        _ => status.ToString(),
    };
}
