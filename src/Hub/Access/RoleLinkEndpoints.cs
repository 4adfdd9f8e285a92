using LiveSession.Domain.Meetings;
using LiveSession.Hub.Meetings;

namespace LiveSession.Hub.Access;

/// <summary>The meeting a role link opens, for an HTTP endpoint.</summary>
public sealed record LinkedMeeting(RoleGrant Grant, MeetingState State);

/// <summary>
/// What the HTTP endpoints opened by a role link ("?t=" or a bearer token) share: authentication by the link,
/// the roles allowed, the meeting it opens (what this host knows plus the events since: the authentication has just read
/// them, so this is one small read, not the whole snapshot again), and refusal of a link rotated since.
/// </summary>
public static class RoleLinkEndpoints
{
    public static RouteHandlerBuilder RequireRoleLink(this RouteHandlerBuilder endpoint) =>
        endpoint.RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(RoleLinkAuthenticationHandler.SchemeName).RequireAuthenticatedUser());

    /// <summary>The meeting of the request's link when its role is one of <paramref name="allowed"/>; otherwise the problem to answer with.</summary>
    public static async Task<(LinkedMeeting? Meeting, IResult? Problem)> OpenAsync(
        HttpContext http, MeetingService meetings, IReadOnlyCollection<Role> allowed, string forbidden)
    {
        if (GrantClaims.ToGrant(http.User) is not { } grant || !allowed.Contains(grant.Role))
            return (null, Problem(403, forbidden));
        if (await meetings.CurrentAsync(grant.MeetingId) is not { } state)
            return (null, Problem(404, "Không tìm thấy hội nghị."));
        if (LinkGate.Check(grant, state) is { } refused)
            return (null, Problem(403, refused.Message));
        return (new LinkedMeeting(grant, state), null);
    }

    public static IResult Problem(int status, string detail) => Results.Problem(detail, statusCode: status);
}
