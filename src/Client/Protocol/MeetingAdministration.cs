using LiveSession.Domain.Meetings;

namespace LiveSession.Client.Protocol;

/// <summary>The secret links of a meeting, by role ("chair", "secretary"…), plus the transcriber's bare token.</summary>
public sealed record MeetingLinks(string MeetingId, IReadOnlyDictionary<string, string> Links, string? TranscriberToken);

/// <summary>A meeting created (with its links), or why not.</summary>
public sealed record MeetingCreation(MeetingLinks? Links, string? ErrorCode = null, string? ErrorMessage = null)
{
    public bool Ok => Links is not null;
}

/// <summary>Creating meetings and handing out their links: what the host offers the setup pages.</summary>
public interface IMeetingAdministration
{
    /// <summary>Creates a meeting from its plan when <paramref name="adminKey"/> is the host's admin key.</summary>
    Task<MeetingCreation> CreateAsync(CreateMeeting plan, string? adminKey, string baseUrl);

    /// <summary>The current links of the meeting a chair's or organizer's token belongs to; null for any other or stale token.</summary>
    Task<MeetingLinks?> LinksForAsync(string? token, string baseUrl);

    bool IsAdminKey(string? given);

    /// <summary>A secret token that opens one responsible unit's follow-up page.</summary>
    string UnitToken(string unit);

    /// <summary>The unit a token opens; null when it is not a valid unit token.</summary>
    string? UnitOf(string? token);
}
