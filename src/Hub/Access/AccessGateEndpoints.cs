using LiveSession.Domain.Access;
using LiveSession.Domain.Meetings;
using LiveSession.Hub.Meetings;
using LiveSession.Hub.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LiveSession.Hub.Access;

/// <summary>The meeting a role link opens, for an HTTP endpoint.</summary>
public sealed record LinkedMeeting(RoleGrant Grant, MeetingState State);

/// <summary>
/// The gate for HTTP endpoints: each declares its operation with <see cref="Requires{TBuilder}"/>, and a filter lets the
/// request through only when its holder may (a role link by "?t=" or a bearer token, checked fresh by the authentication;
/// the office by its admin key header; anyone for the public operations). Refusals are problem documents: 401 for a
/// missing, invalid, revoked or expired link, 403 for a holder the operation is not for.
/// </summary>
public static partial class AccessGateEndpoints
{
    public static TBuilder Requires<TBuilder>(this TBuilder endpoint, Operation operation) where TBuilder : IEndpointConventionBuilder
    {
        endpoint.WithMetadata(new RequiresAttribute(operation));
        if (Permissions.Allows(Holder.Anyone, operation)) return endpoint;
        return endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (await RefusalAsync(http, operation) is not { } refusal)
            {
                var result = await next(context);
                if (Permissions.ReadsPersonalData.Contains(operation) && result is not IStatusCodeHttpResult { StatusCode: >= 400 }
                    && GrantClaims.ToGrant(http.User) is { } grant)
                    http.RequestServices.GetRequiredService<Audit.AuditTrail>().Accessed(grant, operation, http.Request.Path);
                return result;
            }
            LogRefused(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<AccessGate>(), operation, http.Connection.RemoteIpAddress);
            return refusal;
        });
    }

    /// <summary>
    /// The same gate for an endpoint that is a pipeline of its own rather than a handler (endpoint filters never run
    /// there): <paramref name="map"/> maps it with the gate as the first step of its branch, and it is declared like the others.
    /// </summary>
    public static IEndpointConventionBuilder RequiresInBranch(Operation operation, Func<Action<IApplicationBuilder>, IEndpointConventionBuilder> map) =>
        map(branch => branch.Use(async (http, next) =>
        {
            if (await RefusalAsync(http, operation) is not { } refusal)
            {
                await next(http);
                return;
            }
            LogRefused(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<AccessGate>(), operation, http.Connection.RemoteIpAddress);
            await refusal.ExecuteAsync(http);
        })).WithMetadata(new RequiresAttribute(operation));

    [LoggerMessage(Level = LogLevel.Warning, Message = "The gate refused {Operation} to {RemoteIp}")]
    private static partial void LogRefused(ILogger logger, Operation operation, System.Net.IPAddress? remoteIp);

    /// <summary>Null when the request's holder may do <paramref name="operation"/>; otherwise the problem to answer with.</summary>
    public static async Task<IResult?> RefusalAsync(HttpContext http, Operation operation)
    {
        var link = await http.AuthenticateAsync(RoleLinkAuthenticationHandler.SchemeName);
        if (link.Failure is { } failure) return Problem(401, failure.Message);
        if (GrantClaims.ToGrant(link.Principal) is { } grant)
            return Permissions.Check(grant.Role, operation) is { } forbidden ? Problem(403, forbidden.Message) : null;
        var keys = http.RequestServices.GetRequiredService<IOptions<LiveSessionOptions>>().Value;
        Holder? holder = MeetingsApi.Office(http) is not null ? Holder.Office
            : ConfiguredKey.Matches(keys.WorkerKey, http.Request.Headers[Client.Protocol.TranscriptionClaims.KeyHeader].ToString()) ? Holder.Worker
            : null;
        if (holder is null) return Problem(401, "Cần liên kết truy cập của hội nghị hoặc mã quản trị.");
        return Permissions.Allows(holder.Value, operation) ? null : Problem(403, "Mã này không dùng được cho thao tác này.");
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
