using LiveSession.Client.Protocol;
using LiveSession.Domain.Meetings;
using Microsoft.AspNetCore.SignalR;

namespace LiveSession.Hub.Live;

/// <summary>Sends committed events to every client of a meeting (through the Redis backplane when it is on).</summary>
public sealed class MeetingBroadcaster(IHubContext<MeetingHub> hub)
{
    public static string Group(string meetingId) => $"meeting:{meetingId}";

    public Task PublishAsync(string meetingId, IReadOnlyList<VersionedEvent> events) =>
        hub.Clients.Group(Group(meetingId)).SendAsync(HubContract.Changed, events);
}
