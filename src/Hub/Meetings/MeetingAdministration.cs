using System.Security.Cryptography;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Access;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Access;
using LiveSession.Hub.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace LiveSession.Hub.Meetings;

/// <summary>Creates meetings (for the HTTP API and the setup page) and builds their role links.</summary>
public sealed partial class MeetingAdministration(
    MeetingService meetings, RoleLinkTokens tokens, LinkRules rules, UnitLinks unitLinks, OfficeKeys offices, Audit.AuditTrail audit,
    LiveSession.Records.MeetingRecords records, IOptions<LiveSessionOptions> options, ILogger<MeetingAdministration> logger)
    : IMeetingAdministration
{
    public Task<string?> UnitTokenAsync(string unit, string? adminKey) => IssueFollowUpLinkAsync(adminKey, unit);

    public Task<bool> RevokeUnitLinksAsync(string unit, string? adminKey) => RevokeFollowUpLinksAsync(adminKey, unit);

    public async Task<FollowUpLinkGrant?> UnitOfAsync(string? token) => await unitLinks.ReadAsync(token) is { IsOverseer: false } grant ? grant : null;

    public Task<string?> OverseerTokenAsync(string? adminKey) => IssueFollowUpLinkAsync(adminKey, unit: null);

    public Task<bool> RevokeOverseerLinksAsync(string? adminKey) => RevokeFollowUpLinksAsync(adminKey, unit: null);

    public async Task<FollowUpLinkGrant?> OverseerOfAsync(string? token) => await unitLinks.ReadAsync(token) is { IsOverseer: true } grant ? grant : null;

    /// <summary>A unit's link (or the MTTQ's, <paramref name="unit"/> null) of the office <paramref name="adminKey"/> opens.</summary>
    private async Task<string?> IssueFollowUpLinkAsync(string? adminKey, string? unit) =>
        OfficeOf(adminKey) is { } office && unit is not "" ? await unitLinks.IssueAsync(new FollowUpLinkGrant(office.Id, unit)) : null;

    private async Task<bool> RevokeFollowUpLinksAsync(string? adminKey, string? unit)
    {
        if (OfficeOf(adminKey) is not { } office || unit is "") return false;
        await unitLinks.RevokeAsync(new FollowUpLinkGrant(office.Id, unit));
        LogFollowUpLinksRevoked(office.Id, unit ?? "MTTQ");
        return true;
    }

    public TimeSpan UnitLinkLifetime => options.Value.UnitLinkLifetime;

    public async Task<IReadOnlyList<AuditEntry>?> AuditAsync(string? token) =>
        await OpenAsync(token, Operation.ReadAudit) is var (grant, _) ? await audit.ReadAsync(grant.MeetingId) : null;

    public async Task<IReadOnlyList<AuditEntry>?> AuditForOfficeAsync(string meetingId, string? adminKey)
    {
        if (OfficeOf(adminKey) is not { } office || !Permissions.Allows(Holder.Office, Operation.ReadAudit)) return null;
        // Redis may have let an archived meeting go: its events and refusals are in the records then.
        if (await meetings.CurrentAsync(meetingId) is { Exists: true } live)
            return office.Owns(live.Office) ? await audit.ReadAsync(meetingId) : null;
        if (!await records.BelongsToAsync(meetingId, office)) return null;
        return LiveSession.Paperwork.AuditLog.Of(await records.EventsAsync(meetingId), await records.RefusalsAsync(meetingId));
    }

    public bool IsAdminKey(string? given) => OfficeOf(given) is not null;

    public OfficeGrant? OfficeOf(string? adminKey) => offices.Of(adminKey);

    public Task<MeetingCreation> CreateAsync(CreateMeeting plan, string? adminKey, string baseUrl)
    {
        if (OfficeOf(adminKey) is not { } office)
        {
            LogCreationRefused();
            return Task.FromResult(new MeetingCreation(null, "forbidden", "Mã quản trị không đúng."));
        }
        return CreateTrustedAsync(plan, office, baseUrl);
    }

    /// <summary>Creates a meeting of <paramref name="office"/>, for a caller already known to hold its admin key.</summary>
    public async Task<MeetingCreation> CreateTrustedAsync(CreateMeeting plan, OfficeGrant office, string baseUrl)
    {
        var meetingId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        // The office is the key's, never the plan's: a plan naming another office would hand it the meeting.
        var result = await meetings.ExecuteAsync(new RoleGrant(meetingId, Role.Organizer, 0), plan with { Office = office.Id });
        if (!result.Ok) return new MeetingCreation(null, result.ErrorCode, result.ErrorMessage);
        LogCreated(meetingId);
        return new MeetingCreation(BuildLinks(meetingId, MeetingState.Empty(meetingId), baseUrl));
    }

    public async Task<MeetingLinks?> LinksForAsync(string? token, string baseUrl) =>
        await OpenAsync(token, Operation.ReadRoleLinks) is var (grant, state)
            ? BuildLinks(grant.MeetingId, state, baseUrl, Permissions.Of(grant.Role))
            : null;

    /// <summary>
    /// The meeting a page's token opens for <paramref name="operation"/>, as stored now; null when the token is forged, its
    /// role may not, or its link was rotated or has ended.
    /// </summary>
    private async Task<(RoleGrant Grant, MeetingState State)?> OpenAsync(string? token, Operation operation)
    {
        if (tokens.Read(token) is not { } grant || Permissions.Check(grant.Role, operation) is not null) return null;
        var state = await meetings.CurrentAsync(grant.MeetingId);
        return rules.Check(grant, state) is null ? (grant, state!) : null;
    }

    /// <summary>What the audit names as the author when the office acts on a meeting with its admin key.</summary>
    public const string OfficePerson = "Văn phòng HĐND-UBND (mã quản trị)";

    /// <summary>
    /// Rotates a role's link for the chair (its own grant) or the meeting's office (<paramref name="chair"/> null: with the chair's
    /// powers, named in the audit as the office) — the office's way back in when the chair's own link was lost or stolen.
    /// The domain decides, as for the chair's console; the answer is the links the caller may see, newly issued.
    /// </summary>
    public async Task<(MeetingLinks? Links, DomainError? Error)> RotateAsync(string meetingId, Role role, RoleGrant? chair, OfficeGrant? office, string baseUrl)
    {
        // Another office's meeting is not found, as if it did not exist.
        if (await meetings.CurrentAsync(meetingId) is not { } state || (chair is null && office?.Owns(state.Office) != true))
            return (null, DomainError.NotFound("hội nghị", meetingId));
        var caller = chair ?? new RoleGrant(meetingId, Role.Chair, state.LinkGeneration(Role.Chair));
        var result = await meetings.ExecuteAsync(caller, new RotateLink(role), actingPerson: chair is null ? OfficePerson : null);
        if (!result.Ok) return (null, new DomainError(result.ErrorCode ?? "invalid", result.ErrorMessage ?? ""));
        LogRotated(meetingId, role, chair is null ? "office" : "chair");
        var after = await meetings.CurrentAsync(meetingId);
        return (BuildLinks(meetingId, after!, baseUrl, chair is null ? Holder.Office : Holder.Chair), null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId}: the {Holder} rotated the {Role} link")]
    private partial void LogRotated(string meetingId, Role role, string holder);

    /// <summary>The links <paramref name="holder"/> may see (<see cref="Permissions.SharedBy"/>), each newly issued (a renewal).</summary>
    public MeetingLinks BuildLinks(string meetingId, MeetingState state, string baseUrl, Holder holder = Holder.Office)
    {
        var root = options.Value.PublicBaseUrl ?? baseUrl;
        var shared = Permissions.SharedBy(holder);
        string Token(Role role) => tokens.IssueCurrent(state, role);
        var links = RoleLinks.Pages.Keys.Where(shared.Contains)
            .ToDictionary(r => r.ToString().ToLowerInvariant(), r => RoleLinks.Link(root, r, Token(r))!);
        return new MeetingLinks(meetingId, links, shared.Contains(Role.Transcriber) ? Token(Role.Transcriber) : null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Office {Office}: revoked the follow-up links of {Holder}")]
    private partial void LogFollowUpLinksRevoked(string? office, string holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused meeting creation with a wrong admin key")]
    private partial void LogCreationRefused();

    [LoggerMessage(Level = LogLevel.Information, Message = "Created meeting {MeetingId}")]
    private partial void LogCreated(string meetingId);
}
