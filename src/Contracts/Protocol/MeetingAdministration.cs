using LiveSession.Domain.Access;
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

    /// <summary>The office an admin key opens (the installation's own or one of the further offices); null for a wrong key.</summary>
    OfficeGrant? OfficeOf(string? adminKey);

    /// <summary>For an office only (<paramref name="adminKey"/>): a secret token that opens one responsible unit's follow-up page of that office, or null.</summary>
    Task<string?> UnitTokenAsync(string unit, string? adminKey);

    /// <summary>For the office only: every link of the unit issued so far stops working; false when the key is wrong.</summary>
    Task<bool> RevokeUnitLinksAsync(string unit, string? adminKey);

    /// <summary>How long a unit link opens its page.</summary>
    TimeSpan UnitLinkLifetime { get; }

    /// <summary>For the office only: a read-only follow-up link token for the Ủy ban MTTQ, or null.</summary>
    Task<string?> OverseerTokenAsync(string? adminKey);

    /// <summary>For the office only: every MTTQ link issued so far stops working; false when the key is wrong.</summary>
    Task<bool> RevokeOverseerLinksAsync(string? adminKey);

    /// <summary>The office whose follow-up an MTTQ link opens; null when it is forged, expired, revoked or a unit's.</summary>
    Task<FollowUpLinkGrant?> OverseerOfAsync(string? token);

    /// <summary>The office and unit a unit's link opens; null when it is forged, expired, revoked or the MTTQ's.</summary>
    Task<FollowUpLinkGrant?> UnitOfAsync(string? token);

    /// <summary>Who did what in the meeting of a token allowed to read it (the chair's); null for any other token.</summary>
    Task<IReadOnlyList<AuditEntry>?> AuditAsync(string? token);

    /// <summary>For the office only (<paramref name="adminKey"/>): who did what in a meeting, live or archived; null when the key is wrong.</summary>
    Task<IReadOnlyList<AuditEntry>?> AuditForOfficeAsync(string meetingId, string? adminKey);
}
