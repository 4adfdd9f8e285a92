using System.Security.Cryptography;
using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Access;
using LiveSession.Hub.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace LiveSession.Hub.Meetings;

/// <summary>Creates meetings (for the HTTP API and the setup page) and builds their role links.</summary>
public sealed class MeetingAdministration(
    MeetingService meetings, RoleLinkTokens tokens, UnitLinks unitLinks, IOptions<LiveSessionOptions> options,
    ILogger<MeetingAdministration> logger)
    : IMeetingAdministration
{
    public async Task<string?> UnitTokenAsync(string unit, string? adminKey) =>
        IsAdminKey(adminKey) ? await unitLinks.IssueAsync(unit) : null;

    public async Task<bool> RevokeUnitLinksAsync(string unit, string? adminKey)
    {
        if (!IsAdminKey(adminKey)) return false;
        await unitLinks.RevokeAsync(unit);
        logger.LogInformation("Revoked the follow-up links of unit {Unit}", unit);
        return true;
    }

    public Task<string?> UnitOfAsync(string? token) => unitLinks.UnitOfAsync(token);

    public TimeSpan UnitLinkLifetime => options.Value.UnitLinkLifetime;

    private static readonly Role[] Managers = [Role.Chair, Role.Organizer];

    public bool IsAdminKey(string? given) => ConfiguredKey.Matches(options.Value.AdminKey, given);

    public Task<MeetingCreation> CreateAsync(CreateMeeting plan, string? adminKey, string baseUrl)
    {
        if (!IsAdminKey(adminKey))
        {
            logger.LogWarning("Refused meeting creation with a wrong admin key");
            return Task.FromResult(new MeetingCreation(null, "forbidden", "Mã quản trị không đúng."));
        }
        return CreateTrustedAsync(plan, baseUrl);
    }

    /// <summary>Creates a meeting for a caller already known to be an administrator.</summary>
    public async Task<MeetingCreation> CreateTrustedAsync(CreateMeeting plan, string baseUrl)
    {
        var meetingId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var result = await meetings.ExecuteAsync(new RoleGrant(meetingId, Role.Organizer, 0), plan);
        if (!result.Ok) return new MeetingCreation(null, result.ErrorCode, result.ErrorMessage);
        logger.LogInformation("Created meeting {MeetingId}", meetingId);
        return new MeetingCreation(BuildLinks(meetingId, MeetingState.Empty(meetingId), baseUrl));
    }

    public async Task<MeetingLinks?> LinksForAsync(string? token, string baseUrl)
    {
        if (tokens.Read(token) is not { } grant || !Managers.Contains(grant.Role)) return null;
        if (await meetings.LoadFreshAsync(grant.MeetingId) is not { } state || LinkGate.Check(grant, state) is not null) return null;
        return BuildLinks(grant.MeetingId, state, baseUrl, grant.Role);
    }

    /// <summary>The links <paramref name="holder"/> may see (<see cref="RoleLinks.SharedBy"/>; null: the office, all of them).</summary>
    public MeetingLinks BuildLinks(string meetingId, MeetingState state, string baseUrl, Role? holder = null)
    {
        var root = options.Value.PublicBaseUrl ?? baseUrl;
        var shared = RoleLinks.SharedBy(holder);
        string Token(Role role) => tokens.IssueCurrent(state, role);
        var links = RoleLinks.Pages.Keys.Where(shared.Contains)
            .ToDictionary(r => r.ToString().ToLowerInvariant(), r => RoleLinks.Link(root, r, Token(r))!);
        return new MeetingLinks(meetingId, links, shared.Contains(Role.Transcriber) ? Token(Role.Transcriber) : null);
    }
}
