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

    /// <summary>Server → client: versioned events, in order.</summary>
    public const string Changed = "Changed";
}

/// <summary>The snapshot a client starts from, with who it is and the server's clock.</summary>
public sealed record JoinResult(
    MeetingState State,
    Role Role,
    string? ParticipantId,
    string? PersonalToken,
    DateTimeOffset ServerTime);

public sealed record CommandResult(bool Ok, long Version, string? ErrorCode = null, string? ErrorMessage = null)
{
    public static CommandResult Accepted(long version) => new(true, version);
    public static CommandResult Refused(DomainError error, long version) => new(false, version, error.Code, error.Message);
}

/// <summary>Events after the asked version, or a fresh snapshot when that is shorter or the events are gone.</summary>
public sealed record CatchUpResult(IReadOnlyList<VersionedEvent> Events, MeetingState? Snapshot, DateTimeOffset ServerTime);
