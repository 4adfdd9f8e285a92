using LiveSession.Domain.Meetings;

namespace LiveSession.Client.Protocol;

/// <summary>The meeting hub's path, method and message names, shared by the host and every client.</summary>
public static class HubContract
{
    public const string Path = "/hubs/meeting";

    /// <summary>Client → server: join the meeting of one's link; returns a <see cref="JoinResult"/>.</summary>
    public const string Join = "Join";
    /// <summary>Client → server: run a command (JSON with a "type"); returns a <see cref="CommandResult"/>.</summary>
    public const string Execute = "Execute";
    /// <summary>Client → server: what happened after a version; returns a <see cref="CatchUpResult"/>.</summary>
    public const string CatchUp = "CatchUp";

    /// <summary>Client → server (hall screen, participant): a fresh <see cref="ViewSnapshot"/>.</summary>
    public const string RefreshView = "RefreshView";
    /// <summary>Client → server (transcriber only): a <see cref="CaptionLine"/> for the hall screen and participants.</summary>
    public const string PublishCaption = "PublishCaption";

    /// <summary>Client → server (microphone page; an online speaker while they have the floor): a stream of <see cref="AudioUpload"/>.</summary>
    public const string UploadAudio = "UploadAudio";
    /// <summary>Client → server (transcriber only): a stream of the meeting's <see cref="AudioPacket"/>s from a time on (Unix ms).</summary>
    public const string AudioFeed = "AudioFeed";
    /// <summary>Client → server (hall screen only): start receiving online speakers' audio to play in the hall.</summary>
    public const string ListenAudio = "ListenAudio";
    /// <summary>Client → server (transcriber only): a <see cref="TranscriberStatus"/> for the secretary.</summary>
    public const string PublishTranscriberStatus = "PublishTranscriberStatus";

    /// <summary>Server → client: versioned events, in order (chair, secretary, organizer, transcriber).</summary>
    public const string Changed = "Changed";
    /// <summary>Server → hall screen and participants: a <see cref="PublicViewDelta"/>.</summary>
    public const string ViewChanged = "ViewChanged";
    /// <summary>Server → one participant: their new <see cref="PersonalView"/>.</summary>
    public const string PersonalChanged = "PersonalChanged";
    /// <summary>Server → hall screen and participants: a <see cref="CaptionLine"/>.</summary>
    public const string Caption = "Caption";
    /// <summary>Server → listening hall screens: an online speaker's <see cref="AudioPacket"/>.</summary>
    public const string Audio = "Audio";
    /// <summary>
    /// Server → the microphone whose stream was refused (a <see cref="CommandResult"/>): complete the stream now;
    /// the hub answers <see cref="UploadAudio"/> once it has ended.
    /// </summary>
    public const string AudioStopped = "AudioStopped";
    /// <summary>Server → a connection whose link was rotated (or whose meeting is gone): why; the hub then closes it.</summary>
    public const string LinkRevoked = "LinkRevoked";
    /// <summary>Server → chair, secretary, organizer: the worker's <see cref="TranscriberStatus"/>.</summary>
    public const string TranscriberStatusChanged = "TranscriberStatusChanged";
    /// <summary>Server → every client of one host: its data store went away or came back (<see cref="StoreStatus"/>).</summary>
    public const string StoreStatusChanged = "StoreStatusChanged";

    /// <summary>Roles that get the whole state and every event; the others get views (<see cref="PublicView"/>).</summary>
    public static bool SeesWholeState(Role role) => role is Role.Chair or Role.Secretary or Role.Organizer or Role.Transcriber;
}

/// <summary>
/// The snapshot a client starts from, with who it is and the server's clock. Roles that see the whole
/// state get <see cref="State"/>; the hall screen and participants get <see cref="View"/> instead.
/// </summary>
/// <param name="JoinLink">For the hall screen: the short link participants open (also drawn as a QR code).</param>
/// <param name="Transcriber">For the roles that see the whole state: the worker's last status while it is fresh.</param>
public sealed record JoinResult(
    MeetingState? State,
    Role Role,
    string? ParticipantId,
    string? PersonalToken,
    DateTimeOffset ServerTime,
    ViewSnapshot? View = null,
    string? JoinLink = null,
    string? Notice = null,
    TranscriberStatus? Transcriber = null);

public sealed record CommandResult(bool Ok, long Version, string? ErrorCode = null, string? ErrorMessage = null)
{
    public static CommandResult Accepted(long version) => new(true, version);
    public static CommandResult Refused(DomainError error, long version) => new(false, version, error.Code, error.Message);
}

/// <summary>Whether the host can reach its data store; while it cannot, commands are refused and nothing changes.</summary>
/// <param name="Message">What to tell the user while the store is away; null once it is back.</param>
public sealed record StoreStatus(bool Available, string? Message)
{
    public static StoreStatus Up { get; } = new(true, null);
    public static StoreStatus Down { get; } =
        new(false, "Mất kết nối máy chủ dữ liệu. Thao tác tạm thời chưa được ghi nhận; hệ thống sẽ tự kết nối lại.");
}

/// <summary>Events after the asked version, or a fresh snapshot when that is shorter or the events are gone.</summary>
public sealed record CatchUpResult(IReadOnlyList<VersionedEvent> Events, MeetingState? Snapshot, DateTimeOffset ServerTime);
