using System.Security.Claims;
using System.Text.Encodings.Web;
using LiveSession.Domain.Meetings;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LiveSession.Hub.Access;

/// <summary>
/// Authenticates a request by its role-link token: "access_token" (SignalR), "t" (page links) or
/// "Authorization: Bearer". The claims name the meeting, the role, the link generation and the participant.
/// </summary>
public sealed class RoleLinkAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, RoleLinkTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "RoleLink";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = Request.Query["access_token"].FirstOrDefault() ?? Request.Query["t"].FirstOrDefault()
            ?? (Request.Headers.Authorization.FirstOrDefault() is { } h && h.StartsWith("Bearer ") ? h["Bearer ".Length..] : null);
        if (token is null) return Task.FromResult(AuthenticateResult.NoResult());

        if (tokens.Read(token) is not { } grant)
        {
            Logger.LogWarning("Rejected an invalid role-link token from {RemoteIp}", Context.Connection.RemoteIpAddress);
            return Task.FromResult(AuthenticateResult.Fail("Liên kết không hợp lệ hoặc đã bị thu hồi."));
        }
        var identity = new ClaimsIdentity(GrantClaims.From(grant), SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}

public static class GrantClaims
{
    private const string Meeting = "ls:meeting", RoleClaim = "ls:role", Generation = "ls:gen", Participant = "ls:participant";

    public static IEnumerable<Claim> From(RoleGrant grant)
    {
        yield return new Claim(Meeting, grant.MeetingId);
        yield return new Claim(RoleClaim, grant.Role.ToString());
        yield return new Claim(Generation, grant.Generation.ToString());
        if (grant.ParticipantId is { } p) yield return new Claim(Participant, p);
    }

    public static RoleGrant? ToGrant(ClaimsPrincipal? user)
    {
        if (user?.FindFirst(Meeting)?.Value is not { } meeting) return null;
        return new RoleGrant(
            meeting,
            Enum.Parse<Role>(user.FindFirst(RoleClaim)!.Value),
            int.Parse(user.FindFirst(Generation)!.Value),
            user.FindFirst(Participant)?.Value);
    }
}
