using LiveSession.Domain.Access;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Meetings;
using Microsoft.AspNetCore.Authentication;

namespace LiveSession.Hub.Access;

/// <summary>The meeting a role link opens, for an HTTP endpoint.</summary>
public sealed record LinkedMeeting(RoleGrant Grant, MeetingState State);

/// <summary>
/// The gate for HTTP endpoints: each declares its operation with <see cref="Requires{TBuilder}"/>, and a filter lets the
/// request through only when its holder may (a role link by "?t=" or a bearer token, checked fresh by the authentication;
/// the office by its admin key header; anyone for the public operations). Refusals are problem documents: 401 for a
/// missing, invalid, revoked or expired link, 403 for a holder the operation is not for.
/// </summary>
public static class AccessGateEndpoints
{
    public static TBuilder Requires<TBuilder>(this TBuilder endpoint, Operation operation) where TBuilder : IEndpointConventionBuilder
    {
        endpoint.WithMetadata(new RequiresAttribute(operation));
        if (Permissions.Allows(Holder.Anyone, operation)) return endpoint;
        return endpoint.AddEndpointFilter(async (context, next) =>
            await RefusalAsync(context.HttpContext, operation) is { } refusal ? refusal : await next(context));
    }

    /// <summary>Null when the request's holder may do <paramref name="operation"/>; otherwise the problem to answer with.</summary>
    public static async Task<IResult?> RefusalAsync(HttpContext http, Operation operation)
    {
        var link = await http.AuthenticateAsync(RoleLinkAuthenticationHandler.SchemeName);
        if (link.Failure is { } failure) return Problem(401, failure.Message);
        if (GrantClaims.ToGrant(link.Principal) is { } grant)
            return Permissions.Check(grant.Role, operation) is { } forbidden ? Problem(403, forbidden.Message) : null;
        if (http.RequestServices.GetRequiredService<MeetingAdministration>().IsAdminKey(http.Request.Headers[MeetingsApi.AdminKeyHeader].ToString()))
            return Permissions.Allows(Holder.Office, operation) ? null : Problem(403, "Văn phòng không thực hiện thao tác này bằng mã quản trị.");
        return Problem(401, "Cần liên kết truy cập của hội nghị hoặc mã quản trị.");
    }

    /// <summary>The meeting of the request's link (the gate has let it through), as this host knows it plus the events since.</summary>
    public static async Task<(LinkedMeeting? Meeting, IResult? Problem)> OpenAsync(HttpContext http, MeetingService meetings)
    {
        if (GrantClaims.ToGrant(http.User) is not { } grant || await meetings.CurrentAsync(grant.MeetingId) is not { } state)
            return (null, Problem(404, "Không tìm thấy hội nghị."));
        return (new LinkedMeeting(grant, state), null);
    }

    public static IResult Problem(int status, string detail) => Results.Problem(detail, statusCode: status);
}
