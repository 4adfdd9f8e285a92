namespace LiveSession.Domain.Meetings;

/// <summary>Who is acting on a meeting. Each role reaches the system through its own link.</summary>
public enum Role
{
    /// <summary>Chủ trì: runs the agenda and the floor.</summary>
    Chair,
    /// <summary>Thư ký: keeps the minutes (biên bản).</summary>
    Secretary,
    /// <summary>Văn phòng / bộ phận tổng hợp: prepares the meeting and the registration desk.</summary>
    Organizer,
    /// <summary>Màn hình hội trường: watches only.</summary>
    Screen,
    /// <summary>Tham dự trực tuyến: joins by the public link.</summary>
    Participant,
    /// <summary>The speech-to-text worker.</summary>
    Transcriber,
    /// <summary>Micro hội trường: the PC wired to the hall mixer, sending the hall's audio.</summary>
    Microphone,
}

/// <summary>The one acting: a role, and for a participant the id the host gave them.</summary>
public sealed record Actor(Role Role, string? ParticipantId = null)
{
    public static Actor Chair { get; } = new(Role.Chair);
    public static Actor Organizer { get; } = new(Role.Organizer);
    public static Actor Secretary { get; } = new(Role.Secretary);
    public static Actor Screen { get; } = new(Role.Screen);
    public static Actor Transcriber { get; } = new(Role.Transcriber);
    public static Actor Participant(string participantId) => new(Role.Participant, participantId);
}

/// <summary>What a command is decided against besides the state: who asks and the server's clock.</summary>
/// <param name="Origin">
/// Where a public command came from (an opaque key of the sender's network address, null for staff): requests waiting
/// for approval are bounded per origin, so that one network cannot fill the list with identities it minted.
/// </param>
/// <param name="Generation">The generation of the link the actor acted with (kept in the audit of every event).</param>
/// <param name="Person">Who acts, when the host knows it from something other than the command (the office acting with the
/// chair's powers); never taken from a client.</param>
public sealed record CommandContext(Actor Actor, DateTimeOffset Now, string? Origin = null, int Generation = 0, string? Person = null);

/// <summary>
/// Who caused an event, as the audit keeps it: the role, the generation of the link it acted with, the participant's id,
/// and the person where the system knows one (the name a participant registered with, the name the secretary typed).
/// </summary>
public sealed record EventAuthor(Role Role, int Generation, string? ParticipantId = null, string? Person = null);
