using LiveSession.Domain.Meetings;
using LiveSession.Domain.Views;

namespace LiveSession.Client.Protocol;

/// <summary>The meeting hub's path, method and message names, shared by the host and every client.</summary>
public static class HubContract
{
    public const string Path = "/hubs/meeting";

    // Every method answers an IHubReply: a CommandResult, or a HubAnswer<T> with its data; a refusal is never thrown.

    /// <summary>Client → server: join the meeting of one's link; returns a <see cref="HubAnswer{T}"/> of <see cref="JoinResult"/>.</summary>
    public const string Join = "Join";
    /// <summary>Client → server: run a command (JSON with a "type"); returns a <see cref="CommandResult"/>.</summary>
    public const string Execute = "Execute";
    /// <summary>Client → server: what happened after a version; returns a <see cref="HubAnswer{T}"/> of <see cref="CatchUpResult"/>.</summary>
    public const string CatchUp = "CatchUp";

    /// <summary>Client → server (hall screen, participant): a fresh <see cref="ViewSnapshot"/> (in a <see cref="HubAnswer{T}"/>).</summary>
    public const string RefreshView = "RefreshView";
    /// <summary>Client → server (transcriber only): a <see cref="CaptionLine"/> for the hall screen and participants.</summary>
    public const string PublishCaption = "PublishCaption";

    /// <summary>Client → server (microphone page; an online speaker while they have the floor): a stream of <see cref="AudioUpload"/>.</summary>
    public const string UploadAudio = "UploadAudio";
    /// <summary>
    /// Client → server (transcriber only): a stream of the meeting's <see cref="AudioPacket"/>s from a time on (Unix ms);
    /// a refused one completes with a <see cref="StreamRefusal"/>.
    /// </summary>
    public const string AudioFeed = "AudioFeed";
    /// <summary>Client → server (hall screen only): start receiving online speakers' audio to play in the hall; returns a <see cref="CommandResult"/>.</summary>
    public const string ListenAudio = "ListenAudio";
    /// <summary>
    /// Client → server (participant): start receiving the hall audio (<see cref="HallAudio"/>); returns a <see cref="CommandResult"/>.
    /// Groups do not survive a reconnect: a listener asks again on its new connection.
    /// </summary>
    public const string ListenHall = "ListenHall";
    /// <summary>Client → server (participant): stop receiving the hall audio; returns a <see cref="CommandResult"/>.</summary>
    public const string StopListeningHall = "StopListeningHall";
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
    /// <summary>Server → listening participants: a <see cref="HallAudioPacket"/> of the meeting's speech, the same bytes for all.</summary>
    public const string HallAudio = "HallAudio";
    /// <summary>Server → chair, secretary, organizer: how many listen to the hall audio (<see cref="HallListenerCount"/>).</summary>
    public const string HallListenersChanged = "HallListenersChanged";
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

/// <summary>
/// What every hub method answers (but a stream): done, or the project's refusal — a stable <see cref="ErrorCode"/> (a
/// <see cref="DomainError.Code"/>) and its Vietnamese <see cref="ErrorMessage"/>, on the wire as <c>ok</c>, <c>errorCode</c>
/// and <c>errorMessage</c>. Clients decide by the code and show the message; no hub method throws a refusal. A server
/// stream (<see cref="HubContract.AudioFeed"/>) has no answer to carry one: see <see cref="StreamRefusal"/>.
/// </summary>
public interface IHubReply
{
    bool Ok { get; }
    string? ErrorCode { get; }
    string? ErrorMessage { get; }
}

/// <summary>A reply type the hub (and its access gate) can build a refusal of.</summary>
public interface IHubReply<TSelf> : IHubReply where TSelf : IHubReply<TSelf>
{
    static abstract TSelf Refused(DomainError refusal);
}

public sealed record CommandResult(bool Ok, long Version, string? ErrorCode = null, string? ErrorMessage = null) : IHubReply<CommandResult>
{
    public static CommandResult Accepted(long version) => new(true, version);
    public static CommandResult Refused(DomainError error, long version) => new(false, version, error.Code, error.Message);
    static CommandResult IHubReply<CommandResult>.Refused(DomainError refusal) => Refused(refusal, -1);
}

/// <summary>
/// The answer of a hub method that hands back data (<see cref="JoinResult"/>, <see cref="ViewSnapshot"/>,
/// <see cref="CatchUpResult"/>): <c>{ ok: true, value }</c>, or the refusal as a <see cref="CommandResult"/> carries it.
/// </summary>
public sealed record HubAnswer<T>(bool Ok, T? Value, string? ErrorCode = null, string? ErrorMessage = null) : IHubReply<HubAnswer<T>>
    where T : class
{
    static HubAnswer<T> IHubReply<HubAnswer<T>>.Refused(DomainError refusal) => HubAnswer.Refused<T>(refusal);

    /// <summary>The value, or the refusal thrown as a <see cref="HubRefusedException"/> (for .NET clients).</summary>
    public T Take() => Ok && Value is not null ? Value : throw new HubRefusedException(ErrorCode ?? "refused", ErrorMessage ?? "");
}

public static class HubAnswer
{
    public static HubAnswer<T> Of<T>(T value) where T : class => new(true, value);
    public static HubAnswer<T> Refused<T>(DomainError error) where T : class => new(false, null, error.Code, error.Message);
}

/// <summary>A hub refusal in a .NET client: its <see cref="Code"/> to decide by, its Vietnamese message to show.</summary>
public sealed class HubRefusedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
    public DomainError Error => new(Code, Message);
}

/// <summary>
/// The one way a server stream is refused: it completes with an error whose text is <see cref="Marker"/> followed by the
/// refusal as JSON (<c>{"errorCode":…,"errorMessage":…}</c>). SignalR puts its own words before the text it is given,
/// so a client finds the marker and reads the JSON after it (<see cref="Read"/>), never the words.
/// </summary>
public static class StreamRefusal
{
    public const string Marker = "refused:";

    /// <summary>The text a refused stream completes with (the host throws it as a hub error).</summary>
    public static string Text(DomainError error) =>
        Marker + System.Text.Json.JsonSerializer.Serialize(new Wire(error.Code, error.Message), WireOptions);

    /// <summary>The refusal a stream's error carries, or null when the error is not one (a lost connection…).</summary>
    public static HubRefusedException? Read(Exception error)
    {
        var at = error.Message.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0) return null;
        try
        {
            var wire = System.Text.Json.JsonSerializer.Deserialize<Wire>(error.Message.AsSpan(at + Marker.Length), WireOptions);
            return wire is { ErrorCode.Length: > 0 } ? new HubRefusedException(wire.ErrorCode, wire.ErrorMessage ?? "") : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static readonly System.Text.Json.JsonSerializerOptions WireOptions = new(System.Text.Json.JsonSerializerDefaults.Web);
    private sealed record Wire(string ErrorCode, string? ErrorMessage);
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
