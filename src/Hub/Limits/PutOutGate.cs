using LiveSession.Domain.Meetings;
using LiveSession.Hub.Access;
using LiveSession.Hub.Live;

namespace LiveSession.Hub.Limits;

/// <summary>
/// A participant put out for flooding (<see cref="RateLimits.IsPutOut"/>) is refused at the door of the meeting hub,
/// before a WebSocket is opened for it: its client's reconnect loop then costs the host one cheap request, not a join.
/// </summary>
public sealed class PutOutGate(RequestDelegate next, RateLimits limits)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(Client.Protocol.HubContract.Path)
            && GrantClaims.ToGrant(context.User) is { Role: Role.Participant, ParticipantId: { } participant } grant
            && limits.IsPutOut(grant.MeetingId, participant))
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await context.Response.WriteAsync(RateLimits.PutOut.Message);
            return;
        }
        await next(context);
    }
}
