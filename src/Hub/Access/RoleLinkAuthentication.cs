using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using LiveSession.Domain.Meetings;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LiveSession.Hub.Access;

/// <summary>
/// Authenticates a request by its role-link token: "access_token" (SignalR), "t" (page links) or
/// "Authorization: Bearer". The claims name the meeting, the role, the link generation and the participant.
/// A link rotated since it was issued, or of a meeting that no longer exists, authenticates nobody (<see cref="LinkRules"/>).
/// </summary>
public sealed partial class RoleLinkAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, RoleLinkTokens tokens, AccessGate gate)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "RoleLink";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = Request.Query["access_token"].FirstOrDefault() ?? Request.Query["t"].FirstOrDefault()
            ?? (Request.Headers.Authorization.FirstOrDefault() is { } h && h.StartsWith("Bearer ", StringComparison.Ordinal) ? h["Bearer ".Length..] : null);
        if (token is null) return AuthenticateResult.NoResult();

        if (tokens.Read(token) is not { } grant)
        {
            LogRejected(Logger, Context.Connection.RemoteIpAddress);
            return AuthenticateResult.Fail("Liên kết không hợp lệ hoặc đã bị thu hồi.");
        }
        if (await gate.CheckAsync(grant) is { } refused) return AuthenticateResult.Fail(refused.Message);
        var identity = new ClaimsIdentity(GrantClaims.From(grant), SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>A refused link is told why (invalid, revoked, meeting gone), as a problem document.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure;
        await Results.Problem(failure?.Message ?? "Cần liên kết truy cập của hội nghị.", statusCode: StatusCodes.Status401Unauthorized)
            .ExecuteAsync(Context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected an invalid role-link token from {RemoteIp}")]
    private static partial void LogRejected(ILogger logger, System.Net.IPAddress? remoteIp);
}

public static class GrantClaims
{
    private const string Meeting = "ls:meeting", RoleClaim = "ls:role", Generation = "ls:gen", Participant = "ls:participant", Expires = "ls:exp";

    public static IEnumerable<Claim> From(RoleGrant grant)
    {
        yield return new Claim(Meeting, grant.MeetingId);
        yield return new Claim(RoleClaim, grant.Role.ToString());
        yield return new Claim(Generation, grant.Generation.ToString(CultureInfo.InvariantCulture));
        if (grant.ParticipantId is { } p) yield return new Claim(Participant, p);
        if (grant.Expires is { } e) yield return new Claim(Expires, e.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
    }

    private const string ItemKey = "ls:grant";

    /// <summary>
    /// The grant of a hub connection: read from its claims once, then kept with the connection (where the hub replaces it
    /// when it gives a participant their own identity on Join, <see cref="Keep"/>).
    /// </summary>
    public static RoleGrant? Of(Microsoft.AspNetCore.SignalR.HubCallerContext connection) =>
        (RoleGrant?)(connection.Items[ItemKey] ??= ToGrant(connection.User));

    public static void Keep(Microsoft.AspNetCore.SignalR.HubCallerContext connection, RoleGrant grant) => connection.Items[ItemKey] = grant;

    public static RoleGrant? ToGrant(ClaimsPrincipal? user)
    {
        if (user?.FindFirst(Meeting)?.Value is not { } meeting) return null;
        return new RoleGrant(
            meeting,
            Enum.Parse<Role>(user.FindFirst(RoleClaim)!.Value),
            int.Parse(user.FindFirst(Generation)!.Value, CultureInfo.InvariantCulture),
            user.FindFirst(Participant)?.Value,
            user.FindFirst(Expires)?.Value is { } e ? DateTimeOffset.FromUnixTimeSeconds(long.Parse(e, CultureInfo.InvariantCulture)) : null);
    }
}
